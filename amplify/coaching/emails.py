"""The coaching emails, each in its reader's language and time zone, through the one
templated sender: a session's calendar invitation (METHOD:REQUEST, its update with the same
UID and a higher SEQUENCE, or METHOD:CANCEL), and the periodic job's nudges to a pair behind
plan and to a quiet home group. None of them holds a coach's notes."""

from __future__ import annotations

import zoneinfo
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from amplify.events.calendar import Attendee, invitation_ical
from amplify.home.locale import supported_language
from amplify.home.notifications import templated_email_send
from amplify.home.siteurls import configured_site, site_url
from amplify.meetings.slots import zone_of
from amplify.people.models import Person


def _language(person: Person) -> str | None:
    return supported_language(person.interface_language) or None


def _from_address() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "amplify@localhost"


def session_ical(session: Any, *, method: str) -> bytes:
    pairing = session.pairing
    zone = zoneinfo.ZoneInfo(zone_of(pairing.mentor).key)
    summary = _("Coaching: %(coach)s and %(participant)s") % {
        "coach": pairing.mentor.display_name,
        "participant": pairing.mentee.display_name,
    }
    link = site_url(reverse("coaching:pair", args=[pairing.pk]))
    description = _("A coaching session in %(cohort)s. Your sessions and actions: %(link)s") % {
        "cohort": pairing.cohort.name,
        "link": link,
    }
    return invitation_ical(
        uid=f"coaching-{session.uid}@amplify",
        sequence=session.sequence,
        method=method,
        summary=summary,
        description=description,
        starts_at=session.starts_at.astimezone(zone),
        minutes=session.minutes,
        organizer=Attendee(configured_site().name, _from_address()),
        attendees=[
            Attendee(pairing.mentor.display_name, pairing.mentor.email),
            Attendee(pairing.mentee.display_name, pairing.mentee.email),
        ],
        prodid="-//Amplify//Coaching//EN",
    )


def session_send(session: Any) -> int:
    """Send both people the session: its invitation, its new time, or its cancellation."""
    pairing = session.pairing
    cancelled = session.status == session.Status.CANCELLED
    method = "CANCEL" if cancelled else "REQUEST"
    sent = 0
    for person in (pairing.mentor, pairing.mentee):
        other = pairing.mentee if person.pk == pairing.mentor_id else pairing.mentor
        with translation.override(_language(person)):
            names = {"name": other.display_name}
            if cancelled:
                subject = _("Cancelled: your coaching session with %(name)s") % names
            elif session.sequence:
                subject = _("New time for your coaching session with %(name)s") % names
            else:
                subject = _("Your coaching session with %(name)s") % names
            sent += templated_email_send(
                to=person,
                subject=subject,
                template="coaching/email/session",
                context={
                    "session": session,
                    "other": other,
                    "cancelled": cancelled,
                    "zone": zone_of(person),
                    "link": site_url(reverse("coaching:pair", args=[pairing.pk])),
                },
                about=f"coaching session {method.lower()}, session {session.pk}",
                calendar=(session_ical(session, method=method), method),
            )
    return sent


def behind_send(pairing: Any, *, held: int, expected: int, planned: int) -> int:
    sent = 0
    for person in (pairing.mentor, pairing.mentee):
        other = pairing.mentee if person.pk == pairing.mentor_id else pairing.mentor
        with translation.override(_language(person)):
            subject = _("Time to book your next coaching session with %(name)s?") % {
                "name": other.display_name
            }
            sent += templated_email_send(
                to=person,
                subject=subject,
                template="coaching/email/behind",
                context={
                    "other": other,
                    "held": held,
                    "expected": expected,
                    "planned": planned,
                    "link": site_url(reverse("coaching:pair", args=[pairing.pk])),
                },
                about=f"coaching behind-plan nudge, pair {pairing.pk}",
            )
    return sent


def quiet_send(group: Any, members: list[Person], *, days: int) -> int:
    sent = 0
    link = site_url(reverse("coaching:group", args=[group.pk]))
    for person in members:
        with translation.override(_language(person)):
            subject = _("Your home group %(group)s has not met for a while") % {"group": group.name}
            sent += templated_email_send(
                to=person,
                subject=subject,
                template="coaching/email/quiet",
                context={"group": group, "days": days, "link": link},
                about=f"home group quiet nudge, group {group.pk}",
            )
    return sent
