"""Showcase API: the judge's slots and marks, the programme's rubric, the cohort's schedule
and judges (its managers), the results (hidden until published), the audience vote. The
endpoints call the services the pages call."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import ERROR_CODES, ErrorOut, IdPath, Moment, Text, access
from amplify.events.models import Event
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.showcase import results, services
from amplify.showcase.models import (
    Criterion,
    JudgeAssignment,
    Publication,
    Rubric,
    Slot,
)

router = Router(tags=["Showcase"])
MANAGERS = "the cohort's programme managers and administrators; 404 for those who do not see it"
JUDGE_ONLY = "the judge named for the slot; 404 for anyone else (managers included)"


class CriterionOut(Schema):
    id: int
    name: str
    description: str
    position: int


class CriterionIn(Schema):
    name: Text = Field(..., max_length=80)
    description: Text = Field("", max_length=300)
    position: int | None = Field(None, ge=0, le=100)


class RubricOut(Schema):
    programme_id: int
    locked: bool = Field(..., description="true while a showcase is being judged")
    guidance: str = Field(..., description="shown above the marks on each judge's page")
    criteria: list[CriterionOut]


class JudgeOut(Schema):
    assignment_id: int
    judge_id: int
    judge_name: str
    scored: bool
    conflict: str | None


class SlotOut(Schema):
    id: int
    event_id: int
    title: str
    experiment_id: int | None
    home_group_id: int | None
    starts_at: datetime
    ends_at: datetime
    position: int
    room: str


class ManagedSlotOut(SlotOut):
    judges: list[JudgeOut]


class SlotIn(Schema):
    starts_at: Moment
    ends_at: Moment
    position: int = Field(..., ge=0, le=1000)
    room: Text = Field("", max_length=80)


class ScheduleIn(Schema):
    minutes: int | None = Field(None, ge=5, le=240, description="empty: the time shared equally")
    room: Text = Field("", max_length=80)


class AssignIn(Schema):
    judge_id: int = Field(..., ge=1, le=2**63 - 1)


class SponsorsIn(Schema):
    per_slot: int = Field(3, ge=1, le=15)


class MarkIO(Schema):
    criterion_id: int = Field(..., ge=1, le=2**63 - 1)
    value: int = Field(..., ge=1, le=5)


class MarksIn(Schema):
    marks: list[MarkIO] = Field(..., max_length=50)
    comment: Text = Field("", max_length=services.COMMENT_MAX_LENGTH)


class MyAssignmentOut(Schema):
    assignment_id: int
    slot: SlotOut
    scored: bool
    marks: list[MarkIO]
    comment: str
    published: bool


class ProgressOut(Schema):
    assignments: int
    scored: int
    percent: int


class ResultOut(Schema):
    slot_id: int
    title: str
    rank: int
    tied: bool
    combined: float
    raw_mean: float
    judges: int
    profile: dict[str, float] = Field(..., description="criterion id -> mean normalised mark")
    raw_profile: dict[str, float] = Field(..., description="criterion id -> mean mark (1-5)")


class ResultsOut(Schema):
    published: bool
    published_at: datetime | None
    results: list[ResultOut]


class VoteOpenIn(Schema):
    open: bool


class VoteIn(Schema):
    slot_id: int = Field(..., ge=1, le=2**63 - 1)


class VoteCountOut(Schema):
    slot_id: int
    title: str
    votes: int | None = Field(..., description="null: fewer than 5")


def _slot_out(slot: Slot) -> dict[str, Any]:
    return {
        f: getattr(slot, f)
        for f in (
            "id",
            "event_id",
            "title",
            "experiment_id",
            "home_group_id",
            "starts_at",
            "ends_at",
            "position",
            "room",
        )
    }


def _cohort(request: AuthedRequest, cohort_id: int) -> Cohort:
    return get_object_or_404(
        Cohort.objects.for_user(request.user)
        .filter(programme__kind=Programme.Kind.LEADERSHIP)
        .select_related("programme"),
        pk=cohort_id,
    )


def _event(cohort: Cohort) -> Event:
    event = services.showcase_of(cohort.pk)
    if event is None:
        raise Http404
    return event


def _managed(request: AuthedRequest, cohort_id: int) -> tuple[Cohort, Event]:
    cohort = _cohort(request, cohort_id)
    require(request.user, "showcase.manage", cohort)
    return cohort, _event(cohort)


def _managed_slot(request: AuthedRequest, slot_id: int) -> Slot:
    slot = get_object_or_404(
        Slot.objects.for_user(request.user).select_related("event__cohort__programme"), pk=slot_id
    )
    require(request.user, "showcase.manage", slot.event.cohort)
    return slot


def _me(request: AuthedRequest) -> Person:
    me = Person.objects.filter(user=request.user).first()
    if me is None:
        raise PermissionDenied
    return me


# ---------- The judge ----------


def _my_assignment_out(a: JudgeAssignment, published: set[int]) -> dict[str, Any]:
    return {
        "assignment_id": a.pk,
        "slot": _slot_out(a.slot),
        "scored": a.scored_at is not None,
        "marks": [{"criterion_id": s.criterion_id, "value": s.value} for s in a.scores.all()],
        "comment": a.comment,
        "published": a.slot.event_id in published,
    }


@router.get(
    "/mine",
    response={200: list[MyAssignmentOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("any signed-in person: the slots she judges and her own marks only"),
)
def my_slots(request: AuthedRequest) -> list[dict[str, Any]]:
    found = list(
        JudgeAssignment.objects.filter(judge__user=request.user)
        .select_related("slot")
        .prefetch_related("scores")
        .order_by("-slot__starts_at", "pk")[:500]
    )
    published = set(
        Publication.objects.filter(
            event_id__in={a.slot.event_id for a in found}, published_at__isnull=False
        ).values_list("event_id", flat=True)
    )
    return [_my_assignment_out(a, published) for a in found]


def _own(request: AuthedRequest, slot_id: int) -> JudgeAssignment:
    assignment = get_object_or_404(
        JudgeAssignment.objects.select_related("judge", "slot__event"),
        slot_id=slot_id,
        judge__user=request.user,
    )
    require(request.user, "showcase.score", assignment)
    return assignment


@router.get(
    "/slots/{slot_id}/marks",
    response={200: MyAssignmentOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(JUDGE_ONLY),
)
def get_marks(request: AuthedRequest, slot_id: IdPath) -> dict[str, Any]:
    assignment = _own(request, slot_id)
    published = (
        {assignment.slot.event_id} if services.is_published(assignment.slot.event) else set()
    )
    return _my_assignment_out(
        JudgeAssignment.objects.prefetch_related("scores")
        .select_related("slot")
        .get(pk=assignment.pk),
        published,
    )


@router.put(
    "/slots/{slot_id}/marks",
    response={200: MyAssignmentOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        JUDGE_ONLY + "; one mark (1-5) per criterion of the rubric, all at once; the same marks"
        " again change nothing; 422 once the results are published or with a conflict of"
        " interest"
    ),
)
def put_marks(request: AuthedRequest, slot_id: IdPath, payload: MarksIn) -> dict[str, Any]:
    assignment = _own(request, slot_id)
    services.scores_save(
        assignment=assignment,
        judge=assignment.judge,
        values={m.criterion_id: m.value for m in payload.marks},
        comment=payload.comment,
    )
    return get_marks(request, slot_id)


# ---------- The rubric ----------


def _rubric_out(programme: Programme) -> dict[str, Any]:
    rubric = Rubric.objects.filter(programme=programme).first()
    return {
        "programme_id": programme.pk,
        "locked": bool(rubric and services.rubric_locked(rubric)),
        "guidance": rubric.guidance if rubric else "",
        "criteria": list(Criterion.objects.filter(rubric=rubric)) if rubric else [],
    }


@router.get(
    "/cohorts/{cohort_id}/rubric",
    response={200: RubricOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("anyone who sees the leadership cohort; 404 for others"),
)
def get_rubric(request: AuthedRequest, cohort_id: IdPath) -> dict[str, Any]:
    return _rubric_out(_cohort(request, cohort_id).programme)


@router.post(
    "/cohorts/{cohort_id}/rubric",
    response={200: RubricOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the programme's managers and administrators: the default rubric, or the one there is"
    ),
)
def create_rubric(request: AuthedRequest, cohort_id: IdPath) -> dict[str, Any]:
    cohort = _cohort(request, cohort_id)
    require(request.user, "showcase.set_rubric", cohort.programme)
    services.rubric_create_default(programme=cohort.programme, changed_by=request.user)
    return _rubric_out(cohort.programme)


def _rubric(request: AuthedRequest, cohort_id: int) -> Rubric:
    cohort = _cohort(request, cohort_id)
    require(request.user, "showcase.set_rubric", cohort.programme)
    return get_object_or_404(Rubric.objects.select_related("programme"), programme=cohort.programme)


@router.post(
    "/cohorts/{cohort_id}/criteria",
    response={201: CriterionOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the programme's managers and administrators; 422 while judging is on"),
)
def add_criterion(
    request: AuthedRequest, cohort_id: IdPath, payload: CriterionIn
) -> Status[Criterion]:
    rubric = _rubric(request, cohort_id)
    made = services.criterion_save(rubric=rubric, changed_by=request.user, **payload.dict())
    return Status(201, made)


@router.put(
    "/cohorts/{cohort_id}/criteria/{criterion_id}",
    response={200: CriterionOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the programme's managers and administrators; 422 while judging is on"),
)
def put_criterion(
    request: AuthedRequest, cohort_id: IdPath, criterion_id: IdPath, payload: CriterionIn
) -> Criterion:
    rubric = _rubric(request, cohort_id)
    criterion = get_object_or_404(rubric.criteria, pk=criterion_id)
    return services.criterion_save(
        rubric=rubric, changed_by=request.user, criterion=criterion, **payload.dict()
    )


@router.delete(
    "/cohorts/{cohort_id}/criteria/{criterion_id}",
    response={204: None, ERROR_CODES: ErrorOut},
    openapi_extra=access("the programme's managers and administrators; 422 once it has marks"),
)
def delete_criterion(
    request: AuthedRequest, cohort_id: IdPath, criterion_id: IdPath
) -> Status[None]:
    rubric = _rubric(request, cohort_id)
    criterion = get_object_or_404(rubric.criteria.select_related("rubric"), pk=criterion_id)
    services.criterion_delete(criterion=criterion, changed_by=request.user)
    return Status(204, None)


# ---------- Schedule and judges ----------


def _managed_slots(event: Event) -> list[dict[str, Any]]:
    sponsored = results.sponsored_owners(event)
    out = []
    for slot in (
        Slot.objects.filter(event=event)
        .with_subject()
        .prefetch_related("judges__judge", "home_group__members")
    ):
        data = _slot_out(slot)
        data["judges"] = [
            {
                "assignment_id": a.pk,
                "judge_id": a.judge_id,
                "judge_name": a.judge.display_name,
                "scored": a.scored_at is not None,
                "conflict": results.conflict_shown(slot, a.judge, sponsored),
            }
            for a in slot.judges.all()
        ]
        out.append(data)
    return out


@router.get(
    "/cohorts/{cohort_id}/slots",
    response={200: list[ManagedSlotOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS + "; with the judges and conflict warnings"),
)
def cohort_slots(request: AuthedRequest, cohort_id: IdPath) -> list[dict[str, Any]]:
    _c, event = _managed(request, cohort_id)
    return _managed_slots(event)


@router.post(
    "/cohorts/{cohort_id}/schedule",
    response={200: list[ManagedSlotOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(
        MANAGERS + "; one slot per experiment (or home group) not yet scheduled, in sequence"
    ),
)
def schedule(
    request: AuthedRequest, cohort_id: IdPath, payload: ScheduleIn
) -> list[dict[str, Any]]:
    _c, event = _managed(request, cohort_id)
    services.slots_generate(
        event=event, changed_by=request.user, minutes=payload.minutes, room=payload.room
    )
    return _managed_slots(event)


@router.put(
    "/slots/{slot_id}",
    response={200: SlotOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def put_slot(request: AuthedRequest, slot_id: IdPath, payload: SlotIn) -> dict[str, Any]:
    slot = _managed_slot(request, slot_id)
    return _slot_out(services.slot_update(slot=slot, changed_by=request.user, **payload.dict()))


@router.post(
    "/slots/{slot_id}/judges",
    response={200: JudgeOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        MANAGERS + "; 422 when the judge sponsors the experiment (or a group member's)"
    ),
)
def assign(request: AuthedRequest, slot_id: IdPath, payload: AssignIn) -> dict[str, Any]:
    slot = _managed_slot(request, slot_id)
    judge = get_object_or_404(Person, pk=payload.judge_id)
    a = services.judge_assign(slot=slot, judge=judge, changed_by=request.user)
    return {
        "assignment_id": a.pk,
        "judge_id": judge.pk,
        "judge_name": judge.display_name,
        "scored": a.scored_at is not None,
        "conflict": None,
    }


@router.post(
    "/cohorts/{cohort_id}/judges",
    response={200: list[ManagedSlotOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS + "; names the cohort's sponsors, least busy first"),
)
def assign_sponsors(
    request: AuthedRequest, cohort_id: IdPath, payload: SponsorsIn
) -> list[dict[str, Any]]:
    _c, event = _managed(request, cohort_id)
    services.judges_assign_sponsors(event=event, changed_by=request.user, per_slot=payload.per_slot)
    return _managed_slots(event)


@router.delete(
    "/assignments/{assignment_id}",
    response={204: None, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS + "; its marks go with it; 422 once published"),
)
def unassign(request: AuthedRequest, assignment_id: IdPath) -> Status[None]:
    assignment = get_object_or_404(
        JudgeAssignment.objects.for_user(request.user).select_related("slot__event__cohort"),
        pk=assignment_id,
    )
    require(request.user, "showcase.manage", assignment.slot.event.cohort)
    services.judge_unassign(assignment=assignment, changed_by=request.user)
    return Status(204, None)


@router.get(
    "/cohorts/{cohort_id}/progress",
    response={200: ProgressOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS),
)
def progress(request: AuthedRequest, cohort_id: IdPath) -> dict[str, int]:
    _c, event = _managed(request, cohort_id)
    p = results.progress(event)
    return {"assignments": p.assignments, "scored": p.scored, "percent": p.percent}


# ---------- Results, publication, the vote ----------


@router.get(
    "/cohorts/{cohort_id}/results",
    response={200: ResultsOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "once published, anyone who sees the cohort; before, its managers, administrators and"
        " impact admins only (403 for the cohort's people)"
    ),
)
def get_results(request: AuthedRequest, cohort_id: IdPath) -> dict[str, Any]:
    cohort = _cohort(request, cohort_id)
    event = _event(cohort)
    if not results.may_see(request.user, cohort, event):
        raise PermissionDenied
    publication = Publication.objects.filter(event=event).first()
    return {
        "published": bool(publication and publication.is_published),
        "published_at": publication.published_at if publication else None,
        "results": [
            {
                "slot_id": r.slot.pk,
                "title": r.slot.title,
                "rank": r.result.rank,
                "tied": r.result.tied,
                "combined": r.result.combined,
                "raw_mean": r.result.raw_mean,
                "judges": r.result.judges,
                "profile": {str(k): v for k, v in r.result.profile.items()},
                "raw_profile": {str(k): v for k, v in r.result.raw_profile.items()},
            }
            for r in results.rows(event)
        ],
    }


@router.post(
    "/cohorts/{cohort_id}/publication",
    response={200: ResultsOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS + "; once: a second publish is a 422"),
)
def publish(request: AuthedRequest, cohort_id: IdPath) -> dict[str, Any]:
    _c, event = _managed(request, cohort_id)
    services.results_publish(event=event, published_by=_me(request))
    return get_results(request, cohort_id)


@router.put(
    "/cohorts/{cohort_id}/audience-vote",
    response={200: VoteOpenIn, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS + ": open or close the audience vote"),
)
def set_vote(request: AuthedRequest, cohort_id: IdPath, payload: VoteOpenIn) -> dict[str, bool]:
    _c, event = _managed(request, cohort_id)
    p = services.audience_vote_set(event=event, is_open=payload.open, changed_by=request.user)
    return {"open": p.audience_vote_open}


@router.post(
    "/cohorts/{cohort_id}/votes",
    response={200: VoteIn, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the cohort's enrolled people, while the vote is open; one vote each (voting again"
        " moves it); 403 for others who see the cohort"
    ),
)
def cast_vote(request: AuthedRequest, cohort_id: IdPath, payload: VoteIn) -> dict[str, int]:
    cohort = _cohort(request, cohort_id)
    event = _event(cohort)
    me = _me(request)
    if not Enrolment.objects.filter(cohort=cohort, person=me).exists():
        raise PermissionDenied
    slot = get_object_or_404(Slot, event=event, pk=payload.slot_id)
    vote = services.audience_vote_cast(event=event, voter=me, slot=slot)
    return {"slot_id": vote.slot_id}


@router.get(
    "/cohorts/{cohort_id}/votes",
    response={200: list[VoteCountOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("as the results: counted apart from the judges; counts under 5 are null"),
)
def vote_counts(request: AuthedRequest, cohort_id: IdPath) -> list[dict[str, Any]]:
    cohort = _cohort(request, cohort_id)
    event = _event(cohort)
    if not results.may_see(request.user, cohort, event):
        raise PermissionDenied
    return [{"slot_id": s.pk, "title": s.title, "votes": n} for s, n in results.votes(event)]
