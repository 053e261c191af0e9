"""Writes for events: scheduling, RSVP and attendance."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.accounts.types import Actor
from amplify.events.models import AUDIENCE_ROLES, Event, Rsvp
from amplify.home.concurrency import check_version
from amplify.home.links import validate_web_link
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment

FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "time_zone",
    "format",
    "audience",
    "venue",
    "online_url",
    "capacity",
    "speaker_name",
    "speaker_bio",
)


TEXTS = ("description", "venue", "online_url", "speaker_name", "speaker_bio")


def _validate(event: Event) -> None:
    errors: dict[str, str] = {}
    if not event.title.strip():
        errors["title"] = _("Give the event a title.")
    if event.kind not in Event.Kind.values:
        errors["kind"] = _("Unknown kind “%(kind)s”.") % {"kind": event.kind}
    if event.format not in Event.Format.values:
        errors["format"] = _("Choose one of: %(items)s.") % {
            "items": ", ".join(str(label) for label in Event.Format.labels)
        }
    if event.time_zone not in zoneinfo.available_timezones():
        errors["time_zone"] = _("Unknown time zone “%(time_zone)s”.") % {
            "time_zone": event.time_zone
        }
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        errors["ends_at"] = _("The event must end after it starts.")
    if event.format in (Event.Format.IN_PERSON, Event.Format.HYBRID) and not event.venue.strip():
        errors["venue"] = _("An in-person or hybrid event needs a venue.")
    if event.format in (Event.Format.ONLINE, Event.Format.HYBRID) and not event.online_url:
        errors["online_url"] = _("An online or hybrid event needs a link to join.")
    try:
        validate_web_link(event.online_url)
    except ValidationError as error:
        errors["online_url"] = " ".join(error.messages)
    if event.audience not in Event.Audience.values:
        errors["audience"] = _("Choose one of: %(audiences)s.") % {
            "audiences": ", ".join(str(label) for label in Event.Audience.labels)
        }
    else:
        roles = AUDIENCE_ROLES[Event.Audience(event.audience)]
        offered = event.cohort.programme.roles
        if roles is not None and not set(roles) & set(offered):
            errors["audience"] = _(
                "“%(audience)s” invites nobody: this programme's cohorts have no such role."
            ) % {"audience": Event.Audience(event.audience).label}
    if event.kind == Event.Kind.SPEAKER and not event.speaker_name.strip():
        errors["speaker_name"] = _("An external speaker's talk needs the speaker's name.")
    if event.capacity is not None and event.capacity < 1:
        errors["capacity"] = _("Capacity must be at least 1, or empty for no limit.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def event_create(*, cohort: Cohort, created_by: Actor, **fields: Any) -> Event:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(items)s.") % {"items": ", ".join(sorted(unknown))}
        )
    if cohort.status == Cohort.Status.CLOSED:
        raise ValidationError(_("This cohort is closed: reopen it to schedule events."))
    fields.setdefault("time_zone", "UTC")
    for text in TEXTS:
        fields[text] = (fields.get(text) or "").strip()
    if not fields.get("audience"):  # not chosen: the kind says
        fields["audience"] = Event.default_audience(kind=fields.get("kind", ""), cohort=cohort)
    event = Event(cohort=cohort, **fields)
    _validate(event)
    event._history_user = created_by  # type: ignore[attr-defined]
    event.save()
    return event


REQUIRED = ("kind", "title", "starts_at", "ends_at", "time_zone", "format")


@transaction.atomic
def event_update(
    *, event: Event, changed_by: Actor, version: str | None = None, **fields: Any
) -> Event:
    """Change an event; a field left out stays as it is, an empty optional one is cleared.
    `version` is the one the caller saw (EditConflict if someone else saved since)."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(items)s.") % {"items": ", ".join(sorted(unknown))}
        )
    event = Event.objects.select_for_update().get(pk=event.pk)
    check_version(event, fields=FIELDS, expected=version)
    empty = [key for key in REQUIRED if key in fields and fields[key] in (None, "")]
    if empty:
        raise ValidationError(dict.fromkeys(empty, "This field cannot be empty."))
    for text in TEXTS:
        if text in fields:
            fields[text] = (fields[text] or "").strip()
    # An audience left to the kind keeps following it; one the manager chose stays.
    follows_kind = event.audience == Event.default_audience(kind=event.kind, cohort=event.cohort)
    for key, value in fields.items():
        setattr(event, key, value)
    if not fields.get("audience") and ("audience" in fields or follows_kind):
        event.audience = Event.default_audience(kind=event.kind, cohort=event.cohort)
    _validate(event)
    event._history_user = changed_by  # type: ignore[attr-defined]
    event.save()
    return event


@transaction.atomic
def event_rsvp(*, event: Event, person: Person, response: str, now: datetime | None = None) -> Rsvp:
    """Record a person's answer to an event. Only active members of the cohort may answer,
    only before the event ends, and "going" only while there is room."""
    now = now or timezone.now()
    if response not in Rsvp.Response.values:
        raise ValidationError(
            {
                "response": _("Answer one of: %(items)s.")
                % {"items": ", ".join(Rsvp.Response.values)}
            }
        )
    if not event.invitees().filter(person=person).exists():
        if event.is_for_everyone:
            raise ValidationError(_("Only active members of this cohort can reply to its events."))
        raise ValidationError(
            _("This event is for %(audience)s: only they can reply.")
            % {"audience": str(event.get_audience_display()).lower()}
        )
    if event.ends_at <= now:
        raise ValidationError(_("This event is over; replies are closed."))
    # Lock the event row so two last-seat replies cannot both succeed.
    event = Event.objects.select_for_update().get(pk=event.pk)
    rsvp, _created = Rsvp.objects.get_or_create(event=event, person=person)
    if response == Rsvp.Response.GOING and rsvp.response != Rsvp.Response.GOING and event.capacity:
        going = event.rsvps.filter(response=Rsvp.Response.GOING).count()
        if going >= event.capacity:
            raise ValidationError(
                {
                    "response": _("The event is full (%(capacity)s places).")
                    % {"capacity": event.capacity}
                }
            )
    rsvp.response = response
    rsvp.responded_at = now
    rsvp._history_user = person.user  # type: ignore[attr-defined]
    rsvp.save()
    return rsvp


@transaction.atomic
def event_record_attendance(
    *, event: Event, person: Person, attended: bool, recorded_by: Actor, now: datetime | None = None
) -> Rsvp:
    now = now or timezone.now()
    if event.starts_at > now:
        raise ValidationError(_("Attendance can be recorded once the event has started."))
    if not Enrolment.objects.filter(cohort_id=event.cohort_id, person=person).exists():
        raise ValidationError(
            {"person": _("%(person)s is not a member of this cohort.") % {"person": person}}
        )
    rsvp, _created = Rsvp.objects.get_or_create(event=event, person=person)
    rsvp.attended = attended
    rsvp._history_user = recorded_by  # type: ignore[attr-defined]
    rsvp.save()
    return rsvp
