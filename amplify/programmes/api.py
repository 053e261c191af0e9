"""Programmes API: programmes, cohorts, enrolments and pairings."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import (
    ERROR_CODES,
    MAX_ID,
    Day,
    ErrorOut,
    IdPath,
    LongText,
    Page,
    SlugPath,
    Text,
    access,
)
from amplify.home.concurrency import if_match, set_version, version_of
from amplify.people.models import Person
from amplify.programmes import lifecycle, services
from amplify.programmes.models import Cohort, Enrolment, Pairing, Pillar, Programme

router = Router(tags=["programmes"])


class ProgrammeOut(Schema):
    id: int
    slug: SlugPath
    name: str
    kind: str
    summary: str
    description: str
    pillars: list[str]
    manager_ids: list[int]

    @staticmethod
    def resolve_pillars(obj: Programme) -> list[str]:
        return [p.code for p in obj.pillars.all()]

    @staticmethod
    def resolve_manager_ids(obj: Programme) -> list[int]:
        return [m.pk for m in obj.managers.all()]


class ProgrammeIn(Schema):
    name: Text = Field(..., min_length=1, max_length=160)
    kind: Literal["leadership", "mentoring"]
    summary: Text = Field("", max_length=300)
    description: LongText = Field("", max_length=20_000)
    pillars: list[Literal["M", "I", "L", "E", "S"]] = Field(default_factory=list, max_length=5)


class ProgrammePatch(Schema):
    name: Text | None = Field(None, min_length=1, max_length=160)
    summary: Text | None = Field(None, max_length=300)
    description: LongText | None = Field(None, max_length=20_000)
    pillars: list[Literal["M", "I", "L", "E", "S"]] | None = Field(None, max_length=5)
    manager_ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None = Field(None, max_length=50)


class CohortOut(Schema):
    id: int
    programme: str = Field(..., alias="programme.slug")
    name: str
    number: int
    starts_on: date
    ends_on: date
    status: str
    description: str


class CohortStatusOut(CohortOut):
    undelivered: list[str] = Field(
        default_factory=list,
        description="People whose pair announcement, held until this move, could not be sent",
    )


class CohortIn(Schema):
    name: Text = Field(..., min_length=1, max_length=160)
    starts_on: Day
    ends_on: Day
    number: int | None = Field(None, ge=1, le=32767)
    description: LongText = Field("", max_length=20_000)


class CohortPatch(Schema):
    name: Text | None = Field(None, min_length=1, max_length=160)
    starts_on: Day | None = None
    ends_on: Day | None = None
    description: LongText | None = Field(None, max_length=20_000)


class CohortFilter(Schema):
    programme: Text | None = Field(None, max_length=160, description="Programme slug")
    status: Literal["draft", "recruiting", "matching", "running", "closed"] | None = None


class StatusIn(Schema):
    status: Literal["draft", "recruiting", "matching", "running", "closed"]


class MoveOut(Schema):
    status: str
    action: str
    explanation: str
    effects: list[str]


class StatusOut(Schema):
    status: str
    moves: list[MoveOut]


class EnrolmentOut(Schema):
    id: int
    cohort_id: int
    person_id: int
    person_name: str = Field(..., alias="person.name")
    role: str
    status: str
    enrolled_at: datetime
    ended_at: datetime | None


class EnrolmentIn(Schema):
    person_id: int = Field(..., ge=1, le=MAX_ID)
    role: Literal["participant", "mentor", "mentee", "coach", "sponsor", "programme_manager"]


class EnrolmentFilter(Schema):
    role: (
        Literal["participant", "mentor", "mentee", "coach", "sponsor", "programme_manager"] | None
    ) = None
    status: Literal["active", "completed", "withdrawn"] | None = None


class WithdrawIn(Schema):
    note: Text = Field("", max_length=300)


class PairingOut(Schema):
    id: int
    cohort_id: int
    kind: str
    mentor_id: int
    mentee_id: int
    started_on: date
    ended_on: date | None
    current: bool = Field(
        ..., description="Going on now: not ended, and its cohort not closed", alias="is_current"
    )


class PairingFilter(Schema):
    when: Literal["current", "past"] | None = Field(
        None, description="current: going on now; past: ended, or in a closed cohort"
    )


class PairingIn(Schema):
    kind: Literal["mentoring", "coaching"]
    mentor_id: int = Field(..., ge=1, le=MAX_ID)
    mentee_id: int = Field(..., ge=1, le=MAX_ID)
    started_on: Day


def _programme(request: AuthedRequest, slug: SlugPath) -> Programme:
    return get_object_or_404(
        Programme.objects.for_user(request.user).prefetch_related("pillars", "managers"),
        slug=slug,
    )


def _cohort(request: AuthedRequest, cohort_id: int) -> Cohort:
    return get_object_or_404(
        Cohort.objects.for_user(request.user).select_related("programme"), pk=cohort_id
    )


def _person(request: AuthedRequest, person_id: int, field: str) -> Person:
    person = Person.objects.for_user(request.user).filter(pk=person_id).first()
    if person is None:
        raise ValidationError(
            {field: _("No person %(person_id)s that you can see.") % {"person_id": person_id}}
        )
    return person


@router.get(
    "/programmes",
    response={200: list[ProgrammeOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "signed in; programmes the caller manages or takes part in (all, for impact admins)"
    ),
)
@paginate(Page)
def list_programmes(request: AuthedRequest) -> Any:
    return Programme.objects.for_user(request.user).prefetch_related("pillars", "managers")


@router.post(
    "/programmes",
    response={201: ProgrammeOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("programme managers and administrators"),
)
def create_programme(request: AuthedRequest, payload: ProgrammeIn) -> Status[Programme]:
    require(request.user, "programmes.add_programme")
    programme = services.programme_create(
        name=payload.name,
        kind=payload.kind,
        summary=payload.summary,
        description=payload.description,
        created_by=request.user,
        pillars=Pillar.objects.filter(code__in=payload.pillars),
    )
    return Status(201, programme)


@router.get(
    "/programmes/{slug}",
    response={200: ProgrammeOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; 404 unless the caller may see the programme"),
)
def get_programme(request: AuthedRequest, slug: SlugPath, response: HttpResponse) -> Programme:
    """The `ETag` header is the programme's version: send it back in `If-Match` to change it."""
    programme = _programme(request, slug)
    set_version(response, version_of(programme, services.PROGRAMME_FIELDS))
    return programme


@router.patch(
    "/programmes/{slug}",
    response={200: ProgrammeOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the programme's managers and administrators"),
)
def update_programme(
    request: AuthedRequest, slug: SlugPath, payload: ProgrammePatch, response: HttpResponse
) -> Programme:
    """Requires `If-Match` with the ETag of your last read (428 without it, 409 with the
    fields someone else changed since)."""
    programme = _programme(request, slug)
    require(request.user, "programmes.change_programme", programme)
    version = if_match(request)
    # null means "leave as it is", like leaving the field out.
    fields: dict[str, Any] = payload.dict(
        exclude_unset=True, exclude_none=True, exclude={"manager_ids"}
    )
    if "pillars" in fields:
        fields["pillars"] = list(Pillar.objects.filter(code__in=fields["pillars"] or []))
    if payload.manager_ids is not None:
        fields["managers"] = [_person(request, pk, "manager_ids") for pk in payload.manager_ids]
    services.programme_update(
        programme=programme, changed_by=request.user, version=version, **fields
    )
    programme = _programme(request, programme.slug)
    set_version(response, version_of(programme, services.PROGRAMME_FIELDS))
    return programme


@router.get(
    "/cohorts",
    response={200: list[CohortOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; cohorts the caller manages or belongs to"),
)
@paginate(Page)
def list_cohorts(request: AuthedRequest, filters: Query[CohortFilter]) -> Any:
    cohorts = Cohort.objects.for_user(request.user).select_related("programme")
    if filters.programme:
        cohorts = cohorts.filter(programme__slug=filters.programme)
    if filters.status:
        cohorts = cohorts.filter(status=filters.status)
    return cohorts.order_by("-starts_on", "pk")


@router.post(
    "/programmes/{slug}/cohorts",
    response={201: CohortOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the programme's managers and administrators"),
)
def create_cohort(request: AuthedRequest, slug: SlugPath, payload: CohortIn) -> Status[Cohort]:
    programme = _programme(request, slug)
    require(request.user, "programmes.add_cohort", programme)
    cohort = services.cohort_create(programme=programme, created_by=request.user, **payload.dict())
    return Status(201, cohort)


@router.get(
    "/cohorts/{cohort_id}",
    response={200: CohortOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; 404 unless the caller may see the cohort"),
)
def get_cohort(request: AuthedRequest, cohort_id: IdPath, response: HttpResponse) -> Cohort:
    """The `ETag` header is the cohort's version: send it back in `If-Match` to change it."""
    cohort = _cohort(request, cohort_id)
    set_version(response, version_of(cohort, services.COHORT_FIELDS))
    return cohort


@router.patch(
    "/cohorts/{cohort_id}",
    response={200: CohortOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def update_cohort(
    request: AuthedRequest, cohort_id: IdPath, payload: CohortPatch, response: HttpResponse
) -> Cohort:
    """Requires `If-Match` with the ETag of your last read (428 without it, 409 with the
    fields someone else changed since)."""
    cohort = _cohort(request, cohort_id)
    require(request.user, "programmes.manage_cohort", cohort)
    version = if_match(request)
    data = payload.dict(exclude_unset=True)
    cohort = services.cohort_update(
        cohort=cohort,
        changed_by=request.user,
        version=version,
        name=data.get("name") or cohort.name,
        starts_on=data.get("starts_on") or cohort.starts_on,
        ends_on=data.get("ends_on") or cohort.ends_on,
        description=data["description"]
        if data.get("description") is not None
        else cohort.description,
    )
    set_version(response, version_of(cohort, services.COHORT_FIELDS))
    return cohort


@router.get(
    "/cohorts/{cohort_id}/status",
    response={200: StatusOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "signed in; 404 unless the caller may see the cohort; moves listed for its managers"
    ),
)
def get_cohort_status(
    request: AuthedRequest, cohort_id: IdPath, response: HttpResponse
) -> dict[str, Any]:
    """The cohort's status and the moves the caller may make from it, each with what it
    would change now: the API's confirmation. The `ETag` is the status's version: send it in
    `If-Match` to make a move."""
    cohort = _cohort(request, cohort_id)
    set_version(response, version_of(cohort, lifecycle.STATUS_FIELDS))
    manages = request.user.has_perm("programmes.manage_cohort", cohort)
    moves = [
        {
            "status": t.target,
            "action": str(t.action).rstrip("…"),
            "explanation": str(t.explanation),
            "effects": lifecycle.cohort_status_effects(cohort, t),
        }
        for t in lifecycle.cohort_transitions(cohort)
        if manages and request.user.has_perm(t.permission, cohort)
    ]
    return {"status": cohort.status, "moves": moves}


@router.post(
    "/cohorts/{cohort_id}/status",
    response={200: CohortStatusOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the cohort's programme managers and administrators; reopening a closed cohort, "
        "the programme's managers and administrators"
    ),
)
def set_cohort_status(
    request: AuthedRequest, cohort_id: IdPath, payload: StatusIn, response: HttpResponse
) -> Any:
    """Move the cohort one step along draft → recruiting → matching → running → closed, or
    one step back (closed → running reopens it). Requires `If-Match` with the ETag of
    `GET /cohorts/{id}/status` (428 without it, 409 if the status moved since). Moving to
    matching or running emails the people of pairs published before; `undelivered` names
    those the email could not reach."""
    cohort = _cohort(request, cohort_id)
    require(request.user, "programmes.manage_cohort", cohort)
    version = if_match(request)
    undelivered: list[str] = []
    cohort = lifecycle.cohort_set_status(
        cohort=cohort,
        status=payload.status,
        changed_by=request.user,
        version=version,
        undelivered=undelivered,
    )
    set_version(response, version_of(cohort, lifecycle.STATUS_FIELDS))
    cohort = _cohort(request, cohort_id)
    cohort.undelivered = undelivered  # type: ignore[attr-defined]
    return cohort


@router.get(
    "/cohorts/{cohort_id}/enrolments",
    response={200: list[EnrolmentOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("cohort members see the members they may see; managers all"),
)
@paginate(Page)
def list_enrolments(
    request: AuthedRequest, cohort_id: IdPath, filters: Query[EnrolmentFilter]
) -> Any:
    cohort = _cohort(request, cohort_id)
    enrolments = Enrolment.objects.for_user(request.user).filter(cohort=cohort)
    if filters.role:
        enrolments = enrolments.filter(role=filters.role)
    if filters.status:
        enrolments = enrolments.filter(status=filters.status)
    return enrolments.select_related("person").order_by("role", "person__name", "pk")


@router.post(
    "/cohorts/{cohort_id}/enrolments",
    response={201: EnrolmentOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def enrol(request: AuthedRequest, cohort_id: IdPath, payload: EnrolmentIn) -> Status[Enrolment]:
    cohort = _cohort(request, cohort_id)
    require(request.user, "programmes.manage_cohort", cohort)
    person = _person(request, payload.person_id, "person_id")
    enrolment = services.cohort_enrol(
        cohort=cohort, person=person, role=payload.role, enrolled_by=request.user
    )
    return Status(201, enrolment)


@router.post(
    "/enrolments/{enrolment_id}/withdraw",
    response={200: EnrolmentOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def withdraw(request: AuthedRequest, enrolment_id: IdPath, payload: WithdrawIn) -> Enrolment:
    enrolment = get_object_or_404(
        Enrolment.objects.for_user(request.user).select_related("cohort", "person"),
        pk=enrolment_id,
    )
    require(request.user, "programmes.manage_cohort", enrolment.cohort)
    return services.enrolment_withdraw(
        enrolment=enrolment, changed_by=request.user, note=payload.note
    )


@router.get(
    "/cohorts/{cohort_id}/pairings",
    response={200: list[PairingOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("managers see all pairs; members only their own"),
)
@paginate(Page)
def list_pairings(request: AuthedRequest, cohort_id: IdPath, filters: Query[PairingFilter]) -> Any:
    cohort = _cohort(request, cohort_id)
    pairings = Pairing.objects.for_user(request.user).filter(cohort=cohort).with_is_current()
    if filters.when == "current":
        pairings = pairings.current()
    elif filters.when == "past":
        pairings = pairings.past()
    return pairings.order_by("pk")


@router.post(
    "/cohorts/{cohort_id}/pairings",
    response={201: PairingOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def create_pairing(
    request: AuthedRequest, cohort_id: IdPath, payload: PairingIn
) -> Status[Pairing]:
    cohort = _cohort(request, cohort_id)
    require(request.user, "programmes.manage_cohort", cohort)
    pairing = services.pairing_create(
        cohort=cohort,
        kind=payload.kind,
        started_on=payload.started_on,
        mentor=_person(request, payload.mentor_id, "mentor_id"),
        mentee=_person(request, payload.mentee_id, "mentee_id"),
        created_by=request.user,
    )
    return Status(201, Pairing.objects.with_is_current().get(pk=pairing.pk))
