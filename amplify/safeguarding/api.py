"""Safeguarding API: raising a concern, the leads' log and their actions, naming the leads,
and a pair's contact through Amplify. A concern's content is for its programme's leads
alone: anyone else gets a 404, administrators included."""

import uuid
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
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
    Text,
    access,
)
from amplify.home.concurrency import if_match, set_version, version_of
from amplify.people.models import Person
from amplify.programmes.models import Pairing, Programme
from amplify.safeguarding import services
from amplify.safeguarding.models import (
    TEXT_MAX_LENGTH,
    Concern,
    ConcernView,
    ContactSharing,
    SafeguardingTeam,
    Urgency,
)

router = Router(tags=["safeguarding"])
LEADS_ONLY = "the programme's safeguarding lead and deputy; 404 for anyone else"


class ConcernIn(Schema):
    person_id: int = Field(..., ge=1, le=MAX_ID, description="The mentee or mentor concerned.")
    what_happened: LongText = Field(..., min_length=1, max_length=TEXT_MAX_LENGTH)
    exact_words: LongText = Field("", max_length=TEXT_MAX_LENGTH)
    who_was_involved: LongText = Field("", max_length=TEXT_MAX_LENGTH)
    happened_on: Day
    urgency: Urgency
    request_key: uuid.UUID | None = Field(
        None, description="Send the same key again (a retry) and the concern is raised once."
    )


class ReceivedOut(Schema):
    """What the person who raised a concern sees of it."""

    id: int
    person_id: int = Field(..., alias="about_id")
    programme_id: int
    raised_at: datetime
    status: str


class ConcernSummaryOut(Schema):
    id: int
    programme_id: int
    person_id: int = Field(..., alias="about_id")
    urgency: str
    status: str
    raised_at: datetime
    deadline: datetime | None
    overdue: bool = False


class ActionOut(Schema):
    id: int
    taken_by_id: int | None
    taken_at: datetime
    note: str
    status: str


class EscalationOut(Schema):
    id: int
    to_whom: str
    urgency: str
    deadline: datetime
    escalated_by_id: int | None
    escalated_at: datetime


class ViewOut(Schema):
    viewer_id: int | None
    viewed_at: datetime
    route: str


class ConcernOut(ConcernSummaryOut):
    cohort_id: int | None
    raised_by_id: int | None
    what_happened: str
    exact_words: str
    who_was_involved: str
    happened_on: date
    outcome: str
    closed_at: datetime | None
    actions: list[ActionOut]
    escalations: list[EscalationOut]
    views: list[ViewOut]


class LogFilter(Schema):
    include_closed: bool = False


class ActionIn(Schema):
    note: LongText = Field(..., min_length=1, max_length=TEXT_MAX_LENGTH)
    status: Concern.Status | None = Field(
        None, description="Move the concern on (needs If-Match); closing needs an outcome."
    )
    outcome: LongText = Field("", max_length=TEXT_MAX_LENGTH)
    request_key: uuid.UUID | None = None


class EscalationIn(Schema):
    to_whom: Text = Field(..., min_length=1, max_length=200)
    urgency: Urgency = Urgency.SAME_DAY
    note: LongText = Field("", max_length=TEXT_MAX_LENGTH)
    request_key: uuid.UUID | None = None


class TeamOut(Schema):
    programme_id: int
    lead_id: int
    deputy_id: int | None
    time_zone: str


class TeamIn(Schema):
    lead_id: int = Field(..., ge=1, le=MAX_ID)
    deputy_id: int | None = Field(None, ge=1, le=MAX_ID)
    time_zone: Text = Field("", max_length=64)


class ContactOut(Schema):
    pairing_id: int
    other_id: int
    other_name: str
    is_current: bool
    i_share: bool
    both_share: bool
    other_email: str | None = None
    other_phone: str | None = None


class SharingIn(Schema):
    shares_details: bool
    phone: Text = Field("", max_length=40)


class MessageIn(Schema):
    body: LongText = Field(..., min_length=1, max_length=services.MESSAGE_MAX_LENGTH)
    request_key: uuid.UUID | None = None


class MessageOut(Schema):
    id: int
    pairing_id: int
    sender_id: int
    recipient_id: int
    sent_at: datetime


# ---------- Concerns ----------


def _led(request: AuthedRequest) -> Any:
    if not SafeguardingTeam.objects.led_by(request.user).exists():
        raise Http404
    return Concern.objects.for_user(request.user)


def _concern_out(concern: Concern) -> dict[str, Any]:
    now = timezone.now()
    data = {
        f: getattr(concern, f)
        for f in (
            "id",
            "programme_id",
            "about_id",
            "cohort_id",
            "raised_by_id",
            "urgency",
            "status",
            "raised_at",
            "deadline",
            "what_happened",
            "exact_words",
            "who_was_involved",
            "happened_on",
            "outcome",
            "closed_at",
        )
    }
    data["overdue"] = concern.is_overdue(now=now)
    data["actions"] = list(concern.actions.all())
    data["escalations"] = list(concern.escalations.all())
    data["views"] = list(concern.views.all()[:200])
    return data


@router.post(
    "/concerns",
    response={201: ReceivedOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; about a mentee or mentor the caller may see (else 404)"),
)
def raise_concern(request: AuthedRequest, payload: ConcernIn) -> Status[Concern]:
    about = get_object_or_404(Person.objects.for_user(request.user), pk=payload.person_id)
    if services.concern_cohort(about) is None:
        raise Http404
    data = payload.dict(exclude={"person_id"})
    concern = services.concern_raise(about=about, raised_by=request.user, **data)
    return Status(201, concern)


@router.get(
    "/concerns/mine",
    response={200: list[ReceivedOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; the concerns the caller raised, and their status"),
)
@paginate(Page)
def my_concerns(request: AuthedRequest) -> Any:
    return Concern.objects.raised_by(request.user).order_by("-raised_at", "-pk")


@router.get(
    "/concerns",
    response={200: list[ConcernSummaryOut], ERROR_CODES: ErrorOut},
    openapi_extra=access(LEADS_ONLY + " (a lead of no programme gets 404)"),
)
@paginate(Page)
def concern_log(request: AuthedRequest, filters: Query[LogFilter]) -> Any:
    concerns = _led(request)
    if not filters.include_closed:
        concerns = concerns.open()
    now = timezone.now()
    out = []
    for c in concerns.urgent_first():
        c.overdue = c.is_overdue(now=now)
        out.append(c)
    return out


@router.get(
    "/concerns/{concern_id}",
    response={200: ConcernOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(LEADS_ONLY + "; the read is recorded in the concern's views"),
)
def get_concern(request: AuthedRequest, concern_id: IdPath, response: HttpResponse) -> Any:
    """The `ETag` is the concern's version: send it in `If-Match` to change its status."""
    concern = get_object_or_404(_led(request), pk=concern_id)
    services.concern_view_record(concern=concern, viewer=request.user, route=ConcernView.Route.API)
    set_version(response, version_of(concern, services.CONCERN_FIELDS))
    return _concern_out(concern)


@router.post(
    "/concerns/{concern_id}/actions",
    response={201: ActionOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(LEADS_ONLY),
)
def act_on_concern(
    request: AuthedRequest, concern_id: IdPath, payload: ActionIn, response: HttpResponse
) -> Any:
    """Record what was done. With `status` or `outcome`, `If-Match` is required (428
    without it, 409 if another lead moved the concern on since your read)."""
    concern = get_object_or_404(_led(request), pk=concern_id)
    require(request.user, "safeguarding.act_on_concern", concern)
    moves = bool(payload.status and payload.status != concern.status) or bool(payload.outcome)
    version = if_match(request) if moves else None
    action = services.concern_act(
        concern=concern,
        by=request.user,
        note=payload.note,
        status=payload.status or "",
        outcome=payload.outcome,
        version=version,
        request_key=payload.request_key,
    )
    concern.refresh_from_db()
    set_version(response, version_of(concern, services.CONCERN_FIELDS))
    return Status(201, action)


@router.post(
    "/concerns/{concern_id}/escalations",
    response={201: EscalationOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(LEADS_ONLY),
)
def escalate_concern(request: AuthedRequest, concern_id: IdPath, payload: EscalationIn) -> Any:
    concern = get_object_or_404(_led(request), pk=concern_id)
    require(request.user, "safeguarding.act_on_concern", concern)
    escalation = services.concern_escalate(concern=concern, by=request.user, **payload.dict())
    return Status(201, escalation)


# ---------- The leads ----------


def _programme(request: AuthedRequest, programme_id: int) -> Programme:
    return get_object_or_404(Programme.objects.for_user(request.user), pk=programme_id)


@router.get(
    "/programmes/{programme_id}/team",
    response={200: TeamOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; 404 unless the caller may see the programme"),
)
def get_team(request: AuthedRequest, programme_id: IdPath, response: HttpResponse) -> Any:
    """Who receives the programme's concerns. The `ETag` is the version to change it."""
    programme = _programme(request, programme_id)
    team = get_object_or_404(SafeguardingTeam, programme=programme)
    set_version(response, version_of(team, services.TEAM_FIELDS))
    return team


@router.put(
    "/programmes/{programme_id}/team",
    response={200: TeamOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the programme's managers and administrators"),
)
def set_team(
    request: AuthedRequest, programme_id: IdPath, payload: TeamIn, response: HttpResponse
) -> Any:
    """Requires `If-Match` (`"new"` when the programme has no leads yet, or `*`)."""
    programme = _programme(request, programme_id)
    require(request.user, "safeguarding.set_team", programme)
    version = if_match(request)

    def person(pk: int | None, field: str) -> Person | None:
        if pk is None:
            return None
        found = Person.objects.for_user(request.user).filter(pk=pk).first()
        if found is None:
            raise ValidationError({field: _("No person %(id)s that you can see.") % {"id": pk}})
        return found

    lead = person(payload.lead_id, "lead_id")
    assert lead is not None
    team = services.safeguarding_team_set(
        programme=programme,
        lead=lead,
        deputy=person(payload.deputy_id, "deputy_id"),
        time_zone=payload.time_zone,
        changed_by=request.user,
        version=version,
    )
    set_version(response, version_of(team, services.TEAM_FIELDS))
    return team


# ---------- Contact through the platform ----------


def _pair(request: AuthedRequest, pairing_id: int) -> tuple[Pairing, Person]:
    pairing = get_object_or_404(
        services.pairings_of(request.user).select_related("mentor", "mentee"), pk=pairing_id
    )
    me = pairing.mentor if pairing.mentor.user_id == request.user.pk else pairing.mentee
    return pairing, me


def _contact(pairing: Pairing, me: Person) -> dict[str, Any]:
    other = services.other_person(pairing, me)
    sharing = {s.person_id: s for s in ContactSharing.objects.filter(pairing=pairing)}
    both = services.both_share(pairing)
    mine = sharing.get(me.pk)
    return {
        "pairing_id": pairing.pk,
        "other_id": other.pk,
        "other_name": other.display_name,
        "is_current": Pairing.objects.current().filter(pk=pairing.pk).exists(),
        "i_share": bool(mine and mine.shares_details),
        "both_share": both,
        "other_email": other.email if both else None,
        "other_phone": (sharing[other.pk].phone or None) if both else None,
    }


PAIR_ONLY = "the two people of the pair; 404 for anyone else (their managers included)"


@router.get(
    "/pairs/{pairing_id}/contact",
    response={200: ContactOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PAIR_ONLY),
)
def get_contact(request: AuthedRequest, pairing_id: IdPath) -> Any:
    pairing, me = _pair(request, pairing_id)
    return _contact(pairing, me)


@router.put(
    "/pairs/{pairing_id}/contact",
    response={200: ContactOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PAIR_ONLY + "; each sets her own choice"),
)
def set_contact(request: AuthedRequest, pairing_id: IdPath, payload: SharingIn) -> Any:
    pairing, me = _pair(request, pairing_id)
    services.pair_sharing_set(
        pairing=pairing, person=me, shares_details=payload.shares_details, phone=payload.phone
    )
    return _contact(pairing, me)


@router.post(
    "/pairs/{pairing_id}/messages",
    response={201: MessageOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(PAIR_ONLY + "; a few a day (422 beyond)"),
)
def send_message(request: AuthedRequest, pairing_id: IdPath, payload: MessageIn) -> Any:
    pairing, me = _pair(request, pairing_id)
    message = services.pair_message_send(
        pairing=pairing, sender=me, body=payload.body, request_key=payload.request_key
    )
    return Status(201, message)
