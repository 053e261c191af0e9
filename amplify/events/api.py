"""Events API: a cohort's events, RSVP and attendance."""

from datetime import datetime
from typing import Annotated, Any, Literal

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
    ErrorOut,
    IdPath,
    LongText,
    Moment,
    Page,
    Text,
    WebLink,
    access,
)
from amplify.core.privacy import suppress
from amplify.events import activitygroups, services, sessions
from amplify.events.models import ActivityGroup, Event, EventSession, Rsvp, SessionAttendance
from amplify.home.concurrency import if_match, set_version, version_of
from amplify.people.models import Person
from amplify.programmes.models import Cohort

router = Router(tags=["events"])
Kind = Literal["launch", "global_week", "showcase", "workshop", "training", "speaker", "other"]
Format = Literal["in_person", "online", "hybrid"]
AUDIENCE = (
    "Who is invited (sees the event and may reply). Left out or null: whom the event's kind "
    "is for (training: the mentors); on an update, null goes back to that."
)

SPEAKER = "Who speaks, for an external speaker's talk (kind `speaker`: required there)."
WEEK_TIMES = "A time without a zone is read in the global week's own time zone."


class EventOut(Schema):
    id: int
    cohort_id: int
    kind: str
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    format: str
    venue: str
    online_url: str
    capacity: int | None
    audience: str
    speaker_name: str
    speaker_bio: str
    going_count: int | None = None


class EventIn(Schema):
    kind: Kind
    title: Text = Field(..., min_length=1, max_length=160)
    description: LongText = Field("", max_length=20_000)
    starts_at: Moment
    ends_at: Moment
    time_zone: Text = Field("UTC", max_length=64)
    format: Format
    venue: Text = Field("", max_length=200)
    online_url: WebLink = ""
    capacity: int | None = Field(None, ge=1, le=1_000_000)
    audience: Event.Audience | None = Field(None, description=AUDIENCE)
    speaker_name: Text = Field("", max_length=160, description=SPEAKER)
    speaker_bio: LongText = Field("", max_length=20_000)


class EventPatch(Schema):
    kind: Kind | None = None
    title: Text | None = Field(None, min_length=1, max_length=160)
    description: LongText | None = Field(None, max_length=20_000)
    starts_at: Moment | None = None
    ends_at: Moment | None = None
    time_zone: Text | None = Field(None, max_length=64)
    format: Format | None = None
    venue: Text | None = Field(None, max_length=200)
    online_url: WebLink | None = None
    capacity: int | None = Field(None, ge=1, le=1_000_000)
    audience: Event.Audience | None = Field(None, description=AUDIENCE)
    speaker_name: Text | None = Field(None, max_length=160, description=SPEAKER)
    speaker_bio: LongText | None = Field(None, max_length=20_000)


class EventFilter(Schema):
    cohort_id: int | None = Field(None, ge=1, le=MAX_ID)
    upcoming: bool = False


class RsvpIn(Schema):
    response: Literal["going", "maybe", "not_going"]


class RsvpOut(Schema):
    event_id: int
    person_id: int
    response: str | None
    responded_at: datetime | None
    attended: bool | None


class AttendanceIn(Schema):
    person_id: int = Field(..., ge=1, le=MAX_ID)
    attended: bool


def _event(request: AuthedRequest, event_id: int) -> Event:
    return get_object_or_404(
        Event.objects.for_user(request.user).select_related("cohort"), pk=event_id
    )


def _aware(payload: dict[str, Any]) -> dict[str, Any]:
    """Naive datetimes mean the event's local time; aware ones are taken as they are."""
    import zoneinfo

    zone_name = payload.get("time_zone") or "UTC"
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            {"time_zone": _("Unknown time zone “%(zone)s”.") % {"zone": zone_name}}
        ) from None
    for key in ("starts_at", "ends_at"):
        value = payload.get(key)
        if value is not None and timezone.is_naive(value):
            payload[key] = value.replace(tzinfo=zone)
    return payload


@router.get(
    "",
    response={200: list[EventOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; events of cohorts the caller may see"),
)
@paginate(Page)
def list_events(request: AuthedRequest, filters: Query[EventFilter]) -> Any:
    events = Event.objects.for_user(request.user).with_rsvp_counts()
    if filters.cohort_id:
        events = events.filter(cohort_id=filters.cohort_id)
    if filters.upcoming:
        events = events.upcoming(now=timezone.now())
    return events.order_by("starts_at", "pk")


@router.post(
    "/cohort/{cohort_id}",
    response={201: EventOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def create_event(request: AuthedRequest, cohort_id: IdPath, payload: EventIn) -> Status[Event]:
    cohort = get_object_or_404(Cohort.objects.for_user(request.user), pk=cohort_id)
    require(request.user, "programmes.manage_cohort", cohort)
    event = services.event_create(cohort=cohort, created_by=request.user, **_aware(payload.dict()))
    return Status(201, event)


@router.get(
    "/{event_id}",
    response={200: EventOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; 404 unless the caller may see the cohort"),
)
def get_event(request: AuthedRequest, event_id: IdPath, response: HttpResponse) -> Event:
    """The `ETag` header is the event's version: send it back in `If-Match` to change it."""
    event = _event(request, event_id)
    set_version(response, version_of(event, services.FIELDS))
    return event


@router.patch(
    "/{event_id}",
    response={200: EventOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def update_event(
    request: AuthedRequest, event_id: IdPath, payload: EventPatch, response: HttpResponse
) -> Event:
    """Requires `If-Match` with the ETag of your last read (428 without it, 409 with the
    fields someone else changed since)."""
    event = _event(request, event_id)
    require(request.user, "events.manage_event", event)
    version = if_match(request)
    data = payload.dict(exclude_unset=True)
    data.setdefault("time_zone", event.time_zone)
    event = services.event_update(
        event=event, changed_by=request.user, version=version, **_aware(data)
    )
    set_version(response, version_of(event, services.FIELDS))
    return event


@router.put(
    "/{event_id}/rsvp",
    response={200: RsvpOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("active members of the event's cohort, for themselves"),
)
def rsvp(request: AuthedRequest, event_id: IdPath, payload: RsvpIn) -> Rsvp:
    event = _event(request, event_id)
    require(request.user, "events.rsvp", event)
    person = get_object_or_404(Person, user=request.user)
    return services.event_rsvp(event=event, person=person, response=payload.response)


@router.get(
    "/{event_id}/rsvps",
    response={200: list[RsvpOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers (all replies); members (their own)"),
)
@paginate(Page)
def list_rsvps(request: AuthedRequest, event_id: IdPath) -> Any:
    event = _event(request, event_id)
    return Rsvp.objects.for_user(request.user).filter(event=event).order_by("pk")


@router.post(
    "/{event_id}/attendance",
    response={200: RsvpOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def attendance(request: AuthedRequest, event_id: IdPath, payload: AttendanceIn) -> Rsvp:
    event = _event(request, event_id)
    require(request.user, "events.manage_event", event)
    person = Person.objects.for_user(request.user).filter(pk=payload.person_id).first()
    if person is None:
        raise ValidationError(
            {
                "person_id": _("No person %(person_id)s that you can see.")
                % {"person_id": payload.person_id}
            }
        )
    return services.event_record_attendance(
        event=event, person=person, attended=payload.attended, recorded_by=request.user
    )


# ---------- The global week: sessions, attendance, activity groups ----------


class SessionOut(Schema):
    id: int
    event_id: int
    starts_at: datetime
    ends_at: datetime
    title: str
    place: str
    host: str
    activity: str
    description: str
    capacity: int | None
    attended: int | None = Field(
        None, description="How many attended; null when fewer than 5 (never shown as a figure)."
    )

    @staticmethod
    def resolve_attended(obj: EventSession) -> int | None:
        return suppress(getattr(obj, "attended_count", 0))


class SessionIn(Schema):
    starts_at: Moment = Field(..., description=WEEK_TIMES)
    ends_at: Moment = Field(..., description=WEEK_TIMES)
    title: Text = Field(..., min_length=1, max_length=160)
    place: Text = Field(..., min_length=1, max_length=200)
    host: Text = Field("", max_length=160)
    activity: EventSession.Activity
    description: LongText = Field("", max_length=20_000)
    capacity: int | None = Field(None, ge=1, le=1_000_000)


class SessionPatch(Schema):
    starts_at: Moment | None = Field(None, description=WEEK_TIMES)
    ends_at: Moment | None = Field(None, description=WEEK_TIMES)
    title: Text | None = Field(None, min_length=1, max_length=160)
    place: Text | None = Field(None, min_length=1, max_length=200)
    host: Text | None = Field(None, max_length=160)
    activity: EventSession.Activity | None = None
    description: LongText | None = Field(None, max_length=20_000)
    capacity: int | None = Field(None, ge=1, le=1_000_000)


class SessionAttendanceOut(Schema):
    session_id: int
    person_id: int
    attended: bool
    recorded_at: datetime


class GroupOut(Schema):
    id: int
    event_id: int
    name: str
    member_ids: list[int]

    @staticmethod
    def resolve_member_ids(obj: ActivityGroup) -> list[int]:
        return sorted(p.pk for p in obj.members.all())


class GroupsIn(Schema):
    size: int = Field(
        activitygroups.DEFAULT_SIZE, ge=activitygroups.MIN_SIZE, le=activitygroups.MAX_SIZE
    )


class GroupPatch(Schema):
    name: Text | None = Field(None, min_length=1, max_length=80)
    member_ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None = Field(
        None, max_length=1000, description="Everyone in the group; they leave the week's others."
    )


def _week(request: AuthedRequest, event_id: int) -> Event:
    event = _event(request, event_id)
    if event.kind not in sessions.WITH_AGENDA:
        raise Http404
    return event


def _session(request: AuthedRequest, session_id: int) -> EventSession:
    return get_object_or_404(
        EventSession.objects.for_user(request.user).select_related("event__cohort"),
        pk=session_id,
    )


def _in_week_zone(event: Event, payload: dict[str, Any]) -> dict[str, Any]:
    data = _aware({**payload, "time_zone": event.time_zone})
    data.pop("time_zone")
    return data


@router.get(
    "/{event_id}/sessions",
    response={200: list[SessionOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; the guests and managers of the global week (404 otherwise)"),
)
def list_sessions(request: AuthedRequest, event_id: IdPath) -> Any:
    event = _week(request, event_id)
    return list(event.sessions.with_attended_counts().order_by("starts_at", "pk"))


@router.post(
    "/{event_id}/sessions",
    response={201: SessionOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def create_session(
    request: AuthedRequest, event_id: IdPath, payload: SessionIn
) -> Status[EventSession]:
    event = _week(request, event_id)
    require(request.user, "events.manage_event", event)
    session = sessions.session_create(
        event=event, created_by=request.user, **_in_week_zone(event, payload.dict())
    )
    return Status(201, session)


@router.get(
    "/sessions/{session_id}",
    response={200: SessionOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; 404 unless the caller may see the global week"),
)
def get_session(request: AuthedRequest, session_id: IdPath, response: HttpResponse) -> Any:
    """The `ETag` header is the session's version: send it back in `If-Match` to change it."""
    session = _session(request, session_id)
    set_version(response, version_of(session, sessions.FIELDS))
    return EventSession.objects.with_attended_counts().get(pk=session.pk)


@router.patch(
    "/sessions/{session_id}",
    response={200: SessionOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def update_session(
    request: AuthedRequest, session_id: IdPath, payload: SessionPatch, response: HttpResponse
) -> Any:
    """Requires `If-Match` with the ETag of your last read (428 without it, 409 with the
    fields someone else changed since)."""
    session = _session(request, session_id)
    require(request.user, "events.manage_event", session.event)
    version = if_match(request)
    data = _in_week_zone(session.event, payload.dict(exclude_unset=True))
    session = sessions.session_update(
        session=session, changed_by=request.user, version=version, **data
    )
    set_version(response, version_of(session, sessions.FIELDS))
    return EventSession.objects.with_attended_counts().get(pk=session.pk)


@router.delete(
    "/sessions/{session_id}",
    response={204: None, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def delete_session(request: AuthedRequest, session_id: IdPath) -> Status[None]:
    session = _session(request, session_id)
    require(request.user, "events.manage_event", session.event)
    sessions.session_delete(session=session, deleted_by=request.user)
    return Status(204, None)


@router.get(
    "/sessions/{session_id}/attendance",
    response={200: list[SessionAttendanceOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers (everyone's); members (their own)"),
)
@paginate(Page)
def list_session_attendance(request: AuthedRequest, session_id: IdPath) -> Any:
    session = _session(request, session_id)
    return SessionAttendance.objects.for_user(request.user).filter(session=session).order_by("pk")


@router.post(
    "/sessions/{session_id}/attendance",
    response={200: SessionAttendanceOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def record_session_attendance(
    request: AuthedRequest, session_id: IdPath, payload: AttendanceIn
) -> SessionAttendance:
    session = _session(request, session_id)
    require(request.user, "events.manage_event", session.event)
    person = Person.objects.for_user(request.user).filter(pk=payload.person_id).first()
    if person is None:
        raise ValidationError(
            {
                "person_id": _("No person %(person_id)s that you can see.")
                % {"person_id": payload.person_id}
            }
        )
    return sessions.session_record_attendance(
        session=session, person=person, attended=payload.attended, recorded_by=request.user
    )


@router.get(
    "/{event_id}/groups",
    response={200: list[GroupOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers (every group); members (their own)"),
)
def list_groups(request: AuthedRequest, event_id: IdPath) -> Any:
    event = _week(request, event_id)
    return list(
        ActivityGroup.objects.for_user(request.user)
        .filter(event=event)
        .prefetch_related("members")
        .order_by("pk")
    )


@router.post(
    "/{event_id}/groups",
    response={201: list[GroupOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def form_groups(
    request: AuthedRequest, event_id: IdPath, payload: GroupsIn
) -> Status[list[ActivityGroup]]:
    """Replaces the week's groups with balanced ones (countries and divisions mixed)."""
    event = _week(request, event_id)
    require(request.user, "events.manage_event", event)
    activitygroups.activity_groups_form(event=event, formed_by=request.user, size=payload.size)
    return Status(201, list(event.activity_groups.prefetch_related("members").order_by("pk")))


@router.patch(
    "/groups/{group_id}",
    response={200: GroupOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's programme managers and administrators"),
)
def update_group(request: AuthedRequest, group_id: IdPath, payload: GroupPatch) -> ActivityGroup:
    group = get_object_or_404(
        ActivityGroup.objects.for_user(request.user).select_related("event__cohort"), pk=group_id
    )
    require(request.user, "events.manage_event", group.event)
    members = None
    if payload.member_ids is not None:
        people = {p.pk: p for p in Person.objects.filter(pk__in=payload.member_ids)}
        missing = sorted(set(payload.member_ids) - set(people))
        if missing:
            raise ValidationError(
                {
                    "member_ids": _("No person %(person_id)s.")
                    % {"person_id": ", ".join(map(str, missing))}
                }
            )
        members = list(people.values())
    activitygroups.activity_group_update(
        group=group, changed_by=request.user, name=payload.name, members=members
    )
    return ActivityGroup.objects.prefetch_related("members").get(pk=group.pk)
