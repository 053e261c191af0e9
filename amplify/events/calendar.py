"""Events as iCalendar files, so people can add them to Outlook or Google Calendar."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from amplify.core.text import strip_control_characters
from amplify.events.models import Event


def _line(value: str) -> str:
    # One-line properties: a line break in a title stored before the boundary rule existed
    # would otherwise break the file (icalendar refuses it).
    return strip_control_characters(value)


def to_ical(events: Iterable[Event], *, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Amplify//Events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _line(name))
    for event in events:
        item = VEvent()
        item.add("uid", f"event-{event.pk}@amplify")
        item.add("summary", _line(event.title))
        item.add("dtstart", event.starts_at)
        item.add("dtend", event.ends_at)
        item.add("dtstamp", event.starts_at)
        location = _line(", ".join(x for x in (event.venue, event.online_url) if x))
        if location:
            item.add("location", location)
        description = event.description
        if event.online_url:
            join = _("Join online: %(link)s") % {"link": event.online_url}
            description = f"{description}\n\n{join}".strip()
        item.add("description", strip_control_characters(description, multiline=True))
        item.add("url", settings.SITE_ROOT + event.get_absolute_url())
        cal.add_component(item)
    return bytes(cal.to_ical())
