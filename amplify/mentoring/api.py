"""Mentoring relationship API: the agreement, the pair's goals, ending a relationship. The
goals' text is for the two people of the pair alone; a programme manager reads the
numbers (`/summary`, `/relationships`), never the words."""

import uuid
from datetime import date, datetime
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import (
    ERROR_CODES,
    Day,
    ErrorOut,
    IdPath,
    LongText,
    Page,
    SlugPath,
    Text,
    access,
)
from amplify.mentoring import services
from amplify.mentoring.models import (
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    AgreementAcceptance,
    AgreementSection,
    AgreementVersion,
    ClosureReason,
    EndRequest,
    Goal,
    GoalSummary,
    Relationship,
)
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Pairing, Programme

router = Router(tags=["mentoring"])
PAIR_ONLY = "the two people of the pair; 404 for anyone else (their managers included)"
MANAGERS = "the cohort's managers and administrators (403); 404 unless the pair is visible"


class SectionOut(Schema):
    key: str
    title: str
    text: str
    standard: bool


class AgreementOut(Schema):
    programme_id: int
    number: int
    published_at: datetime
    sections: list[SectionOut]


class AgreementIn(Schema):
    expectations: LongText = Field("", max_length=TEXT_MAX_LENGTH)
    confidentiality: LongText = Field("", max_length=TEXT_MAX_LENGTH)
    meetings: LongText = Field("", max_length=TEXT_MAX_LENGTH)
    concerns: LongText = Field("", max_length=TEXT_MAX_LENGTH)


class PairOut(Schema):
    pairing_id: int
    cohort_id: int
    role: str = Field(..., description="The caller's role in the pair: mentor or mentee.")
    other_id: int
    other_name: str
    agreement_state: str
    started_on: date
    ended_on: date | None


class EndRequestOut(Schema):
    id: int
    requested_by_id: int
    requested_at: datetime
    reason: str
    status: str


class RelationshipOut(Schema):
    pairing_id: int
    agreement: AgreementOut
    agreement_state: str
    my_accepted_at: datetime | None
    other_accepted_at: datetime | None
    active_since: datetime | None
    closed_at: datetime | None
    ended_because: str | None = Field(
        None, description="As the pair read it (a safeguarding closure: ended by the programme)."
    )
    open_end_request: EndRequestOut | None


class AcceptanceOut(Schema):
    pairing_id: int
    person_id: int
    agreement_number: int
    accepted_at: datetime


class GoalIn(Schema):
    title: Text = Field(..., min_length=1, max_length=TITLE_MAX_LENGTH)
    why_it_matters: LongText = Field(..., min_length=1, max_length=TEXT_MAX_LENGTH)
    success_criterion: LongText = Field(..., min_length=1, max_length=TEXT_MAX_LENGTH)
    target_date: Day
    request_key: uuid.UUID | None = Field(
        None, description="Send the same key again (a retry) and the goal is set once."
    )


class GoalChangeIn(Schema):
    title: Text = Field(..., min_length=1, max_length=TITLE_MAX_LENGTH)
    why_it_matters: LongText = Field(..., min_length=1, max_length=TEXT_MAX_LENGTH)
    success_criterion: LongText = Field(..., min_length=1, max_length=TEXT_MAX_LENGTH)
    target_date: Day


class GoalOut(Schema):
    id: int
    pairing_id: int
    title: str
    why_it_matters: str
    success_criterion: str
    target_date: date
    progress: int
    created_at: datetime
    updated_at: datetime


class UpdateOut(Schema):
    id: int
    progress: int
    note: str
    by_id: int
    at: datetime


class CommentOut(Schema):
    id: int
    author_id: int
    body: str
    at: datetime


class GoalDetailOut(GoalOut):
    updates: list[UpdateOut]
    comments: list[CommentOut]


class ProgressIn(Schema):
    progress: int = Field(..., ge=0, le=100)
    note: LongText = Field("", max_length=TEXT_MAX_LENGTH)
    request_key: uuid.UUID | None = None


class CommentIn(Schema):
    body: LongText = Field(..., min_length=1, max_length=TEXT_MAX_LENGTH)
    request_key: uuid.UUID | None = None


class EndIn(Schema):
    reason: ClosureReason
    note: LongText = Field("", max_length=TEXT_MAX_LENGTH)


class GoalNumbersOut(Schema):
    progress: int
    target_date: date
    updated_at: datetime


class SummaryOut(Schema):
    """What a manager sees of a pair: dates, states and numbers, no private text."""

    pairing_id: int
    cohort_id: int
    mentor_id: int
    mentee_id: int
    agreement_number: int
    agreement_state: str
    mentor_accepted_at: datetime | None
    mentee_accepted_at: datetime | None
    active_since: datetime | None
    goals: int
    goals_achieved: int
    average_progress: int | None
    goal_numbers: list[GoalNumbersOut]
    closed_at: datetime | None
    closure_reason: str
    closure_note: str
    end_requests: list[EndRequestOut]


class CohortRowOut(Schema):
    pairing_id: int
    mentor_id: int
    mentee_id: int
    agreement_state: str
    goals: int
    goals_achieved: int
    average_progress: int | None
    ended_on: date | None


# ---------- The agreement ----------


def _agreement_out(version: AgreementVersion) -> dict[str, Any]:
    return {
        "programme_id": version.programme_id,
        "number": version.number,
        "published_at": version.published_at,
        "sections": [
            {
                "key": key,
                "title": str(label),
                "text": version.section_text(key),
                "standard": not getattr(version, key),
            }
            for key, label in AgreementSection.choices
        ],
    }


@router.get(
    "/programmes/{slug}/agreement",
    response={200: AgreementOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; 404 unless the caller may see the programme"),
)
def get_agreement(request: AuthedRequest, slug: SlugPath) -> Any:
    """The agreement new pairs are asked to accept, in the caller's language where it is
    Amplify's standard wording."""
    programme = get_object_or_404(Programme.objects.for_user(request.user), slug=slug)
    return _agreement_out(services.agreement_current(programme))


@router.post(
    "/programmes/{slug}/agreement",
    response={201: AgreementOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the programme's managers and administrators"),
)
def publish_agreement(request: AuthedRequest, slug: SlugPath, payload: AgreementIn) -> Any:
    """A new version for the pairs published from now on; a blank section keeps the
    standard wording. The same text again makes no new version."""
    programme = get_object_or_404(Programme.objects.for_user(request.user), slug=slug)
    require(request.user, "mentoring.publish_agreement", programme)
    version = services.agreement_publish(
        programme=programme, published_by=request.user, **payload.dict()
    )
    return Status(201, _agreement_out(version))


# ---------- The pair's own ----------


def _own_pair(request: AuthedRequest, pairing_id: int) -> tuple[Pairing, Person]:
    pairing = get_object_or_404(
        services.pairings_of(request.user).select_related("cohort__programme", "mentor", "mentee"),
        pk=pairing_id,
    )
    me = pairing.mentor if pairing.mentor.user_id == request.user.pk else pairing.mentee
    return pairing, me


def _state(pairing: Pairing) -> str:
    return str(
        Relationship.objects.pairings_with_agreement_state(Pairing.objects.filter(pk=pairing.pk))
        .values_list("agreement_state", flat=True)
        .get()
    )


def _request_out(r: EndRequest) -> dict[str, Any]:
    return {
        "id": r.pk,
        "requested_by_id": r.requested_by_id,
        "requested_at": r.requested_at,
        "reason": r.reason,
        "status": r.status,
    }


@router.get(
    "/pairs",
    response={200: list[PairOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; the caller's own mentoring pairs"),
)
@paginate(Page)
def my_pairs(request: AuthedRequest) -> Any:
    pairings = Relationship.objects.pairings_with_agreement_state(
        services.pairings_of(request.user)
        .select_related("mentor", "mentee")
        .order_by("-started_on", "pk")
    )
    out = []
    for p in pairings:
        me_mentor = p.mentor.user_id == request.user.pk
        other = p.mentee if me_mentor else p.mentor
        out.append(
            {
                "pairing_id": p.pk,
                "cohort_id": p.cohort_id,
                "role": "mentor" if me_mentor else "mentee",
                "other_id": other.pk,
                "other_name": other.display_name,
                "agreement_state": p.agreement_state,
                "started_on": p.started_on,
                "ended_on": p.ended_on,
            }
        )
    return out


@router.get(
    "/pairs/{pairing_id}",
    response={200: RelationshipOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PAIR_ONLY),
)
def get_relationship(request: AuthedRequest, pairing_id: IdPath) -> Any:
    pairing, me = _own_pair(request, pairing_id)
    relationship = services.relationship_start(pairing=pairing)
    accepted = {
        a.person_id: a.accepted_at
        for a in AgreementAcceptance.objects.filter(
            relationship=relationship, agreement=relationship.agreement_id
        )
    }
    other = pairing.mentee if me.pk == pairing.mentor_id else pairing.mentor
    open_ = relationship.end_requests.filter(status=EndRequest.Status.OPEN).first()
    return {
        "pairing_id": pairing.pk,
        "agreement": _agreement_out(relationship.agreement),
        "agreement_state": _state(pairing),
        "my_accepted_at": accepted.get(me.pk),
        "other_accepted_at": accepted.get(other.pk),
        "active_since": relationship.active_since,
        "closed_at": relationship.closed_at,
        "ended_because": relationship.reason_for_the_pair() if relationship.is_closed else None,
        "open_end_request": _request_out(open_) if open_ else None,
    }


@router.post(
    "/pairs/{pairing_id}/acceptance",
    response={201: AcceptanceOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PAIR_ONLY + "; accepting again gives back the first acceptance"),
)
def accept_agreement(request: AuthedRequest, pairing_id: IdPath) -> Any:
    pairing, me = _own_pair(request, pairing_id)
    acceptance = services.agreement_accept(pairing=pairing, by=me)
    return Status(
        201,
        {
            "pairing_id": pairing.pk,
            "person_id": acceptance.person_id,
            "agreement_number": acceptance.agreement.number,
            "accepted_at": acceptance.accepted_at,
        },
    )


@router.post(
    "/pairs/{pairing_id}/end-requests",
    response={201: EndRequestOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PAIR_ONLY + "; the programme manager confirms or declines"),
)
def ask_to_end(request: AuthedRequest, pairing_id: IdPath, payload: EndIn) -> Any:
    pairing, me = _own_pair(request, pairing_id)
    end_request = services.relationship_end_ask(
        pairing=pairing, by=me, reason=payload.reason, note=payload.note
    )
    return Status(201, _request_out(end_request))


# ---------- Goals (the pair alone) ----------


@router.get(
    "/pairs/{pairing_id}/goals",
    response={200: list[GoalOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(PAIR_ONLY),
)
@paginate(Page)
def list_goals(request: AuthedRequest, pairing_id: IdPath) -> Any:
    pairing, _me = _own_pair(request, pairing_id)
    return Goal.objects.for_user(request.user).filter(pairing=pairing)


@router.post(
    "/pairs/{pairing_id}/goals",
    response={201: GoalOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the pair's mentee (403 for her mentor); 404 for anyone else"),
)
def set_goal(request: AuthedRequest, pairing_id: IdPath, payload: GoalIn) -> Any:
    pairing, me = _own_pair(request, pairing_id)
    require(request.user, "mentoring.set_goals", pairing)
    goal = services.goal_set(pairing=pairing, by=me, **payload.dict())
    return Status(201, goal)


def _goal(request: AuthedRequest, goal_id: int) -> Goal:
    return get_object_or_404(
        Goal.objects.for_user(request.user).select_related("pairing__mentor", "pairing__mentee"),
        pk=goal_id,
    )


@router.get(
    "/goals/{goal_id}",
    response={200: GoalDetailOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PAIR_ONLY),
)
def get_goal(request: AuthedRequest, goal_id: IdPath) -> Any:
    goal = _goal(request, goal_id)
    data = GoalOut.from_orm(goal).dict()
    data["updates"] = list(goal.updates.all()[:200])
    data["comments"] = list(goal.comments.all()[:500])
    return data


@router.put(
    "/goals/{goal_id}",
    response={200: GoalOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the pair's mentee (403 for her mentor); 404 for anyone else"),
)
def change_goal(request: AuthedRequest, goal_id: IdPath, payload: GoalChangeIn) -> Any:
    goal = _goal(request, goal_id)
    require(request.user, "mentoring.set_goals", goal.pairing)
    return services.goal_change(
        goal=goal, by=services.person_in(goal.pairing, request.user), **payload.dict()
    )


@router.post(
    "/goals/{goal_id}/progress",
    response={201: UpdateOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the pair's mentee (403 for her mentor); 404 for anyone else"),
)
def update_progress(request: AuthedRequest, goal_id: IdPath, payload: ProgressIn) -> Any:
    goal = _goal(request, goal_id)
    require(request.user, "mentoring.set_goals", goal.pairing)
    update = services.goal_progress_update(
        goal=goal, by=services.person_in(goal.pairing, request.user), **payload.dict()
    )
    return Status(201, update)


@router.post(
    "/goals/{goal_id}/comments",
    response={201: CommentOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PAIR_ONLY),
)
def comment_goal(request: AuthedRequest, goal_id: IdPath, payload: CommentIn) -> Any:
    goal = _goal(request, goal_id)
    require(request.user, "mentoring.comment_goal", goal.pairing)
    comment = services.goal_comment_add(
        goal=goal, by=services.person_in(goal.pairing, request.user), **payload.dict()
    )
    return Status(201, comment)


# ---------- The programme manager ----------


def _managed_pair(request: AuthedRequest, pairing_id: int) -> Pairing:
    pairing = get_object_or_404(
        Pairing.objects.for_user(request.user).select_related(
            "cohort__programme", "mentor", "mentee"
        ),
        pk=pairing_id,
    )
    require(request.user, "mentoring.manage_relationship", pairing)
    return pairing


def _summary(pairing: Pairing) -> dict[str, Any]:
    relationship = services.relationship_start(pairing=pairing)
    accepted = {
        a.person_id: a.accepted_at
        for a in AgreementAcceptance.objects.filter(relationship=relationship)
    }
    summary = Relationship.objects.goal_summaries(cohort=pairing.cohort).get(
        pairing.pk, GoalSummary()
    )
    return {
        "pairing_id": pairing.pk,
        "cohort_id": pairing.cohort_id,
        "mentor_id": pairing.mentor_id,
        "mentee_id": pairing.mentee_id,
        "agreement_number": relationship.agreement.number,
        "agreement_state": _state(pairing),
        "mentor_accepted_at": accepted.get(pairing.mentor_id),
        "mentee_accepted_at": accepted.get(pairing.mentee_id),
        "active_since": relationship.active_since,
        "goals": summary.goals,
        "goals_achieved": summary.achieved,
        "average_progress": summary.average_progress,
        "goal_numbers": list(
            Goal.objects.filter(pairing=pairing).values("progress", "target_date", "updated_at")
        ),
        "closed_at": relationship.closed_at,
        "closure_reason": relationship.closure_reason,
        "closure_note": relationship.closure_note,
        "end_requests": [_request_out(r) for r in relationship.end_requests.all()],
    }


@router.get(
    "/pairs/{pairing_id}/summary",
    response={200: SummaryOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS + "; numbers only, never the goals' text"),
)
def pair_summary(request: AuthedRequest, pairing_id: IdPath) -> Any:
    return _summary(_managed_pair(request, pairing_id))


@router.post(
    "/pairs/{pairing_id}/closure",
    response={200: SummaryOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(MANAGERS + "; closing again changes nothing"),
)
def close_relationship(request: AuthedRequest, pairing_id: IdPath, payload: EndIn) -> Any:
    pairing = _managed_pair(request, pairing_id)
    services.relationship_close(
        pairing=pairing, closed_by=request.user, reason=payload.reason, note=payload.note
    )
    pairing.refresh_from_db()
    return _summary(pairing)


@router.get(
    "/cohorts/{cohort_id}/relationships",
    response={200: list[CohortRowOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's managers and administrators (403); numbers only"),
)
@paginate(Page)
def cohort_relationships(request: AuthedRequest, cohort_id: IdPath) -> Any:
    cohort = get_object_or_404(Cohort.objects.for_user(request.user), pk=cohort_id)
    require(request.user, "programmes.manage_cohort", cohort)
    summaries = Relationship.objects.goal_summaries(cohort=cohort)
    pairings = Relationship.objects.pairings_with_agreement_state(
        Pairing.objects.filter(cohort=cohort).order_by("pk")
    )
    out = []
    for p in pairings:
        s = summaries.get(p.pk, GoalSummary())
        out.append(
            {
                "pairing_id": p.pk,
                "mentor_id": p.mentor_id,
                "mentee_id": p.mentee_id,
                "agreement_state": p.agreement_state,
                "goals": s.goals,
                "goals_achieved": s.achieved,
                "average_progress": s.average_progress,
                "ended_on": p.ended_on,
            }
        )
    return out
