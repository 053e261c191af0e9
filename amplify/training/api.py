"""Training API: a mentor's own progress, marking an activity done and accepting the code;
a programme's curriculum, its verification queue, a cohort's readiness and background
checks, for its managers. The same services as the pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import ERROR_CODES, MAX_ID, Day, ErrorOut, IdPath, LongText, Text, access
from amplify.core import training as core
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.training import services
from amplify.training.labels import gap_labels
from amplify.training.models import Activity, BackgroundCheck, CodeOfConduct, Module
from amplify.training.readiness import cohort_readiness, curriculum_of

router = Router(tags=["training"])
MANAGERS = "the programme's managers and administrators; 404 unless the caller may see it"


class ModuleOut(Schema):
    id: int
    title: str
    hours: float
    safeguarding: bool
    self_paced: bool
    event_ids: list[int]


class CurriculumOut(Schema):
    programme_id: int
    hours: float = Field(description="The curriculum's hours (the safeguarding module aside)")
    modules: list[ModuleOut]
    require_safeguarding: bool
    require_code_of_conduct: bool
    require_background_check: bool
    code_id: int | None
    code_version: int | None


class ProgressOut(Schema):
    module_id: int
    hours: float
    done_hours: float
    complete: bool


class ReadinessOut(Schema):
    person_id: int
    cohort_id: int
    ready: bool
    hours: float
    required_hours: float
    hours_left: float
    gaps: list[str] = Field(description="Codes: " + ", ".join(core.CODES))
    reasons: list[str] = Field(description="The gaps, in the language of the request")
    modules: list[ProgressOut]


class ActivityIn(Schema):
    module_id: int = Field(..., ge=1, le=MAX_ID)
    summary: LongText = Field(..., min_length=1, max_length=2000)


class ActivityOut(Schema):
    id: int
    module_id: int
    person_id: int
    status: str
    summary: str
    marked_at: datetime
    verified_by_id: int | None
    verified_at: datetime | None
    note: str


class ReturnIn(Schema):
    note: Text = Field(..., min_length=1, max_length=500)


class AcceptanceOut(Schema):
    code_id: int
    version: int
    person_id: int
    accepted_at: datetime


class CheckIn(Schema):
    person_id: int = Field(..., ge=1, le=MAX_ID)
    kind: BackgroundCheck.Kind
    status: BackgroundCheck.Status
    checked_on: Day | None = None
    expires_on: Day | None = None
    reference: Text = Field("", max_length=80)


class CheckOut(Schema):
    id: int
    programme_id: int
    person_id: int
    kind: str
    status: str
    checked_on: date | None
    expires_on: date | None
    reference: str
    verified_by_id: int | None
    recorded_at: datetime


def _readiness_out(cohort: Cohort, person_id: int, r: core.Readiness) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "cohort_id": cohort.pk,
        "ready": r.ready,
        "hours": r.hours,
        "required_hours": r.required_hours,
        "hours_left": r.hours_left,
        "gaps": list(r.gaps),
        "reasons": gap_labels(r.gaps),
        "modules": [
            {
                "module_id": int(m.key),
                "hours": m.hours,
                "done_hours": m.done_hours,
                "complete": m.complete,
            }
            for m in r.modules
        ],
    }


def _me(request: AuthedRequest) -> Person:
    return get_object_or_404(Person, user=request.user)


# ---------- The mentor's own ----------


@router.get(
    "/mine",
    response={200: list[ReadinessOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; the caller's own training, for each cohort she mentors in"),
)
def my_training(request: AuthedRequest) -> Any:
    me = Person.objects.filter(user=request.user).first()
    if me is None:
        return []
    cohorts = (
        Cohort.objects.filter(enrolments__person=me, enrolments__role=Enrolment.Role.MENTOR)
        .select_related("programme")
        .order_by("-starts_on")[:20]
    )
    return [_readiness_out(c, me.pk, cohort_readiness(c, [me.pk])[me.pk]) for c in cohorts]


@router.post(
    "/activities",
    response={201: ActivityOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "a mentor of the module's programme, for herself; 404 for a module she may not see"
    ),
)
def mark_done(request: AuthedRequest, payload: ActivityIn) -> Any:
    """Mark a module's self-paced activity done; its managers are asked to verify it. Sent
    again, it updates the one activity."""
    module = get_object_or_404(Module.objects.for_user(request.user), pk=payload.module_id)
    activity = services.activity_mark_done(
        module=module, person=_me(request), summary=payload.summary
    )
    return Status(201, activity)


@router.post(
    "/codes/{code_id}/acceptance",
    response={201: AcceptanceOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("a mentor of the code's programme, for herself"),
)
def accept_code(request: AuthedRequest, code_id: IdPath) -> Any:
    code = get_object_or_404(CodeOfConduct.objects.for_user(request.user), pk=code_id)
    acceptance = services.code_accept(code=code, person=_me(request))
    return Status(
        201,
        {
            "code_id": code.pk,
            "version": code.version,
            "person_id": acceptance.person_id,
            "accepted_at": acceptance.accepted_at,
        },
    )


# ---------- The programme's managers ----------


def _programme(request: AuthedRequest, programme_id: int) -> Programme:
    programme = get_object_or_404(Programme.objects.for_user(request.user), pk=programme_id)
    require(request.user, "training.manage", programme)
    return programme


@router.get(
    "/programmes/{programme_id}/curriculum",
    response={200: CurriculumOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def get_curriculum(request: AuthedRequest, programme_id: IdPath) -> Any:
    return _curriculum_out(_programme(request, programme_id))


def _curriculum_out(programme: Programme) -> dict[str, Any]:
    c = curriculum_of(programme)
    links: dict[int, list[int]] = {}
    for module_id, event_id in Module.events.through.objects.filter(
        module__programme=programme
    ).values_list("module_id", "event_id"):
        links.setdefault(module_id, []).append(event_id)
    req = c.requirements
    return {
        "programme_id": programme.pk,
        "hours": req.hours,
        "modules": [
            {
                "id": m.pk,
                "title": m.title,
                "hours": float(m.hours),
                "safeguarding": m.safeguarding,
                "self_paced": m.self_paced,
                "event_ids": sorted(links.get(m.pk, [])),
            }
            for m in c.modules
        ],
        "require_safeguarding": req.safeguarding,
        "require_code_of_conduct": req.code_of_conduct,
        "require_background_check": req.background_check,
        "code_id": c.code.pk if c.code else None,
        "code_version": c.code.version if c.code else None,
    }


@router.post(
    "/programmes/{programme_id}/curriculum/default",
    response={201: CurriculumOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def create_default_curriculum(request: AuthedRequest, programme_id: IdPath) -> Any:
    """The seed's curriculum, every screening item required and a first code of conduct;
    what exists already is kept (safe to send again)."""
    programme = _programme(request, programme_id)
    services.curriculum_create_default(programme=programme, created_by=request.user)
    return Status(201, _curriculum_out(programme))


@router.get(
    "/programmes/{programme_id}/activities",
    response={200: list[ActivityOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def activities_to_verify(request: AuthedRequest, programme_id: IdPath) -> Any:
    programme = _programme(request, programme_id)
    return list(Activity.objects.to_verify().filter(module__programme=programme)[:500])


def _activity(request: AuthedRequest, activity_id: int) -> Activity:
    activity = get_object_or_404(
        Activity.objects.for_user(request.user).select_related("module__programme"),
        pk=activity_id,
    )
    require(request.user, "training.verify_activity", activity)
    return activity


@router.post(
    "/activities/{activity_id}/verify",
    response={200: ActivityOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS + "; never the mentor's own"),
)
def verify_activity(request: AuthedRequest, activity_id: IdPath) -> Any:
    """Verified once, whoever sends it and however often; the mentor is told once."""
    return services.activity_verify(
        activity=_activity(request, activity_id), verified_by=request.user
    )


@router.post(
    "/activities/{activity_id}/return",
    response={200: ActivityOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS + "; never the mentor's own"),
)
def return_activity(request: AuthedRequest, activity_id: IdPath, payload: ReturnIn) -> Any:
    return services.activity_return(
        activity=_activity(request, activity_id), returned_by=request.user, note=payload.note
    )


@router.get(
    "/cohorts/{cohort_id}/readiness",
    response={200: list[ReadinessOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the cohort's managers and administrators; 404 unless the caller may see it"
    ),
)
def cohort_readiness_list(request: AuthedRequest, cohort_id: IdPath) -> Any:
    cohort = get_object_or_404(
        Cohort.objects.for_user(request.user).select_related("programme"), pk=cohort_id
    )
    require(request.user, "programmes.manage_cohort", cohort)
    mentors = list(
        Enrolment.objects.filter(
            cohort=cohort, role=Enrolment.Role.MENTOR, status=Enrolment.Status.ACTIVE
        )
        .order_by("person_id")
        .values_list("person_id", flat=True)
    )
    ready = cohort_readiness(cohort, mentors)
    return [_readiness_out(cohort, p, ready[p]) for p in mentors]


@router.post(
    "/programmes/{programme_id}/checks",
    response={201: CheckOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS + "; a record only, no check service is called"),
)
def record_check(request: AuthedRequest, programme_id: IdPath, payload: CheckIn) -> Any:
    programme = _programme(request, programme_id)
    person = get_object_or_404(Person.objects.for_user(request.user), pk=payload.person_id)
    check = services.background_check_record(
        programme=programme,
        person=person,
        verified_by=request.user,
        kind=payload.kind,
        status=payload.status,
        checked_on=payload.checked_on,
        expires_on=payload.expires_on,
        reference=payload.reference,
    )
    return Status(201, check)
