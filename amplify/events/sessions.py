"""Writes for a global week's agenda: its sessions and who attended each."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from amplify.accounts.types import Actor
from amplify.events.models import Event, EventSession, SessionAttendance
from amplify.home.concurrency import check_version
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment

FIELDS = ("starts_at", "ends_at", "title", "place", "host", "activity", "description", "capacity")
REQUIRED = ("starts_at", "ends_at", "title", "place", "activity")
TEXTS = ("title", "place", "host", "description")
# The kinds of event that have a day-by-day agenda.
WITH_AGENDA = (Event.Kind.GLOBAL_WEEK,)


def _clock(moment: datetime, zone: str) -> str:
    return date_format(timezone.localtime(moment, zoneinfo.ZoneInfo(zone)), "SHORT_DATETIME_FORMAT")


def _validate(session: EventSession) -> None:
    event = session.event
    errors: dict[str, str] = {}
    if not session.title.strip():
        errors["title"] = _("Give the session a title.")
    if not session.place.strip():
        errors["place"] = _("Say where the session takes place.")
    if session.activity not in EventSession.Activity.values:
        errors["activity"] = _("Choose one of: %(items)s.") % {
            "items": ", ".join(str(label) for label in EventSession.Activity.labels)
        }
    if session.capacity is not None and session.capacity < 1:
        errors["capacity"] = _("Capacity must be at least 1, or empty for no limit.")
    if session.starts_at and session.ends_at:
        zone = zoneinfo.ZoneInfo(event.time_zone)
        first = timezone.localtime(event.starts_at, zone).date()
        last = timezone.localtime(event.ends_at, zone).date()
        # The event's days as its own clock reads them: an early breakfast on day one or a
        # dinner on the last evening belongs to the week even outside its published hours.
        dates = {
            "first": date_format(first, "DATE_FORMAT"),
            "last": date_format(last, "DATE_FORMAT"),
        }
        if session.ends_at <= session.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        elif timezone.localtime(session.starts_at, zone).date() < first:
            errors["starts_at"] = (
                _("The session must fall within the event's dates, %(first)s to %(last)s.") % dates
            )
        elif timezone.localtime(session.ends_at, zone).date() > last:
            errors["ends_at"] = (
                _("The session must fall within the event's dates, %(first)s to %(last)s.") % dates
            )
    if errors:
        raise ValidationError(errors)
    clash = (
        EventSession.objects.filter(
            event_id=event.pk,
            place__iexact=session.place.strip(),
            starts_at__lt=session.ends_at,
            ends_at__gt=session.starts_at,
        )
        .exclude(pk=session.pk)
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                "place": _(
                    "%(place)s is taken then by “%(title)s” (%(starts)s – %(ends)s): choose "
                    "another time or place."
                )
                % {
                    "place": clash.place,
                    "title": clash.title,
                    "starts": _clock(clash.starts_at, event.time_zone),
                    "ends": _clock(clash.ends_at, event.time_zone),
                }
            }
        )


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(items)s.") % {"items": ", ".join(sorted(unknown))}
        )
    for text in TEXTS:
        if text in fields:
            fields[text] = (fields[text] or "").strip()


def _locked_event(event: Event) -> Event:
    """The event, locked: two sessions added at once for one place cannot both pass the
    overlap check."""
    locked = Event.objects.select_for_update().select_related("cohort").get(pk=event.pk)
    if locked.kind not in WITH_AGENDA:
        raise ValidationError(_("Only a global week has a day-by-day agenda."))
    if locked.cohort.status == Cohort.Status.CLOSED:
        raise ValidationError(_("This cohort is closed: reopen it to change its agenda."))
    return locked


@transaction.atomic
def session_create(*, event: Event, created_by: Actor, **fields: Any) -> EventSession:
    _check_fields(fields)
    missing = [key for key in REQUIRED if fields.get(key) in (None, "")]
    if missing:
        raise ValidationError(dict.fromkeys(missing, _("This field cannot be empty.")))
    event = _locked_event(event)
    session = EventSession(event=event, **fields)
    _validate(session)
    session._history_user = created_by  # type: ignore[attr-defined]
    session.save()
    return session


@transaction.atomic
def session_update(
    *, session: EventSession, changed_by: Actor, version: str | None = None, **fields: Any
) -> EventSession:
    """Change a session; a field left out stays as it is. `version` is the one the caller
    saw (EditConflict if someone else saved since)."""
    _check_fields(fields)
    empty = [key for key in REQUIRED if key in fields and fields[key] in (None, "")]
    if empty:
        raise ValidationError(dict.fromkeys(empty, _("This field cannot be empty.")))
    event = _locked_event(session.event)
    session = EventSession.objects.select_for_update().get(pk=session.pk)
    check_version(session, fields=FIELDS, expected=version)
    session.event = event
    for key, value in fields.items():
        setattr(session, key, value)
    _validate(session)
    session._history_user = changed_by  # type: ignore[attr-defined]
    session.save()
    return session


@transaction.atomic
def session_delete(*, session: EventSession, deleted_by: Actor) -> None:
    _locked_event(session.event)
    session._history_user = deleted_by  # type: ignore[attr-defined]
    session.delete()


@transaction.atomic
def session_record_attendance(
    *,
    session: EventSession,
    person: Person,
    attended: bool,
    recorded_by: Actor,
    now: datetime | None = None,
) -> SessionAttendance:
    """Record whether a member of the cohort came to a session (once it has started)."""
    now = now or timezone.now()
    if session.starts_at > now:
        raise ValidationError(_("Attendance can be recorded once the session has started."))
    taking_part = Enrolment.objects.taking_part().filter(
        cohort_id=session.event.cohort_id, person=person
    )
    if not taking_part.exists():
        raise ValidationError(
            {"person": _("%(person)s is not a member of this cohort.") % {"person": person}}
        )
    row = SessionAttendance.objects.select_for_update().filter(
        session=session, person=person
    ).first() or SessionAttendance(session=session, person=person)
    row.attended = attended
    row.recorded_at = now
    row._history_user = recorded_by  # type: ignore[attr-defined]
    row.save()
    return row
