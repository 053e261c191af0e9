"""The meetings emails, each in its reader's language and time zone, plain text plus HTML:
the calendar invitation to a pair's series (with its `text/calendar; method=REQUEST` part,
or `method=CANCEL` when the pair ends), the nudge to a quiet pair, the reminder of a
meeting, and the programme manager's alert. None of them holds a meeting's notes."""

from __future__ import annotations

import logging
import zoneinfo
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from amplify.core.text import strip_control_characters
from amplify.events.calendar import Attendee, series_ical
from amplify.home.locale import supported_language
from amplify.home.siteurls import configured_site, site_url
from amplify.people.models import Person

logger = logging.getLogger("amplify.notifications")


def _zone(person: Person) -> zoneinfo.ZoneInfo:
    from amplify.meetings.slots import zone_of

    return zone_of(person)


def _send(
    *,
    to: Person,
    subject: str,
    template: str,
    context: dict[str, Any],
    about: str,
    calendar: tuple[bytes, str] | None = None,
) -> bool:
    """Render `template`.txt and .html (and attach the calendar part) and send them; True
    if the email went. A failure is logged by `about`, without personal data."""
    context = {**context, "person": to, "zone": _zone(to), "site": configured_site()}
    text = render_to_string(f"meetings/email/{template}.txt", context)
    html = render_to_string(f"meetings/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=strip_control_characters(subject), body=text, to=[to.email]
    )
    message.attach_alternative(html, "text/html")
    if calendar is not None:
        ics, method = calendar
        # Inside the alternatives, so that mail clients offer Accept / Decline; and as a
        # file, for those that only import one.
        message.attach_alternative(ics.decode(), f"text/calendar; method={method}")
        message.attach("invite.ics", ics, f"application/ics; method={method}")
    try:
        message.send(fail_silently=False)
    except Exception:
        logger.exception("Could not send the %s", about)
        return False
    return True


def _language(person: Person) -> str | None:
    return supported_language(person.interface_language) or None


def series_ical_of(slot: Any, *, method: str, now: datetime | None = None) -> bytes:
    pairing = slot.pairing
    zone = zoneinfo.ZoneInfo(slot.time_zone)
    summary = _("Mentoring: %(mentor)s and %(mentee)s") % {
        "mentor": pairing.mentor.display_name,
        "mentee": pairing.mentee.display_name,
    }
    link = site_url(reverse("meetings:pair", args=[pairing.pk]))
    description = _(
        "Your fortnightly mentoring meeting in %(cohort)s. Log it afterwards: %(link)s"
    ) % {
        "cohort": pairing.cohort.name,
        "link": link,
    }
    return series_ical(
        uid=f"meetings-{slot.uid}@amplify",
        sequence=slot.sequence,
        method=method,
        summary=summary,
        description=description,
        starts_at=slot.starts_at.astimezone(zone),
        minutes=slot.duration_minutes,
        every_days=slot.every_days,
        until=slot.until,
        organizer=Attendee(configured_site().name, _from_address()),
        attendees=[
            Attendee(pairing.mentor.display_name, pairing.mentor.email),
            Attendee(pairing.mentee.display_name, pairing.mentee.email),
        ],
        now=now,
    )


def _from_address() -> str:
    from email.utils import parseaddr

    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "amplify@localhost"


def series_send(slot: Any, *, reason: str = "") -> int:
    """Send both people the series: an invitation (or its update), or its cancellation."""
    pairing = slot.pairing
    method = "CANCEL" if slot.cancelled_at else "REQUEST"
    sent = 0
    for person in (pairing.mentor, pairing.mentee):
        other = pairing.mentee if person.pk == pairing.mentor_id else pairing.mentor
        with translation.override(_language(person)):
            ics = series_ical_of(slot, method=method)
            if method == "CANCEL":
                subject = _("Cancelled: your meetings with %(name)s") % {"name": other.display_name}
            elif slot.sequence:
                subject = _("New time for your meetings with %(name)s") % {
                    "name": other.display_name
                }
            else:
                subject = _("Your meetings with %(name)s") % {"name": other.display_name}
            context = {
                "slot": slot,
                "other": other,
                "cancelled": method == "CANCEL",
                "reason": reason,
                "link": site_url(reverse("meetings:pair", args=[pairing.pk])),
            }
            sent += _send(
                to=person,
                subject=subject,
                template="series",
                context=context,
                about=f"meeting series {method.lower()}, pair {pairing.pk}",
                calendar=(ics, method),
            )
    return sent


def nudge_send(pairing: Any, *, days: int) -> int:
    sent = 0
    for person in (pairing.mentor, pairing.mentee):
        other = pairing.mentee if person.pk == pairing.mentor_id else pairing.mentor
        with translation.override(_language(person)):
            subject = _("Time to catch up with %(name)s?") % {"name": other.display_name}
            context = {
                "other": other,
                "days": days,
                "link": site_url(reverse("meetings:pair", args=[pairing.pk])),
            }
            sent += _send(
                to=person,
                subject=subject,
                template="nudge",
                context=context,
                about=f"meeting nudge, pair {pairing.pk}",
            )
    return sent


def reminder_send(pairing: Any, *, starts_at: datetime) -> int:
    sent = 0
    for person in (pairing.mentor, pairing.mentee):
        other = pairing.mentee if person.pk == pairing.mentor_id else pairing.mentor
        with translation.override(_language(person)):
            subject = _("Your meeting with %(name)s is coming up") % {"name": other.display_name}
            context = {
                "other": other,
                "starts_at": starts_at,
                "link": site_url(reverse("meetings:pair", args=[pairing.pk])),
            }
            sent += _send(
                to=person,
                subject=subject,
                template="reminder",
                context=context,
                about=f"meeting reminder, pair {pairing.pk}",
            )
    return sent


def alert_send(manager: Person, cohort: Any, rows: Sequence[tuple[Any, int]]) -> bool:
    """One email to a programme manager for the pairs of a cohort that went quiet in this
    run: (pairing, days without a meeting) each."""
    with translation.override(_language(manager)):
        subject = _("%(n)s pair(s) in %(cohort)s have not met for a while") % {
            "n": len(rows),
            "cohort": cohort.name,
        }
        context = {
            "cohort": cohort,
            "rows": rows,
            "link": site_url(reverse("meetings:health", args=[cohort.pk])),
            "today": timezone.localdate(),
        }
        return _send(
            to=manager,
            subject=subject,
            template="alert",
            context=context,
            about=f"meeting alert, cohort {cohort.pk}",
        )
