"""Meetings API: a cohort's health (its programme managers), a pair's slot and meetings
(the pair; its managers read the meetings without their notes), and a programme's cadence
settings. The endpoints call the services the pages call."""

from datetime import date, datetime
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
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
    access,
)
from amplify.meetings import health, services
from amplify.meetings.models import Meeting, MeetingSettings, MeetingSlot, Topic
from amplify.meetings.slots import choices
from amplify.meetings.views import health_filter
from amplify.mentoring.models import AgreementState
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Pairing, Programme

router = Router(tags=["meetings"])
PAIR_ONLY = "the two people of the pair; 404 for anyone else"


class HealthOut(Schema):
    pairing_id: int
    mentor_id: int
    mentor_name: str
    mentee_id: int
    mentee_name: str
    status: str
    expected: int
    held: int
    last_met_on: date | None
    days_since_last: int | None
    unconfirmed: int
    agreement_state: AgreementState
    goals: int
    goals_achieved: int
    goal_progress: int | None = Field(None, description="average progress of the goals, percent")


class HealthFilter(Schema):
    status: str = Field("", max_length=20, description="on_track, at_risk, stalled, ended, open")
    q: str = Field("", max_length=100)
    sort: str = Field("status", max_length=10, description="status, mentor, mentee, held, last")
    dir: str = Field("asc", pattern="^(asc|desc)$")


class MeetingOut(Schema):
    id: int
    pairing_id: int
    held_on: date
    duration_minutes: int
    mode: str
    topics: list[str]
    notes: str | None = Field(None, description="The pair's alone: null for anyone else.")
    logged_by_id: int
    confirmed_by_id: int | None
    confirmed_at: datetime | None


class GoalProgressIn(Schema):
    goal_id: int = Field(..., ge=1)
    progress: int = Field(..., description="percent, 0 to 100")


class MeetingIn(Schema):
    held_on: Day
    duration_minutes: int = Field(60, ge=5, le=480)
    mode: Meeting.Mode
    topics: list[Topic] = Field(default_factory=list, max_length=len(Topic.values))
    notes: LongText = Field("", max_length=services.NOTES_MAX_LENGTH)
    goal_progress: list[GoalProgressIn] = Field(
        default_factory=list,
        max_length=100,
        description="The mentee's progress on her pair's goals, recorded with the meeting"
        " (the mentor may not set it: 422; a goal not of this pair: 422 on goal_progress)",
    )


class SlotOut(Schema):
    pairing_id: int
    starts_at: datetime | None
    next_starts_at: datetime | None
    time_zone: str | None
    every_days: int | None
    until: date | None
    sequence: int | None
    cancelled: bool
    choices: list[str] = Field(..., description="Weekly UTC start times, '<weekday>-<hour>'.")
    from_shared_time: bool


class SlotIn(Schema):
    choice: str = Field(..., max_length=5, pattern=r"^[0-6]-\d{1,2}$")


class SettingsIO(Schema):
    every_days: int = Field(14, ge=1, le=90)
    duration_minutes: int = Field(60, ge=15, le=240)
    nudge_days: int = Field(21, ge=1, le=365)
    alert_days: int = Field(28, ge=1, le=365)
    reminder_days: int = Field(2, ge=0, le=14)
    at_risk_days: int = Field(21, ge=1, le=365)
    stalled_days: int = Field(28, ge=1, le=365)
    behind: int = Field(2, ge=1, le=20)


def _own_pair(request: AuthedRequest, pairing_id: int) -> tuple[Pairing, Person]:
    pairing = get_object_or_404(
        (
            Pairing.objects.filter(mentor__user=request.user)
            | Pairing.objects.filter(mentee__user=request.user)
        ).select_related("mentor", "mentee", "cohort__programme"),
        pk=pairing_id,
    )
    me = pairing.mentor if pairing.mentor.user_id == request.user.pk else pairing.mentee
    return pairing, me


def _meeting_out(meeting: Meeting, user: Any) -> dict[str, Any]:
    data = {
        f: getattr(meeting, f)
        for f in (
            "id",
            "pairing_id",
            "held_on",
            "duration_minutes",
            "mode",
            "topics",
            "logged_by_id",
            "confirmed_by_id",
            "confirmed_at",
        )
    }
    data["notes"] = meeting.notes if meeting.notes_visible_to(user) else None
    return data


@router.get(
    "/cohorts/{cohort_id}/health",
    response={200: list[HealthOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the cohort's programme managers, administrators and impact admins; counts and dates"
        " only, never notes"
    ),
)
@paginate(Page)
def cohort_health(
    request: AuthedRequest, cohort_id: IdPath, filters: Query[HealthFilter]
) -> list[dict[str, Any]]:
    cohort = get_object_or_404(Cohort.objects.for_user(request.user), pk=cohort_id)
    require(request.user, "meetings.view_health", cohort)
    found = health.rows(Pairing.objects.filter(cohort=cohort), today=timezone.localdate())
    found, _chosen = health_filter(found, filters.dict())
    return [
        {
            "pairing_id": r.pairing.pk,
            "mentor_id": r.pairing.mentor_id,
            "mentor_name": r.pairing.mentor.display_name,
            "mentee_id": r.pairing.mentee_id,
            "mentee_name": r.pairing.mentee.display_name,
            "status": r.health.status.value,
            "expected": r.health.expected,
            "held": r.health.held,
            "last_met_on": r.health.last_met_on,
            "days_since_last": r.health.days_since_last,
            "unconfirmed": r.unconfirmed,
            "agreement_state": r.agreement.value,
            "goals": r.goals.goals,
            "goals_achieved": r.goals.achieved,
            "goal_progress": r.goals.average_progress,
        }
        for r in found
    ]


@router.get(
    "/pairs/{pairing_id}/meetings",
    response={200: list[MeetingOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the pair (with notes); the cohort's managers, administrators and impact admins"
        " (notes null); 404 for anyone else"
    ),
)
def pair_meetings(request: AuthedRequest, pairing_id: IdPath) -> list[dict[str, Any]]:
    pairing = get_object_or_404(
        Pairing.objects.for_user(request.user).select_related("mentor", "mentee"), pk=pairing_id
    )
    meetings = Meeting.objects.filter(pairing=pairing)[:500]
    for m in meetings:
        m.pairing = pairing
    return [_meeting_out(m, request.user) for m in meetings]


@router.post(
    "/pairs/{pairing_id}/meetings",
    response={200: MeetingOut, 201: MeetingOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        PAIR_ONLY + "; a second log of the same day returns the first (200), and from the"
        " other person confirms it"
    ),
)
def log_meeting(
    request: AuthedRequest, pairing_id: IdPath, payload: MeetingIn
) -> Status[dict[str, Any]]:
    pairing, me = _own_pair(request, pairing_id)
    meeting, created = services.meeting_log(
        pairing=pairing,
        logged_by=me,
        held_on=payload.held_on,
        duration_minutes=payload.duration_minutes,
        mode=payload.mode,
        topics=[str(t) for t in payload.topics],
        notes=payload.notes,
        goal_progress=[(g.goal_id, g.progress) for g in payload.goal_progress],
    )
    meeting.pairing = pairing
    return Status(201 if created else 200, _meeting_out(meeting, request.user))


@router.post(
    "/meetings/{meeting_id}/confirm",
    response={200: MeetingOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PAIR_ONLY + "; the one who did not log it"),
)
def confirm_meeting(request: AuthedRequest, meeting_id: IdPath) -> dict[str, Any]:
    meeting = get_object_or_404(Meeting.objects.of_pair_member(request.user), pk=meeting_id)
    pairing, me = _own_pair(request, meeting.pairing_id)
    meeting = services.meeting_confirm(meeting=meeting, confirmed_by=me)
    meeting.pairing = pairing
    return _meeting_out(meeting, request.user)


def _slot_out(pairing: Pairing) -> dict[str, Any]:
    today = timezone.localdate()
    slot = MeetingSlot.objects.filter(pairing=pairing).first()
    minutes = MeetingSettings.for_programme(pairing.cohort.programme).duration_minutes
    offered, shared = choices(pairing, on=today, minutes=minutes)
    live = slot is not None and slot.is_live
    return {
        "pairing_id": pairing.pk,
        "starts_at": slot.starts_at if slot else None,
        "next_starts_at": slot.next_starts_at(today=today) if slot and live else None,
        "time_zone": slot.time_zone if slot else None,
        "every_days": slot.every_days if slot else None,
        "until": slot.until if slot else None,
        "sequence": slot.sequence if slot else None,
        "cancelled": slot is not None and not live,
        "choices": [c.code for c in offered],
        "from_shared_time": shared,
    }


@router.get(
    "/pairs/{pairing_id}/slot",
    response={200: SlotOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PAIR_ONLY),
)
def get_slot(request: AuthedRequest, pairing_id: IdPath) -> dict[str, Any]:
    pairing, _me = _own_pair(request, pairing_id)
    return _slot_out(pairing)


@router.put(
    "/pairs/{pairing_id}/slot",
    response={200: SlotOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PAIR_ONLY + "; sends both the calendar invitation (or its update)"),
)
def set_slot(request: AuthedRequest, pairing_id: IdPath, payload: SlotIn) -> dict[str, Any]:
    pairing, me = _own_pair(request, pairing_id)
    services.meeting_slot_set(pairing=pairing, chosen_by=me, choice=payload.choice)
    return _slot_out(pairing)


def _programme(request: AuthedRequest, slug: str) -> Programme:
    return get_object_or_404(
        Programme.objects.for_user(request.user).filter(kind=Programme.Kind.MENTORING),
        slug=slug,
    )


@router.get(
    "/programmes/{slug}/settings",
    response={200: SettingsIO, ERROR_CODES: ErrorOut},
    openapi_extra=access("the programme's managers and administrators"),
)
def get_settings(request: AuthedRequest, slug: SlugPath) -> MeetingSettings:
    programme = _programme(request, slug)
    require(request.user, "meetings.set_cadence", programme)
    return MeetingSettings.for_programme(programme)


@router.put(
    "/programmes/{slug}/settings",
    response={200: SettingsIO, ERROR_CODES: ErrorOut},
    openapi_extra=access("the programme's managers and administrators"),
)
def put_settings(request: AuthedRequest, slug: SlugPath, payload: SettingsIO) -> MeetingSettings:
    programme = _programme(request, slug)
    require(request.user, "meetings.set_cadence", programme)
    return services.meeting_settings_set(
        programme=programme, changed_by=request.user, **payload.dict()
    )
