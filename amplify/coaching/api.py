"""Coaching API: the coach's coachees, a coaching pair's sessions (coach and participant;
the coach's notes to the coach alone), booking, moving, cancelling and logging sessions, the
cohort's coaching cadence for its managers (counts only), the programme's coaching settings,
and home groups with their peer-coaching rounds. The endpoints call the services the pages
call."""

from datetime import date, datetime
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import ERROR_CODES, Day, ErrorOut, IdPath, LongText, SlugPath, Text, access
from amplify.coaching import health, services
from amplify.coaching.models import CoachingSession, CoachingSettings, Mode, PeerRound, Theme
from amplify.coaching.views import (
    group_context,
    leadership_cohort,
    own_coaching_pairs,
    own_pair,
    own_session,
    slot_choices,
    visible_group,
)
from amplify.people.models import Person
from amplify.programmes.models import Pairing, Programme

router = Router(tags=["Coaching"])
PAIR_ONLY = "the coach and the participant of the pair; 404 for anyone else (managers too)"


class PairOut(Schema):
    pairing_id: int
    cohort_id: int
    coach_id: int
    coach_name: str
    participant_id: int
    participant_name: str
    planned: int
    expected: int
    held: int
    last_session_on: date | None
    behind_plan: bool
    ended: bool


class CoacheeOut(PairOut):
    next_session_at: datetime | None


class SessionOut(Schema):
    id: int
    pairing_id: int
    status: str
    uid: str
    sequence: int
    starts_at: datetime | None
    minutes: int
    held_on: date | None
    duration_minutes: int | None
    mode: str
    themes: list[str]
    actions: str
    coach_notes: str | None = Field(None, description="The coach's alone: null for anyone else.")


class BookIn(Schema):
    choice: str = Field(..., max_length=5, pattern=r"^[0-6]-\d{1,2}$")
    week_of: Day


class LogIn(Schema):
    session_id: int | None = Field(None, ge=1)
    held_on: Day
    duration_minutes: int = Field(60, ge=10, le=480)
    mode: Mode
    themes: list[Theme] = Field(default_factory=list, max_length=len(Theme.values))
    actions: LongText = Field("", max_length=services.ACTIONS_MAX_LENGTH)
    coach_notes: LongText = Field("", max_length=services.NOTES_MAX_LENGTH)


class SettingsIO(Schema):
    sessions_planned: int = Field(6, ge=1, le=30)
    session_minutes: int = Field(60, ge=15, le=240)
    round_every_days: int = Field(28, ge=7, le=90)
    quiet_days: int = Field(42, ge=7, le=365)


class GroupCadenceOut(Schema):
    group_id: int
    name: str
    members: int
    rounds_expected: int
    rounds_held: int
    last_round_on: date | None
    days_quiet: int
    quiet: bool


class CohortCoachingOut(Schema):
    pairs: list[PairOut]
    groups: list[GroupCadenceOut]


class ExperimentOut(Schema):
    id: int
    title: str
    stage: str
    link: str | None


class MemberOut(Schema):
    person_id: int
    name: str
    experiments: list[ExperimentOut]


class RoundOut(Schema):
    id: int
    held_on: date
    challenge_by_id: int
    coach_ids: list[int]
    theme: str
    note: str


class GroupOut(Schema):
    id: int
    name: str
    cohort_id: int
    members: list[MemberOut]
    rounds: list[RoundOut]
    cadence: GroupCadenceOut | None


class RoundIn(Schema):
    held_on: Day
    challenge_by_id: int = Field(..., ge=1)
    coach_ids: list[int] = Field(..., min_length=1, max_length=20)
    theme: Theme
    note: Text = Field("", max_length=services.ROUND_NOTE_MAX_LENGTH)


def _pair_out(r: health.PairRow) -> dict[str, Any]:
    return {
        "pairing_id": r.pk,
        "cohort_id": r.cohort_id,
        "coach_id": r.coach_id,
        "coach_name": r.coach_name,
        "participant_id": r.participant_id,
        "participant_name": r.participant_name,
        "planned": r.health.planned,
        "expected": r.health.expected,
        "held": r.health.held,
        "last_session_on": r.health.last_on,
        "behind_plan": r.health.behind and not r.ended,
        "ended": r.ended,
        "next_session_at": r.next_at,
    }


def _session_out(session: CoachingSession, user: Any) -> dict[str, Any]:
    data = {
        f: getattr(session, f)
        for f in (
            "id",
            "pairing_id",
            "status",
            "sequence",
            "starts_at",
            "minutes",
            "held_on",
            "duration_minutes",
            "mode",
            "themes",
            "actions",
        )
    }
    data["uid"] = str(session.uid)
    data["coach_notes"] = session.coach_notes if session.notes_visible_to(user) else None
    return data


def _group_cadence(r: health.GroupRow) -> dict[str, Any]:
    return {
        "group_id": r.pk,
        "name": r.name,
        "members": r.members,
        "rounds_expected": r.health.expected,
        "rounds_held": r.health.held,
        "last_round_on": r.health.last_on,
        "days_quiet": r.health.gap_days,
        "quiet": r.health.quiet,
    }


@router.get(
    "/coachees",
    response={200: list[CoacheeOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("any signed-in user: the pairs she coaches (an empty list otherwise)"),
)
def coachees(request: AuthedRequest) -> list[dict[str, Any]]:
    rows = health.pair_rows(own_coaching_pairs(request.user).filter(mentor__user=request.user))
    return [_pair_out(r) for r in rows]


@router.get(
    "/pairs/{pairing_id}/sessions",
    response={200: list[SessionOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(
        PAIR_ONLY + "; coach_notes is the coach's alone (null for the participant)"
    ),
)
def pair_sessions(request: AuthedRequest, pairing_id: IdPath) -> list[dict[str, Any]]:
    pairing, _me = own_pair(request, pairing_id)
    sessions = list(CoachingSession.objects.filter(pairing=pairing)[:500])
    for s in sessions:
        s.pairing = pairing
    return [_session_out(s, request.user) for s in sessions]


@router.get(
    "/pairs/{pairing_id}/times",
    response={200: list[str], ERROR_CODES: ErrorOut},
    openapi_extra=access(PAIR_ONLY + "; weekly UTC start times '<weekday>-<hour>' to book"),
)
def pair_times(request: AuthedRequest, pairing_id: IdPath) -> list[str]:
    pairing, me = own_pair(request, pairing_id)
    return [code for code, _label in slot_choices(pairing, me)[0]]


@router.post(
    "/pairs/{pairing_id}/sessions",
    response={200: SessionOut, 201: SessionOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        PAIR_ONLY + "; sends both the invitation (METHOD:REQUEST); the same time again: 200"
    ),
)
def book_session(
    request: AuthedRequest, pairing_id: IdPath, payload: BookIn
) -> Status[dict[str, Any]]:
    pairing, me = own_pair(request, pairing_id)
    session, created = services.coaching_session_book(
        pairing=pairing, booked_by=me, choice=payload.choice, week_of=payload.week_of
    )
    session.pairing = pairing
    return Status(201 if created else 200, _session_out(session, request.user))


@router.put(
    "/sessions/{session_id}",
    response={200: SessionOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PAIR_ONLY + "; sends both the update (same UID, higher SEQUENCE)"),
)
def reschedule_session(
    request: AuthedRequest, session_id: IdPath, payload: BookIn
) -> dict[str, Any]:
    session, me = own_session(request, session_id)
    session = services.coaching_session_reschedule(
        session=session, changed_by=me, choice=payload.choice, week_of=payload.week_of
    )
    return _session_out(session, request.user)


@router.post(
    "/sessions/{session_id}/cancel",
    response={200: SessionOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PAIR_ONLY + "; sends both METHOD:CANCEL"),
)
def cancel_session(request: AuthedRequest, session_id: IdPath) -> dict[str, Any]:
    session, me = own_session(request, session_id)
    session = services.coaching_session_cancel(session=session, changed_by=me)
    return _session_out(session, request.user)


@router.post(
    "/pairs/{pairing_id}/log",
    response={200: SessionOut, 201: SessionOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the coach of the pair (the participant: 403; anyone else: 404); a second log of"
        " the same session or day returns the first (200)"
    ),
)
def log_session(
    request: AuthedRequest, pairing_id: IdPath, payload: LogIn
) -> Status[dict[str, Any]]:
    pairing, me = own_pair(request, pairing_id)
    require(request.user, "coaching.log", pairing)
    session = None
    if payload.session_id is not None:
        session = get_object_or_404(
            CoachingSession.objects.filter(pairing=pairing), pk=payload.session_id
        )
    logged, created = services.coaching_session_log(
        pairing=pairing,
        logged_by=me,
        session=session,
        held_on=payload.held_on,
        duration_minutes=payload.duration_minutes,
        mode=payload.mode,
        themes=[str(t) for t in payload.themes],
        actions=payload.actions,
        coach_notes=payload.coach_notes,
    )
    logged.pairing = pairing
    return Status(201 if created else 200, _session_out(logged, request.user))


@router.get(
    "/cohorts/{cohort_id}",
    response={200: CohortCoachingOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the cohort's programme managers, administrators and impact admins (a leadership"
        " cohort); counts and dates only, never notes or themes"
    ),
)
def cohort_coaching(request: AuthedRequest, cohort_id: IdPath) -> dict[str, Any]:
    cohort = leadership_cohort(request, cohort_id)
    pairs = health.pair_rows(Pairing.objects.filter(cohort=cohort))
    groups = health.group_rows(health.published_groups(cohort.pk))
    return {"pairs": [_pair_out(r) for r in pairs], "groups": [_group_cadence(g) for g in groups]}


def _programme(request: AuthedRequest, slug: str) -> Programme:
    programme = get_object_or_404(
        Programme.objects.for_user(request.user).filter(kind=Programme.Kind.LEADERSHIP),
        slug=slug,
    )
    require(request.user, "coaching.set_settings", programme)
    return programme


@router.get(
    "/programmes/{slug}/settings",
    response={200: SettingsIO, ERROR_CODES: ErrorOut},
    openapi_extra=access("the leadership programme's managers and administrators"),
)
def get_settings(request: AuthedRequest, slug: SlugPath) -> CoachingSettings:
    return CoachingSettings.for_programme(_programme(request, slug))


@router.put(
    "/programmes/{slug}/settings",
    response={200: SettingsIO, ERROR_CODES: ErrorOut},
    openapi_extra=access("the leadership programme's managers and administrators"),
)
def put_settings(request: AuthedRequest, slug: SlugPath, payload: SettingsIO) -> CoachingSettings:
    programme = _programme(request, slug)
    return services.coaching_settings_set(
        programme=programme, changed_by=request.user, **payload.dict()
    )


def _round_out(r: PeerRound) -> dict[str, Any]:
    return {
        "id": r.pk,
        "held_on": r.held_on,
        "challenge_by_id": r.challenge_by_id,
        "coach_ids": sorted(p.pk for p in r.coaches.all()),
        "theme": r.theme,
        "note": r.note,
    }


@router.get(
    "/groups/{group_id}",
    response={200: GroupOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the members of a published home group and its cohort's managers; 404 for anyone else"
    ),
)
def get_group(request: AuthedRequest, group_id: IdPath) -> dict[str, Any]:
    context = group_context(visible_group(request, group_id))
    row = context["row"]
    return {
        "id": context["group"].pk,
        "name": context["group"].name,
        "cohort_id": context["cohort"].pk,
        "members": [
            {
                "person_id": m.pk,
                "name": m.display_name,
                "experiments": [
                    {"id": e["pk"], "title": e["title"], "stage": e["stage"], "link": e["link"]}
                    for e in experiments
                ],
            }
            for m, experiments in context["members"]
        ],
        "rounds": [_round_out(r) for r in context["rounds"]],
        "cadence": _group_cadence(row) if row else None,
    }


@router.post(
    "/groups/{group_id}/rounds",
    response={200: RoundOut, 201: RoundOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the group's members (its managers: 403; anyone else: 404); the same round again"
        " returns the first (200)"
    ),
)
def log_round(request: AuthedRequest, group_id: IdPath, payload: RoundIn) -> Status[dict[str, Any]]:
    group = visible_group(request, group_id)
    require(request.user, "coaching.log_round", group)
    me = get_object_or_404(Person, user=request.user)
    people = Person.objects.in_bulk([payload.challenge_by_id, *payload.coach_ids])
    peer_round, created = services.peer_round_log(
        group=group,
        logged_by=me,
        held_on=payload.held_on,
        challenge_by=people.get(payload.challenge_by_id),
        # An unknown id is no member: the service refuses it on `coaches`.
        coaches=[people.get(i) or Person(pk=0) for i in dict.fromkeys(payload.coach_ids)],
        theme=str(payload.theme),
        note=payload.note,
    )
    return Status(201 if created else 200, _round_out(peer_round))
