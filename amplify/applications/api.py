"""Applications API: a cohort's review queue and decisions, its application settings, the
evidence (impact admins), and partner referrals. Applicants use the public pages: the API
is for signed-in staff and partners."""

from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import ERROR_CODES, MAX_ID, Day, ErrorOut, IdPath, Page, Text, access
from amplify.applications import services
from amplify.applications.models import (
    Application,
    ApplicationEvidence,
    ApplicationSettings,
    Criterion,
    Stage,
)
from amplify.applications.reasons import eligibility_summary
from amplify.applications.referring import own_partner
from amplify.applications.reviewing import queue_filter
from amplify.applications.rules import may_read_evidence
from amplify.home.concurrency import if_match, set_version, version_of
from amplify.programmes.models import Cohort

router = Router(tags=["applications"])
Action = Literal["shortlist", "offer", "waitlist", "decline", "withdraw"]


class FailureOut(Schema):
    code: str
    params: dict[str, Any]


class ApplicationOut(Schema):
    id: int
    cohort_id: int
    stage: Stage
    name: str
    email: str
    postcode: str
    right_to_take_part: bool | None
    interests: list[str]
    career_aspiration: str
    languages: list[str]
    availability: list[int]
    heard_from: str
    complete: bool
    submitted_at: datetime | None
    eligible: bool | None
    eligibility: str = Field(
        ..., description="In words, with the criteria met (never the answers)."
    )
    failures: list[FailureOut]
    criteria_met: list[Criterion]
    referred_by_id: int | None
    offer_deadline: date | None
    decline_reason: str
    person_id: int | None

    @staticmethod
    def resolve_eligibility(obj: Application) -> str:
        return eligibility_summary(obj)


class EvidenceOut(Schema):
    application_id: int
    date_of_birth: date | None
    parental_occupation: str
    school_type: str
    free_school_meals: str
    first_generation_university: str


class QueueFilter(Schema):
    stage: Stage | None = None
    eligible: Literal["yes", "no", "undecided"] | None = None
    partner: str | None = Field(
        None, max_length=20, pattern=r"^(none|\d+)$", description="A partner id, or none."
    )
    complete: Literal["yes", "no"] | None = None
    q: Text | None = Field(None, max_length=200)


class DecisionIn(Schema):
    action: Action
    reason: Text = Field("", max_length=300)
    deadline: Day | None = Field(None, description="For an offer; default: the cohort's days.")


class SettingsOut(Schema):
    cohort_id: int
    min_age: int
    max_age: int
    criteria: list[Criterion]
    require_right_to_take_part: bool
    acceptance_days: int
    retention_days: int


class SettingsPatch(Schema):
    min_age: int | None = Field(None, ge=0, le=120)
    max_age: int | None = Field(None, ge=0, le=120)
    criteria: list[Criterion] | None = None
    require_right_to_take_part: bool | None = None
    acceptance_days: int | None = Field(None, ge=1, le=365)
    retention_days: int | None = Field(None, ge=0, le=3650)


class ReferralIn(Schema):
    cohort_id: int = Field(..., ge=1, le=MAX_ID)
    name: Text = Field(..., min_length=1, max_length=200)
    email: Text = Field(..., min_length=3, max_length=254)


class ReferralOut(Schema):
    """What a partner sees of a referral: who, where, and the stage only."""

    id: int
    cohort_id: int
    name: str
    stage: Stage
    created_at: datetime


def _cohort(request: AuthedRequest, cohort_id: int) -> Cohort:
    cohort = get_object_or_404(Cohort.objects.for_user(request.user), pk=cohort_id)
    require(request.user, "applications.review", cohort)
    return cohort


def _application(request: AuthedRequest, application_id: int) -> Application:
    application = get_object_or_404(
        Application.objects.for_user(request.user).select_related("cohort"), pk=application_id
    )
    require(request.user, "applications.review_application", application)
    return application


@router.get(
    "/cohorts/{cohort_id}/applications",
    response={200: list[ApplicationOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
@paginate(Page)
def list_applications(
    request: AuthedRequest, cohort_id: IdPath, filters: Query[QueueFilter]
) -> Any:
    cohort = _cohort(request, cohort_id)
    applications = Application.objects.for_user(request.user).filter(cohort=cohort)
    applications, _chosen = queue_filter(applications, filters.dict(exclude_none=True))
    return applications.order_by("-submitted_at", "name", "pk")


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def get_application(request: AuthedRequest, application_id: IdPath) -> Application:
    return _application(request, application_id)


@router.get(
    "/applications/{application_id}/evidence",
    response={200: EvidenceOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("impact admins only (date of birth and socioeconomic answers)"),
)
def get_evidence(request: AuthedRequest, application_id: IdPath) -> ApplicationEvidence:
    application = get_object_or_404(Application.objects.for_user(request.user), pk=application_id)
    if not may_read_evidence(request.user):
        raise PermissionDenied(_("Only impact admins may read eligibility evidence."))
    return get_object_or_404(ApplicationEvidence, application=application)


@router.post(
    "/applications/{application_id}/decision",
    response={200: ApplicationOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def decide(request: AuthedRequest, application_id: IdPath, payload: DecisionIn) -> Application:
    """Shortlist, offer (emailed, with an acceptance deadline), waitlist, decline (with a
    reason) or mark withdrawn. Repeating a decision already made changes nothing."""
    application = _application(request, application_id)
    return services.application_decide(
        application=application,
        action=payload.action,
        decided_by=request.user,
        reason=payload.reason,
        deadline=payload.deadline,
    )


def _settings_out(settings: ApplicationSettings, response: HttpResponse) -> ApplicationSettings:
    set_version(response, version_of(settings if settings.pk else None, services.SETTINGS_FIELDS))
    return settings


@router.get(
    "/cohorts/{cohort_id}/application-settings",
    response={200: SettingsOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def get_settings(
    request: AuthedRequest, cohort_id: IdPath, response: HttpResponse
) -> ApplicationSettings:
    """The `ETag` header is the settings' version: send it back in `If-Match` to change them."""
    return _settings_out(ApplicationSettings.for_cohort(_cohort(request, cohort_id)), response)


@router.patch(
    "/cohorts/{cohort_id}/application-settings",
    response={200: SettingsOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def update_settings(
    request: AuthedRequest, cohort_id: IdPath, payload: SettingsPatch, response: HttpResponse
) -> ApplicationSettings:
    """Requires `If-Match` with the ETag of your last read (428 without it, 409 with the
    fields someone else changed since)."""
    cohort = _cohort(request, cohort_id)
    version = if_match(request)
    settings = services.application_settings_save(
        cohort=cohort,
        changed_by=request.user,
        version=version,
        **payload.dict(exclude_unset=True),
    )
    return _settings_out(settings, response)


@router.get(
    "/referrals",
    response={200: list[ReferralOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("outreach partner staff: their own organisation's referrals"),
)
@paginate(Page)
def list_referrals(request: AuthedRequest) -> Any:
    require(request.user, "applications.refer")
    return Application.objects.referred_by_user(request.user).order_by("-created_at", "pk")


@router.post(
    "/referrals",
    response={201: ReferralOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("outreach partner staff, to a recruiting cohort"),
)
def create_referral(request: AuthedRequest, payload: ReferralIn) -> Status[Application]:
    """The referred person is emailed an invitation to complete her application."""
    require(request.user, "applications.refer")
    cohort = get_object_or_404(
        Cohort.objects.filter(status=Cohort.Status.RECRUITING), pk=payload.cohort_id
    )
    application = services.referral_create(
        cohort=cohort,
        partner=own_partner(request),
        name=payload.name,
        email=payload.email,
        referred_by=request.user,
        language=get_language() or "",
    )
    return Status(201, application)
