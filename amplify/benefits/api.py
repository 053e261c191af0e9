"""Benefits register API: list (filtered by country, kind, audience), create, and change or
end a benefit (with `If-Match`, as every update: 428 without it, 409 naming what changed)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import ERROR_CODES, Day, ErrorOut, IdPath, LongText, Page, Text, access
from amplify.benefits import services
from amplify.benefits.models import Audience, Benefit, Kind
from amplify.benefits.reports import current
from amplify.home.concurrency import if_match, set_version, version_of
from amplify.people.models import Country

router = Router(tags=["Benefits"])
KEEPERS = "impact admins and administrators (403 for anyone else)"
READERS = "impact admins, administrators and programme managers (403 for anyone else)"


class BenefitOut(Schema):
    id: int
    country_id: str | None
    kind: Kind
    title: str
    description: str
    audience: Audience
    languages: int | None
    enhanced: bool
    starts_on: date
    ends_on: date | None
    version: str

    @staticmethod
    def resolve_version(obj: Benefit) -> str:
        return version_of(obj, services.FIELDS)


class BenefitIn(Schema):
    country_id: str | None = Field(None, pattern="^[A-Z]{2}$", description="empty: every country")
    kind: Kind
    title: Text = Field(..., min_length=1, max_length=200)
    description: LongText = Field("", max_length=2000)
    audience: Audience = Audience.EMPLOYEES
    languages: int | None = Field(None, ge=1, le=services.MAX_LANGUAGES)
    enhanced: bool = False
    starts_on: Day
    ends_on: Day | None = None


class BenefitPatch(Schema):
    country_id: str | None = Field(None, pattern="^[A-Z]{2}$")
    kind: Kind | None = None
    title: Text | None = Field(None, min_length=1, max_length=200)
    description: LongText | None = Field(None, max_length=2000)
    audience: Audience | None = None
    languages: int | None = Field(None, ge=1, le=services.MAX_LANGUAGES)
    enhanced: bool | None = None
    starts_on: Day | None = None
    ends_on: Day | None = None


class BenefitFilter(Schema):
    country_id: str | None = Field(None, pattern="^[A-Z]{2}$")
    every_country: bool = Field(False, description="only those offered in every country")
    kind: Kind | None = None
    audience: Audience | None = None
    ended: bool = Field(False, description="include benefits that have ended")


def _country(data: dict[str, Any]) -> dict[str, Any]:
    if "country_id" not in data:
        return data
    code = data.pop("country_id")
    data["country"] = None
    if code is not None:
        data["country"] = Country.objects.filter(pk=code).first()
        if data["country"] is None:
            raise ValidationError(
                {"country": _("There is no country with the code %(code)s.") % {"code": code}}
            )
    return data


@router.get(
    "", response={200: list[BenefitOut], ERROR_CODES: ErrorOut}, openapi_extra=access(READERS)
)
@paginate(Page)
def list_benefits(request: AuthedRequest, filters: Query[BenefitFilter]) -> Any:
    require(request.user, "benefits.view_benefits")
    benefits = Benefit.objects.all() if filters.ended else current(today=timezone.localdate())
    if filters.every_country:
        benefits = benefits.filter(country__isnull=True)
    elif filters.country_id:
        benefits = benefits.filter(country_id=filters.country_id)
    if filters.kind:
        benefits = benefits.filter(kind=filters.kind)
    if filters.audience:
        benefits = benefits.filter(audience=filters.audience)
    return benefits.order_by("country__name", "kind", "starts_on", "pk")


@router.post("", response={201: BenefitOut, ERROR_CODES: ErrorOut}, openapi_extra=access(KEEPERS))
def create_benefit(request: AuthedRequest, payload: BenefitIn) -> Any:
    require(request.user, "benefits.manage_benefits")
    benefit = services.benefit_create(created_by=request.user, **_country(payload.dict()))
    return Status(201, benefit)


@router.get(
    "/{benefit_id}",
    response={200: BenefitOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(READERS),
)
def get_benefit(request: AuthedRequest, benefit_id: IdPath, response: HttpResponse) -> Any:
    """The `ETag` header is the benefit's version: send it back in `If-Match` to change it."""
    require(request.user, "benefits.view_benefits")
    benefit = get_object_or_404(Benefit, pk=benefit_id)
    set_version(response, version_of(benefit, services.FIELDS))
    return benefit


@router.patch(
    "/{benefit_id}",
    response={200: BenefitOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(KEEPERS + "; needs If-Match"),
)
def update_benefit(
    request: AuthedRequest, benefit_id: IdPath, payload: BenefitPatch, response: HttpResponse
) -> Any:
    """Change or end a benefit (set `ends_on`). Requires `If-Match` with the ETag of your last
    read (428 without it, 409 with the fields someone else changed since)."""
    require(request.user, "benefits.manage_benefits")
    benefit = get_object_or_404(Benefit, pk=benefit_id)
    version = if_match(request)
    data = _country(payload.dict(exclude_unset=True))
    benefit = services.benefit_update(
        benefit=benefit, changed_by=request.user, version=version, **data
    )
    set_version(response, version_of(benefit, services.FIELDS))
    return benefit
