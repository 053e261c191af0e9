"""Events as iCalendar files, so people can add them to Outlook or Google Calendar (one event,
a cohort's events, or a global week's whole agenda), and a recurring meeting as a calendar
invitation (`series_ical`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, vCalAddress
from icalendar import Event as VEvent

from amplify.core.text import strip_control_characters
from amplify.events.models import Event, EventSession
from amplify.home.siteurls import site_url


def _line(value: str) -> str:
    # One-line properties: a line break in a title stored before the boundary rule existed
    # would otherwise break the file (icalendar refuses it).
    return strip_control_characters(value)


def _changes(model: type[models.Model], pks: list[int]) -> dict[int, int]:
    """How many times each row was changed after it was made: its SEQUENCE, so that a
    calendar that imported the file before takes the new times over the old ones."""
    rows = (
        model.history.filter(id__in=pks, history_type="~")  # type: ignore[attr-defined]
        .values("id")
        .annotate(n=Count("history_id"))
    )
    return {row["id"]: row["n"] for row in rows}


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Amplify//Events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _line(name))
    return cal


def _item(
    *,
    uid: str,
    summary: str,
    starts_at: datetime,
    ends_at: datetime,
    stamp: datetime,
    sequence: int,
    location: str,
    description: str,
    url: str,
) -> VEvent:
    item = VEvent()
    item.add("uid", uid)
    item.add("summary", _line(summary))
    item.add("dtstart", starts_at)
    item.add("dtend", ends_at)
    item.add("dtstamp", stamp)
    item.add("sequence", sequence)
    if _line(location):
        item.add("location", _line(location))
    item.add("description", strip_control_characters(description, multiline=True))
    item.add("url", url)
    return item


def _stamp(now: datetime | None) -> datetime:
    return (now or timezone.now()).astimezone(UTC).replace(microsecond=0)


def to_ical(events: Iterable[Event], *, name: str, now: datetime | None = None) -> bytes:
    """`now` is when the file is produced: its DTSTAMP (RFC 5545), in UTC."""
    events = list(events)
    stamp = _stamp(now)
    changes = _changes(Event, [e.pk for e in events])
    cal = _calendar(name)
    for event in events:
        description = event.description
        if event.speaker_name:
            speaker = _("Speaker: %(name)s") % {"name": event.speaker_name}
            description = f"{speaker}\n\n{description}".strip()
        if event.online_url:
            join = _("Join online: %(link)s") % {"link": event.online_url}
            description = f"{description}\n\n{join}".strip()
        cal.add_component(
            _item(
                uid=f"event-{event.pk}@amplify",
                summary=event.title,
                starts_at=event.starts_at,
                ends_at=event.ends_at,
                stamp=stamp,
                sequence=changes.get(event.pk, 0),
                location=", ".join(x for x in (event.venue, event.online_url) if x),
                description=description,
                url=site_url(event.get_absolute_url()),
            )
        )
    return bytes(cal.to_ical())


def week_ical(event: Event, *, now: datetime | None = None) -> bytes:
    """A global week as one file: a VEVENT per session of its agenda, each with its own
    stable UID and a SEQUENCE counting its changes, so a re-import updates the agenda."""
    sessions = list(event.sessions.order_by("starts_at", "pk"))
    stamp = _stamp(now)
    changes = _changes(EventSession, [s.pk for s in sessions])
    cal = _calendar(event.title)
    url = site_url(reverse("events:week", args=[event.pk]))
    for session in sessions:
        lines = [session.description]
        if session.host:
            lines.insert(0, _("Hosted by %(host)s") % {"host": session.host})
        cal.add_component(
            _item(
                uid=f"event-session-{session.pk}@amplify",
                summary=session.title,
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                stamp=stamp,
                sequence=changes.get(session.pk, 0),
                location=session.place,
                description="\n\n".join(line for line in lines if line).strip(),
                url=url,
            )
        )
    return bytes(cal.to_ical())


@dataclass(frozen=True)
class Attendee:
    name: str
    email: str


def series_ical(
    *,
    uid: str,
    sequence: int,
    method: str,
    summary: str,
    description: str,
    starts_at: datetime,
    minutes: int,
    every_days: int,
    until: date,
    organizer: Attendee,
    attendees: Sequence[Attendee],
    now: datetime | None = None,
) -> bytes:
    """A recurring meeting as an iTIP message (RFC 5546): METHOD:REQUEST invites the
    attendees (or updates the series, with the same UID and a higher SEQUENCE), and
    METHOD:CANCEL withdraws it. `starts_at` is aware: its zone names the series' TZID, so
    the meetings keep their wall-clock time across summer time; the series runs every
    `every_days` (weekly when a multiple of 7) up to the end of `until`."""
    return invitation_ical(
        uid=uid,
        sequence=sequence,
        method=method,
        summary=summary,
        description=description,
        starts_at=starts_at,
        minutes=minutes,
        organizer=organizer,
        attendees=attendees,
        repeat=(every_days, until),
        now=now,
        prodid="-//Amplify//Meetings//EN",
    )


def invitation_ical(
    *,
    uid: str,
    sequence: int,
    method: str,
    summary: str,
    description: str,
    starts_at: datetime,
    minutes: int,
    organizer: Attendee,
    attendees: Sequence[Attendee],
    repeat: tuple[int, date] | None = None,
    now: datetime | None = None,
    prodid: str = "-//Amplify//Invitations//EN",
) -> bytes:
    """One meeting (or, with `repeat` = (every_days, until), a series) as an iTIP message:
    METHOD:REQUEST invites the attendees or updates the meeting (the same UID with a higher
    SEQUENCE), METHOD:CANCEL withdraws it. A coaching session is a single one."""
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError("method must be REQUEST or CANCEL")
    stamp = (now or timezone.now()).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("method", method)
    item = VEvent()
    item.add("uid", uid)
    item.add("sequence", sequence)
    item.add("dtstamp", stamp)
    item.add("summary", _line(summary))
    item.add("description", strip_control_characters(description, multiline=True))
    item.add("dtstart", starts_at)
    item.add("dtend", starts_at + timedelta(minutes=minutes))
    if repeat is not None:
        every_days, until = repeat
        last = datetime.combine(until, time(23, 59, 59), tzinfo=starts_at.tzinfo).astimezone(UTC)
        if every_days % 7 == 0:
            rule = {"freq": "weekly", "interval": every_days // 7, "until": last}
        else:
            rule = {"freq": "daily", "interval": every_days, "until": last}
        item.add("rrule", rule)
    item.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    item.add(
        "organizer",
        vCalAddress(f"mailto:{organizer.email}"),
        parameters={"cn": _line(organizer.name)},
    )
    for person in attendees:
        item.add(
            "attendee",
            vCalAddress(f"mailto:{person.email}"),
            parameters={
                "cn": _line(person.name),
                "role": "REQ-PARTICIPANT",
                "partstat": "NEEDS-ACTION",
                "rsvp": "TRUE",
            },
        )
    cal.add_component(item)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
