"""Giving ledger API: funds, recipient organisations, the ledger's lines (filtered, paged;
created, changed and deleted through the services the pages call), the per-fund roll-up, and
imports from CSV or XLSX. Changes and deletions need `If-Match` with the ETag of the caller's
last read (428 without it; 409 naming what changed since)."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest, require
from amplify.accounts.models import User
from amplify.apischema import (
    ERROR_CODES,
    MAX_ID,
    Day,
    ErrorOut,
    IdPath,
    LongText,
    Page,
    Text,
    WebLink,
    access,
)
from amplify.giving import importing, reports, services
from amplify.giving.models import Fund, Gift, InputType, Recipient
from amplify.giving.models import Status as GiftStatus
from amplify.home.concurrency import if_match, set_version, version_of
from amplify.people.models import Country
from amplify.programmes.models import Pillar, Programme

router = Router(tags=["Giving"])
KEEPERS = "impact admins and administrators (403 for anyone else)"
READERS = (
    "impact admins and administrators (every line); programme managers (the lines of their own"
    " programmes); 403 for anyone else"
)
Currency = Field(..., pattern="^[A-Z]{3}$", description="ISO 4217, e.g. USD")
BREAKDOWN = "^(fund|input_type|country|programme|pillar)$"


class FundOut(Schema):
    id: int
    name: str
    description: str
    illustrative: bool


class FundIn(Schema):
    name: Text = Field(..., min_length=1, max_length=160)
    description: LongText = Field("", max_length=2000)
    illustrative: bool = False


class FundPatch(Schema):
    name: Text | None = Field(None, min_length=1, max_length=160)
    description: LongText | None = Field(None, max_length=2000)
    illustrative: bool | None = None


class RecipientOut(Schema):
    id: int
    name: str
    charity_number: str
    country_id: str | None


class RecipientIn(Schema):
    name: Text = Field(..., min_length=1, max_length=200)
    charity_number: Text = Field("", max_length=40)
    country_id: str | None = Field(None, pattern="^[A-Z]{2}$")


class RecipientPatch(Schema):
    name: Text | None = Field(None, min_length=1, max_length=200)
    charity_number: Text | None = Field(None, max_length=40)
    country_id: str | None = Field(None, pattern="^[A-Z]{2}$")


class GiftOut(Schema):
    id: int
    given_on: date
    fund_id: int
    amount: Decimal
    currency: str
    status: GiftStatus
    input_type: InputType
    recipient_id: int
    cause: str
    country_id: str | None
    programme_id: int | None
    pillar_id: str | None
    evidence_link: str
    has_evidence_file: bool
    approved_by_id: int | None
    recorded_by_id: int | None
    version: str

    @staticmethod
    def resolve_has_evidence_file(obj: Gift) -> bool:
        return bool(obj.evidence_file)

    @staticmethod
    def resolve_version(obj: Gift) -> str:
        return version_of(obj, services.GIFT_FIELDS)


class GiftIn(Schema):
    given_on: Day
    fund_id: int = Field(..., ge=1, le=MAX_ID)
    amount: Decimal = Field(..., ge=0, le=services.MAX_AMOUNT, decimal_places=2)
    currency: str = Currency
    status: GiftStatus
    input_type: InputType
    recipient_id: int = Field(..., ge=1, le=MAX_ID)
    cause: Text = Field("", max_length=120)
    country_id: str | None = Field(None, pattern="^[A-Z]{2}$")
    programme_id: int | None = Field(None, ge=1, le=MAX_ID)
    pillar_id: str | None = Field(None, max_length=16)
    evidence_link: WebLink = ""
    approved_by_id: int | None = Field(None, ge=1, le=MAX_ID)
    request_key: str | None = Field(
        None,
        pattern="^[0-9a-fA-F-]{32,36}$",
        description="a UUID of the caller's: sending it again returns the line recorded first",
    )


class GiftPatch(Schema):
    given_on: Day | None = None
    fund_id: int | None = Field(None, ge=1, le=MAX_ID)
    amount: Decimal | None = Field(None, ge=0, le=services.MAX_AMOUNT, decimal_places=2)
    currency: str | None = Field(None, pattern="^[A-Z]{3}$")
    status: GiftStatus | None = None
    input_type: InputType | None = None
    recipient_id: int | None = Field(None, ge=1, le=MAX_ID)
    cause: Text | None = Field(None, max_length=120)
    country_id: str | None = Field(None, pattern="^[A-Z]{2}$")
    programme_id: int | None = Field(None, ge=1, le=MAX_ID)
    pillar_id: str | None = Field(None, max_length=16)
    evidence_link: WebLink | None = None
    approved_by_id: int | None = Field(None, ge=1, le=MAX_ID)


class GiftFilter(Schema):
    fund_id: int | None = Field(None, ge=1, le=MAX_ID)
    status: GiftStatus | None = None
    input_type: InputType | None = None
    country_id: str | None = Field(None, pattern="^[A-Z]{2}$")
    programme_id: int | None = Field(None, ge=1, le=MAX_ID)
    pillar_id: str | None = Field(None, max_length=16)
    year: int | None = Field(None, ge=1900, le=2200)


class TotalOut(Schema):
    key: str | None
    label: str
    currency: str
    committed: Decimal
    paid: Decimal
    organisations: int
    illustrative: bool


class GivingSummaryOut(Schema):
    since: int | None
    by: str
    totals: list[TotalOut]
    definitions: dict[str, str]


class SummaryFilter(Schema):
    since: int | None = Field(None, ge=1900, le=2200, description="default: the earliest line's")
    by: str = Field("fund", pattern=BREAKDOWN)


class RowErrorOut(Schema):
    row: int
    column: str | None
    message: str


class GiftImportOut(Schema):
    saved: bool
    rows_read: int
    created: int
    already_imported: int
    errors: list[RowErrorOut]
    more_errors: int
    warnings: list[str]


def _resolve(data: dict[str, Any]) -> dict[str, Any]:
    """Ids of the input as the objects the services take (422 naming the field if none)."""
    out: dict[str, Any] = {}
    lookups: dict[str, tuple[str, Any]] = {
        "fund_id": ("fund", Fund.objects.all()),
        "recipient_id": ("recipient", Recipient.objects.all()),
        "country_id": ("country", Country.objects.all()),
        "programme_id": ("programme", Programme.objects.all()),
        "pillar_id": ("pillar", Pillar.objects.all()),
        "approved_by_id": ("approved_by", User.objects.filter(is_active=True)),
    }
    errors: dict[str, str] = {}
    for key, value in data.items():
        if key not in lookups:
            out[key] = value
            continue
        name, queryset = lookups[key]
        if value is None:
            out[name] = None
            continue
        found = queryset.filter(pk=value).first()
        if found is None:
            errors[name] = _("There is no %(what)s with id %(id)s.") % {
                "what": name.replace("_", " "),
                "id": value,
            }
        out[name] = found
    if errors:
        raise ValidationError(errors)
    return out


# ---------- Funds ----------


@router.get(
    "/funds", response={200: list[FundOut], ERROR_CODES: ErrorOut}, openapi_extra=access(READERS)
)
@paginate(Page)
def list_funds(request: AuthedRequest) -> Any:
    require(request.user, "giving.view_ledger")
    return Fund.objects.order_by("name", "pk")


@router.post(
    "/funds", response={201: FundOut, ERROR_CODES: ErrorOut}, openapi_extra=access(KEEPERS)
)
def create_fund(request: AuthedRequest, payload: FundIn) -> Any:
    require(request.user, "giving.manage_ledger")
    return Status(201, services.fund_create(created_by=request.user, **payload.dict()))


@router.get(
    "/funds/{fund_id}",
    response={200: FundOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(READERS),
)
def get_fund(request: AuthedRequest, fund_id: IdPath, response: HttpResponse) -> Any:
    """The `ETag` header is the fund's version: send it back in `If-Match` to change it."""
    require(request.user, "giving.view_ledger")
    fund = get_object_or_404(Fund, pk=fund_id)
    set_version(response, version_of(fund, services.FUND_FIELDS))
    return fund


@router.patch(
    "/funds/{fund_id}",
    response={200: FundOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(KEEPERS + "; needs If-Match"),
)
def update_fund(
    request: AuthedRequest, fund_id: IdPath, payload: FundPatch, response: HttpResponse
) -> Any:
    require(request.user, "giving.manage_ledger")
    fund = get_object_or_404(Fund, pk=fund_id)
    version = if_match(request)
    fund = services.fund_update(
        fund=fund, changed_by=request.user, version=version, **payload.dict(exclude_unset=True)
    )
    set_version(response, version_of(fund, services.FUND_FIELDS))
    return fund


# ---------- Recipients ----------


@router.get(
    "/recipients",
    response={200: list[RecipientOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(READERS),
)
@paginate(Page)
def list_recipients(request: AuthedRequest) -> Any:
    require(request.user, "giving.view_ledger")
    return Recipient.objects.order_by("name", "pk")


@router.post(
    "/recipients",
    response={201: RecipientOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(KEEPERS),
)
def create_recipient(request: AuthedRequest, payload: RecipientIn) -> Any:
    require(request.user, "giving.manage_ledger")
    data = _resolve(payload.dict())
    return Status(201, services.recipient_create(created_by=request.user, **data))


@router.get(
    "/recipients/{recipient_id}",
    response={200: RecipientOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(READERS),
)
def get_recipient(request: AuthedRequest, recipient_id: IdPath, response: HttpResponse) -> Any:
    require(request.user, "giving.view_ledger")
    recipient = get_object_or_404(Recipient, pk=recipient_id)
    set_version(response, version_of(recipient, services.RECIPIENT_FIELDS))
    return recipient


@router.patch(
    "/recipients/{recipient_id}",
    response={200: RecipientOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(KEEPERS + "; needs If-Match"),
)
def update_recipient(
    request: AuthedRequest, recipient_id: IdPath, payload: RecipientPatch, response: HttpResponse
) -> Any:
    require(request.user, "giving.manage_ledger")
    recipient = get_object_or_404(Recipient, pk=recipient_id)
    version = if_match(request)
    data = _resolve(payload.dict(exclude_unset=True))
    recipient = services.recipient_update(
        recipient=recipient, changed_by=request.user, version=version, **data
    )
    set_version(response, version_of(recipient, services.RECIPIENT_FIELDS))
    return recipient


# ---------- Lines ----------


@router.get(
    "/gifts", response={200: list[GiftOut], ERROR_CODES: ErrorOut}, openapi_extra=access(READERS)
)
@paginate(Page)
def list_gifts(request: AuthedRequest, filters: Query[GiftFilter]) -> Any:
    require(request.user, "giving.view_ledger")
    data = {k.removesuffix("_id"): v for k, v in filters.dict().items()}
    return Gift.objects.for_user(request.user).matching(data).order_by("-given_on", "-pk")


@router.post(
    "/gifts", response={201: GiftOut, ERROR_CODES: ErrorOut}, openapi_extra=access(KEEPERS)
)
def create_gift(request: AuthedRequest, payload: GiftIn) -> Any:
    require(request.user, "giving.manage_ledger")
    data = _resolve(payload.dict())
    key = data.pop("request_key")
    gift = services.gift_create(
        recorded_by=request.user, request_key=uuid.UUID(key) if key else None, **data
    )
    return Status(201, gift)


def _gift(request: AuthedRequest, gift_id: int) -> Gift:
    require(request.user, "giving.view_ledger")
    return get_object_or_404(Gift.objects.for_user(request.user), pk=gift_id)


@router.get(
    "/gifts/{gift_id}",
    response={200: GiftOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(READERS + "; 404 for a line the caller may not read"),
)
def get_gift(request: AuthedRequest, gift_id: IdPath, response: HttpResponse) -> Any:
    """The `ETag` header is the line's version: send it back in `If-Match` to change it."""
    gift = _gift(request, gift_id)
    set_version(response, version_of(gift, services.GIFT_FIELDS))
    return gift


@router.patch(
    "/gifts/{gift_id}",
    response={200: GiftOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(KEEPERS + "; needs If-Match"),
)
def update_gift(
    request: AuthedRequest, gift_id: IdPath, payload: GiftPatch, response: HttpResponse
) -> Any:
    """Requires `If-Match` with the ETag of your last read (428 without it, 409 with the
    fields someone else changed since)."""
    gift = _gift(request, gift_id)
    require(request.user, "giving.manage_ledger")
    version = if_match(request)
    data = _resolve(payload.dict(exclude_unset=True))
    gift = services.gift_update(gift=gift, changed_by=request.user, version=version, **data)
    set_version(response, version_of(gift, services.GIFT_FIELDS))
    return gift


@router.delete(
    "/gifts/{gift_id}",
    response={204: None, ERROR_CODES: ErrorOut},
    openapi_extra=access(KEEPERS + "; needs If-Match"),
)
def delete_gift(request: AuthedRequest, gift_id: IdPath) -> Any:
    gift = _gift(request, gift_id)
    require(request.user, "giving.manage_ledger")
    version = if_match(request)
    services.gift_delete(gift=gift, deleted_by=request.user, version=version)
    return Status(204, None)


# ---------- Roll-ups, imports ----------


@router.get(
    "/summary",
    response={200: GivingSummaryOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(READERS + "; a programme manager's totals are of her lines only"),
)
def summary(request: AuthedRequest, filters: Query[SummaryFilter]) -> Any:
    """Committed and paid per fund (or `by` another group) and currency, and organisations
    supported, since a year: never a total across currencies."""
    require(request.user, "giving.view_ledger")
    user = None if request.user.has_perm("giving.manage_ledger") else request.user
    since = filters.since
    if since is None:
        since = reports.earliest_year(Gift.objects.for_user(request.user))
    totals = reports.totals(by=filters.by, since=since, user=user)
    return {
        "since": since,
        "by": filters.by,
        "totals": [{**t.__dict__, "key": None if t.key is None else str(t.key)} for t in totals],
        "definitions": {str(term): str(text) for term, text in reports.definitions()},
    }


@router.post(
    "/imports",
    response={200: GiftImportOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(KEEPERS + "; multipart `file`: CSV or XLSX, all rows or none saved"),
)
def import_gifts(request: AuthedRequest, file: File[UploadedFile]) -> Any:
    """`saved` false: nothing was saved, and `errors` lists each row's errors."""
    require(request.user, "giving.manage_ledger")
    content = file.read(settings.AMPLIFY_IMPORT_MAX_BYTES + 1)
    result = importing.gifts_import(
        imported_by=request.user, filename=file.name or "", content=content
    )
    return {
        "saved": result.saved,
        "rows_read": result.rows_read,
        "created": result.created,
        "already_imported": result.already,
        "errors": result.error_lines(),
        "more_errors": result.more_errors,
        "warnings": result.warning_lines(),
    }
