"""Test help for pages: send a form back as the browser would."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse


def form_data(page: HttpResponse, name: str = "form") -> dict[str, Any]:
    """The values of the page's form as it was shown (its hidden version included)."""
    form = page.context[name]  # type: ignore[attr-defined]
    data = {}
    for field in form.fields:
        value = form[field].value()
        if value is None or value is False:
            continue  # an empty field, or an unticked box, is not sent
        data[field] = value
    return data
