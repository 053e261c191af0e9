"""Calendar files: DTSTAMP is when the file was produced (RFC 5545), not the event's start;
UID stays the same for an event and SEQUENCE counts its changes, so calendars update it."""

from __future__ import annotations

import datetime
from datetime import UTC, timedelta

from django.urls import reverse
from icalendar import Calendar

from amplify.conftest import World
from amplify.events.calendar import to_ical
from amplify.events.services import event_update

FROZEN = datetime.datetime(2026, 12, 2, 9, 30, 15, tzinfo=UTC)


def _vevents(content: bytes) -> list:
    return list(Calendar.from_ical(content).walk("VEVENT"))


def test_it_stamps_the_file_with_the_time_it_was_made(world: World) -> None:
    made = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.timezone(timedelta(hours=1)))
    (event,) = _vevents(to_ical([world.event], name="x", now=made))
    assert event["dtstamp"].dt == made
    assert event["dtstamp"].dt.utcoffset() == timedelta(0)
    assert b"DTSTAMP:20261202T090000Z" in to_ical([world.event], name="x", now=made)
    assert event["dtstart"].dt == world.event.starts_at.replace(microsecond=0)


def test_the_downloaded_file_is_stamped_now_and_keeps_its_uid_across_changes(
    world: World, as_user, monkeypatch, settings
) -> None:
    settings.SITE_ROOT = "https://amplify.example.com"
    monkeypatch.setattr("django.utils.timezone.now", lambda: FROZEN)
    client = as_user(world.bea)
    url = reverse("events:ical", args=[world.event.pk])
    first = client.get(url)
    assert first.status_code == 200
    assert b"DTSTAMP:20261202T093015Z" in first.content
    (before,) = _vevents(first.content)
    assert before["sequence"] == 0
    assert before["url"] == f"https://amplify.example.com/events/{world.event.pk}/"

    later = FROZEN + timedelta(hours=3)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    event_update(
        event=world.event,
        changed_by=world.harriet,
        starts_at=world.event.starts_at + timedelta(days=1),
        ends_at=world.event.ends_at + timedelta(days=1),
    )
    client = as_user(world.bea)  # signed in afresh: three hours idle would sign her out
    (after,) = _vevents(client.get(url).content)
    assert after["uid"] == before["uid"]
    assert after["sequence"] == 1
    assert after["dtstamp"].dt == later
    feed = client.get(reverse("events:cohort-ical", args=[world.cohort.pk]))
    assert b"DTSTAMP:20261202T123015Z" in feed.content
    assert b"SEQUENCE:1" in feed.content
