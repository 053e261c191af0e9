"""Web links people type (an event's online link, a partner's website): one rule for every way
in. Only http and https are links: `javascript:` and `data:` run script when clicked, and other
schemes open applications nobody asked for.

The model field, the form field, the API type (`amplify.apischema.WebLink`) and the services all
call `validate_web_link`, so the rule and its message are written once.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

WEB_LINK_SCHEMES = ("http", "https")
WEB_LINK_MAX_LENGTH = 200
WEB_LINK_MESSAGE = _("Enter a web address starting with https:// or http://.")

_url = URLValidator(schemes=list(WEB_LINK_SCHEMES), message=WEB_LINK_MESSAGE)


def validate_web_link(value: str) -> None:
    """Raise ValidationError unless `value` is empty or an http(s) address."""
    if value:
        _url(value)


def is_web_link(value: str) -> bool:
    """Whether `value` may be rendered as a link (for rows stored before the rule existed)."""
    try:
        validate_web_link(value)
    except ValidationError:
        return False
    return bool(value)


class WebLinkFormField(forms.URLField):
    default_validators = [validate_web_link]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        kwargs.setdefault("max_length", WEB_LINK_MAX_LENGTH)
        super().__init__(**kwargs)


class WebLinkField(models.URLField):
    """A URLField that holds only http(s) addresses."""

    default_validators = [validate_web_link]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", WEB_LINK_MAX_LENGTH)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": WebLinkFormField, **kwargs})
