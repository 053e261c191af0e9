"""Outcomes API: a person's own outcomes and recording one, confirming or rejecting one (the
cohort's managers), a cohort's counts (a count under 5 comes back as null), and the
cohort's showcase. Files are uploaded through the pages; the API takes links."""

import uuid
from datetime import date, datetime
from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
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
    Text,
    WebLink,
    access,
)
from amplify.core.outcomes import shown_count
from amplify.experiments.models import Experiment
from amplify.outcomes import services
from amplify.outcomes.models import TEXT_MAX_LENGTH, Kind, Outcome, ShowcaseProject
from amplify.people.models import Person
from amplify.programmes.models import Cohort

router = Router(tags=["outcomes"])


class OutcomeIn(Schema):
    kind: Kind
    happened_on: Day
    cohort_id: int | None = Field(None, ge=1, le=MAX_ID)
    experiment_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="The person's own experiment that led to it."
    )
    person_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Someone else's (a manager of her cohort): confirmed."
    )
    organisation: Text = Field("", max_length=200)
    description: LongText = Field("", max_length=TEXT_MAX_LENGTH)
    evidence_link: WebLink = ""
    request_key: uuid.UUID | None = Field(
        None, description="Send the same key again (a retry) and the outcome is recorded once."
    )


class OutcomeOut(Schema):
    id: int
    person_id: int
    cohort_id: int | None
    experiment_id: int | None
    kind: str
    happened_on: date
    organisation: str
    description: str
    during_programme: bool | None
    recorded_by_id: int | None
    recorded_at: datetime
    verification: str
    verified_by_id: int | None
    verified_at: datetime | None
    rejection_reason: str
    evidence_link: str
    has_evidence_file: bool

    @staticmethod
    def resolve_has_evidence_file(obj: Outcome) -> bool:
        return bool(obj.evidence_file)


class OutcomeFilter(Schema):
    cohort_id: int | None = Field(None, ge=1, le=MAX_ID)
    person_id: int | None = Field(None, ge=1, le=MAX_ID)


class VerifyIn(Schema):
    confirm: bool
    reason: LongText = Field("", max_length=TEXT_MAX_LENGTH)


class KindCountOut(Schema):
    kind: str
    people: int | None = Field(..., description="null: fewer than 5 (never shown as a figure)")
    during_programme: int | None


class CountsOut(Schema):
    cohort_id: int
    mentees_employed_during_programme: int | None = Field(
        ..., description="Confirmed job, apprenticeship or internship; null when fewer than 5."
    )
    by_kind: list[KindCountOut]


class ProjectOut(Schema):
    id: int
    person_id: int
    person_name: str
    cohort_id: int
    event_id: int
    title: str
    summary: str
    link: str
    has_file: bool
    updated_at: datetime

    @staticmethod
    def resolve_person_name(obj: ShowcaseProject) -> str:
        return obj.person.display_name

    @staticmethod
    def resolve_has_file(obj: ShowcaseProject) -> bool:
        return bool(obj.file)


class ProjectIn(Schema):
    title: Text = Field(..., min_length=1, max_length=160)
    summary: LongText = Field(..., min_length=1, max_length=TEXT_MAX_LENGTH)
    link: WebLink = ""


@router.get(
    "/outcomes",
    response={200: list[OutcomeOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "signed in; one's own outcomes, the cohorts' one runs, every one for impact admins "
        "and administrators"
    ),
)
@paginate(Page)
def list_outcomes(request: AuthedRequest, filters: Query[OutcomeFilter]) -> Any:
    outcomes = Outcome.objects.for_user(request.user).order_by("-happened_on", "-pk")
    if filters.cohort_id:
        outcomes = outcomes.filter(cohort_id=filters.cohort_id)
    if filters.person_id:
        outcomes = outcomes.filter(person_id=filters.person_id)
    return outcomes


@router.post(
    "/outcomes",
    response={201: OutcomeOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "signed in; one's own (self-reported), or, with person_id, a manager of her cohort"
    ),
)
def record_outcome(request: AuthedRequest, payload: OutcomeIn) -> Any:
    if payload.person_id is None:
        person = Person.objects.filter(user=request.user).first()
        if person is None:
            raise Http404
    else:
        person = get_object_or_404(Person.objects.for_user(request.user), pk=payload.person_id)
    cohort = None
    if payload.cohort_id is not None:
        cohort = get_object_or_404(Cohort.objects.for_user(request.user), pk=payload.cohort_id)
    experiment = None
    if payload.experiment_id is not None:
        experiment = get_object_or_404(
            Experiment.objects.for_user(request.user), pk=payload.experiment_id
        )
    data = payload.dict(exclude={"person_id", "cohort_id", "experiment_id"})
    outcome = services.outcome_record(
        person=person, recorded_by=request.user, cohort=cohort, experiment=experiment, **data
    )
    return Status(201, (outcome))


@router.get(
    "/outcomes/{outcome_id}",
    response={200: OutcomeOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; 404 unless the outcome is one's own or of a cohort one runs"),
)
def get_outcome(request: AuthedRequest, outcome_id: IdPath) -> Any:
    return get_object_or_404(Outcome.objects.for_user(request.user), pk=outcome_id)


@router.post(
    "/outcomes/{outcome_id}/verification",
    response={200: OutcomeOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("a manager of the outcome's cohort or an administrator (403 otherwise)"),
)
def verify_outcome(request: AuthedRequest, outcome_id: IdPath, payload: VerifyIn) -> Any:
    """Confirm (`confirm: true`) or reject with a `reason`."""
    outcome = get_object_or_404(
        Outcome.objects.for_user(request.user).select_related("person"), pk=outcome_id
    )
    require(request.user, "outcomes.verify_outcome", outcome)
    done = services.outcome_verify(
        outcome=outcome, by=request.user, confirm=payload.confirm, reason=payload.reason
    )
    return done


def _cohort(request: AuthedRequest, cohort_id: int) -> Cohort:
    return get_object_or_404(Cohort.objects.for_user(request.user), pk=cohort_id)


@router.get(
    "/cohorts/{cohort_id}/outcome-counts",
    response={200: CountsOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's managers, impact admins and administrators (403 otherwise)"),
)
def outcome_counts(request: AuthedRequest, cohort_id: IdPath) -> Any:
    cohort = _cohort(request, cohort_id)
    require(request.user, "outcomes.view_cohort_outcomes", cohort)
    counted = Outcome.objects.filter(cohort=cohort).counted()
    by_kind = []
    for kind in Kind.values:
        of_kind = counted.filter(kind=kind)
        by_kind.append(
            {
                "kind": kind,
                "people": shown_count(of_kind.values("person_id").distinct().count()),
                "during_programme": shown_count(
                    of_kind.during_the_programme().values("person_id").distinct().count()
                ),
            }
        )
    return {
        "cohort_id": cohort.pk,
        "mentees_employed_during_programme": shown_count(
            Outcome.objects.mentees_employed_during(cohort)
        ),
        "by_kind": by_kind,
    }


@router.get(
    "/cohorts/{cohort_id}/showcase",
    response={200: list[ProjectOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; the cohort's people and its managers (404 otherwise)"),
)
def list_showcase(request: AuthedRequest, cohort_id: IdPath) -> Any:
    cohort = _cohort(request, cohort_id)
    projects = ShowcaseProject.objects.for_user(request.user).filter(cohort=cohort)
    return projects.select_related("person")[:500]


@router.put(
    "/cohorts/{cohort_id}/showcase/mine",
    response={200: ProjectOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("a mentee of the cohort, her own project, until the showcase starts"),
)
def save_my(request: AuthedRequest, cohort_id: IdPath, payload: ProjectIn) -> Any:
    cohort = _cohort(request, cohort_id)
    person = Person.objects.filter(user=request.user).first()
    if person is None or not services.showcase_mentee(person, cohort):
        raise Http404
    project = services.showcase_project_save(
        person=person, cohort=cohort, changed_by=request.user, **payload.dict()
    )
    return project
