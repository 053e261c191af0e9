"""The control-character rule of amplify.core.text, applied at every Django boundary:

- forms: every CharField of every project form (`amplify.home.forms.Form`/`ModelForm`);
  a Textarea is multi-line, any other widget one line;
- models: every CharField (one line) and TextField (multi-line) of the project's models, so
  the admin and every service calling full_clean() refuse them too;
- query strings: control characters are dropped from every GET parameter before a view sees
  it (a search for "%00" is a search for nothing, not a 500 on PostgreSQL);
- the API: `amplify.apischema.Text`/`LongText`; the importer calls the core rule itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from amplify.core.text import ControlCharacter, find_control_character, strip_control_characters

if TYPE_CHECKING:
    from django.http.request import _ImmutableQueryDict


# What each kind of control character the core finds (amplify.core.text.KINDS) is told as;
# the msgid is stored by the importer with its parameters and translated when shown.
MESSAGES = {
    "nul": gettext_noop("Contains a NUL byte at character %(position)s; remove it."),
    "line_break": gettext_noop("Contains a line break at character %(position)s; remove it."),
    "tab": gettext_noop("Contains a tab at character %(position)s; remove it."),
    "other": gettext_noop(
        "Contains the control character %(code)s at character %(position)s; remove it."
    ),
}


def control_character_text(found: ControlCharacter) -> tuple[str, dict[str, Any]]:
    """The core's finding as a msgid and its parameters, to store or to translate."""
    params: dict[str, Any] = {"position": found.position}
    if found.kind == "other":
        params["code"] = found.code
    return MESSAGES[found.kind], params


def describe_control_character(value: str, *, multiline: bool = False) -> str | None:
    """The core's rule (amplify.core.text) told in the reader's language: which disallowed
    control character `value` holds and where, or None."""
    found = find_control_character(value, multiline=multiline)
    if found is None:
        return None
    msgid, params = control_character_text(found)
    return _(msgid) % params


@deconstructible
class ControlCharacterValidator:
    """Refuses control characters; `multiline` allows line breaks and tabs."""

    code = "control_character"

    def __init__(self, *, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, value: Any) -> None:
        if isinstance(value, str):
            message = describe_control_character(value, multiline=self.multiline)
            if message is not None:
                raise ValidationError(message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ControlCharacterValidator) and other.multiline == self.multiline

    def __hash__(self) -> int:
        return hash((type(self), self.multiline))


SINGLE_LINE = ControlCharacterValidator(multiline=False)
MULTI_LINE = ControlCharacterValidator(multiline=True)


def guard_form_fields(fields: dict[str, forms.Field]) -> None:
    """Add the rule to each text field of a form instance (its fields are its own copies)."""
    for field in fields.values():
        if isinstance(field, forms.CharField) and not any(
            isinstance(v, ControlCharacterValidator) for v in field.validators
        ):
            multiline = isinstance(field.widget, forms.Textarea)
            field.validators.append(MULTI_LINE if multiline else SINGLE_LINE)


def guard_model_fields() -> None:
    """Give every CharField and TextField of the project's models the rule.

    It is set as the field's default validators (what a field type brings), not as its
    `validators` argument, so it applies without a migration in every app; runs once, from
    HomeConfig.ready(), before any model is validated."""
    for model in apps.get_models():
        if not model.__module__.startswith("amplify."):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.TextField):
                rule = MULTI_LINE
            elif isinstance(field, models.CharField):
                rule = SINGLE_LINE
            else:
                continue
            field.default_validators = [*type(field).default_validators, rule]
            field.__dict__.pop("validators", None)  # drop a cached list, if any


def clean_query_string(query: QueryDict) -> QueryDict:
    """`query` without control characters in its keys and values."""
    cleaned = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        cleaned.setlist(
            strip_control_characters(key), [strip_control_characters(v) for v in values]
        )
    cleaned._mutable = False
    return cleaned


class QueryStringMiddleware:
    """Drops control characters from every GET parameter, for every view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.GET and any(
            strip_control_characters(k) != k or strip_control_characters(v) != v
            for k, values in request.GET.lists()
            for v in values
        ):
            # Immutable like the original (the stubs type request.GET as the read-only kind).
            request.GET = cast("_ImmutableQueryDict", clean_query_string(request.GET))
        return self.get_response(request)
