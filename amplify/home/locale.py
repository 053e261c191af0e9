"""The language and time zone a request is served in.

Django's LocaleMiddleware has already chosen from the switcher's cookie or the browser's
Accept-Language; here a signed-in person's own choice (her profile) wins, and her time zone
is activated so that dates and times read as her clock does. The API follows the caller's
Accept-Language: a script asks in the language it wants its error messages in.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

# The request attribute that carries the signed-in person to the layout, so the page's
# navigation does not read her again.
LAYOUT_PERSON = "amplify_layout_person"
LAYOUT_PERSON_FIELDS = ("pk", "name", "preferred_name", "interface_language", "time_zone")


def supported_language(code: str | None) -> str | None:
    """The code of one of settings.LANGUAGES that `code` names, or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def _zone(name: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def layout_person(request: HttpRequest) -> Any:
    """The signed-in person (or None), read once per request."""
    if not hasattr(request, LAYOUT_PERSON):
        from amplify.people.models import Person

        person = None
        if request.user.is_authenticated:
            person = Person.objects.filter(user=request.user).only(*LAYOUT_PERSON_FIELDS).first()
        setattr(request, LAYOUT_PERSON, person)
    return getattr(request, LAYOUT_PERSON)


class PersonLocaleMiddleware:
    """Activate the signed-in person's language and time zone on pages. The API is left to
    the caller's Accept-Language, and its times carry their UTC offset."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.api_prefix = "/api/"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        zone = None
        if not request.path.startswith(self.api_prefix) and request.user.is_authenticated:
            person = layout_person(request)
            if person is not None:
                language = supported_language(person.interface_language)
                if language:
                    translation.activate(language)
                    request.LANGUAGE_CODE = language
                zone = _zone(person.time_zone)
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def language_choices() -> list[tuple[str, str]]:
    """Each language in its own name, as the switcher and the profile form offer them."""
    return [(code, name) for code, name in settings.LANGUAGES]
