"""Events API: a cohort's events, RSVP and attendance."""

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
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
from amplify.events import services
from amplify.events.models import Event, Rsvp
from amplify.home.concurrency import if_match, set_version, version_of
from amplify.people.models import Person
from amplify.programmes.models import Cohort

router = Router(tags=["events"])
Kind = Literal["launch", "global_week", "showcase", "workshop", "training", "other"]
Format = Literal["in_person", "online", "hybrid"]
AUDIENCE = (
    "Who is invited (sees the event and may reply). Left out or null: whom the event's kind "
    "is for (training: the mentors); on an update, null goes back to that."
)


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
