"""Shared API pieces: authentication, the error shape, and input types with bounds.

Every string input is `Text` (one line: no control character at all) or `LongText` (may hold
line breaks and tabs), the rule of amplify.core.text that forms and the importer share; every
id is a positive 63-bit integer. So no request, however odd, reaches the database as something
it would reject with a 500, or a calendar file or email header it would break.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema
from ninja.pagination import LimitOffsetPagination
from ninja.security import HttpBearer
from pydantic import AfterValidator

from amplify.accounts.mfa import MFA_SETUP_MESSAGE, mfa_setup_required
from amplify.accounts.services import api_token_authenticate
from amplify.home.control_characters import describe_control_character
from amplify.home.links import WEB_LINK_MAX_LENGTH, validate_web_link

MAX_ID = 2**63 - 1
_D = TypeVar("_D", date, datetime)


def _one_line(value: str) -> str:
    message = describe_control_character(value)
    if message:
        raise ValueError(message)
    return value


def _multi_line(value: str) -> str:
    message = describe_control_character(value, multiline=True)
    if message:
        raise ValueError(message)
    return value


def _plausible_year(value: _D) -> _D:
    # Far-off years overflow when a time is converted to UTC; no programme needs them.
    if not 1900 <= value.year <= 2200:
        raise ValueError(_("must be between the years 1900 and 2200"))
    return value


def _web_link(value: str) -> str:
    try:
        validate_web_link(value)
    except ValidationError as error:
        raise ValueError(" ".join(error.messages)) from None
    return value


Text = Annotated[str, AfterValidator(_one_line)]
LongText = Annotated[str, AfterValidator(_multi_line)]
# An http(s) address or empty: the rule of amplify.home.links, shared with models and forms.
WebLink = Annotated[str, Field(max_length=WEB_LINK_MAX_LENGTH), AfterValidator(_web_link)]
Day = Annotated[date, AfterValidator(_plausible_year)]
Moment = Annotated[datetime, AfterValidator(_plausible_year)]
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
SlugPath = Annotated[str, Path(max_length=160, pattern=r"^[-a-zA-Z0-9_]+$")]


class TokenAuth(HttpBearer):
    """Personal API tokens: `Authorization: Bearer amp_…`. The staff second-factor rule
    applies exactly as it does to a browser session (a 403 until TOTP is set up)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(raw=token)
        if user is not None:
            if mfa_setup_required(user):
                raise PermissionDenied(MFA_SETUP_MESSAGE)
            request.user = user
        return user


# Every error an operation can answer, documented in the schema: bad input (422, also from
# validation), not signed in (401), not allowed (403), not found or not visible (404),
# method (405), a conflict with someone else's change (409), too large (413), an update
# without If-Match (428), too many requests (429).
ERROR_CODES = frozenset({400, 401, 403, 404, 405, 409, 413, 422, 428, 429})


class ErrorOut(Schema):
    detail: str | list[dict[str, Any]]
    errors: dict[str, list[str]] | None = None


class Page(LimitOffsetPagination):
    """limit/offset paging with an upper bound on both, so a huge offset is a 422."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500)
        offset: int = Field(0, ge=0, le=10_000_000)


def access(description: str) -> dict[str, str]:
    """openapi_extra for an operation: who may call it, shown in the API docs."""
    return {"x-access": description}
