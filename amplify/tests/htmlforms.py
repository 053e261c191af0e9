"""Test help: send an HTML form back exactly as a browser would, from the page's markup (so
every widget, hidden field and inline formset of an admin page is sent without knowing it)."""

from __future__ import annotations

from html.parser import HTMLParser

from django.http import HttpResponse
from django.test import Client


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._in_form = False
        self._select: tuple[str, bool] | None = None  # name, multiple
        self._select_values: list[str] = []
        self._select_first: str | None = None
        self._option: tuple[str | None, bool] | None = None  # value, selected
        self._option_text = ""
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._in_form = True
            self.forms.append([])
            return
        if not self._in_form:
            return
        name = a.get("name")
        fields = self.forms[-1]
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields.append((name, a.get("value", "on")))
                return
            fields.append((name, a.get("value", "")))
        elif tag == "select" and name and "disabled" not in a:
            self._select = (name, "multiple" in a)
            self._select_values = []
            self._select_first = None
        elif tag == "option" and self._select is not None:
            self._option = (a.get("value"), "selected" in a)
            self._option_text = ""
        elif tag == "textarea" and name and "disabled" not in a:
            self._textarea = name
            self._text = ""

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option_text += data
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self._option is not None and self._select is not None:
            value = self._option[0] if self._option[0] is not None else self._option_text.strip()
            if self._select_first is None:
                self._select_first = value
            if self._option[1]:
                self._select_values.append(value)
            self._option = None
        elif tag == "select" and self._select is not None:
            name, multiple = self._select
            values = self._select_values
            if not values and not multiple and self._select_first is not None:
                values = [self._select_first]  # a browser sends the first option
            self.forms[-1].extend((name, v) for v in values)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline that may follow the opening tag.
            self.forms[-1].append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._in_form = False


def html_forms(html: str) -> list[dict[str, list[str]]]:
    """Every form of the page, as the browser would submit it: name -> values."""
    parser = _Forms()
    parser.feed(html)
    out = []
    for fields in parser.forms:
        data: dict[str, list[str]] = {}
        for name, value in fields:
            data.setdefault(name, []).append(value)
        out.append(data)
    return out


def post_form(html: str, *, having: str) -> dict[str, list[str]]:
    """The one form of the page with a field named `having`."""
    found = [form for form in html_forms(html) if having in form]
    assert len(found) == 1, f"{len(found)} forms with a field {having!r}"
    return found[0]


def submit(client: Client, url: str, *, having: str, **changes: str) -> HttpResponse:
    """Open the page, and send its form (the one with a field `having`) back as shown, with
    these fields changed: an admin delete page is confirmed with `having="post"`."""
    page = client.get(url)
    assert page.status_code == 200, url
    data = post_form(page.content.decode(), having=having)
    data.update({name: [value] for name, value in changes.items()})
    return client.post(url, data)  # type: ignore[return-value]
