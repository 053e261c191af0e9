"""The pair's recurring slot: chosen inside their shared free time, sent to both as a
calendar invitation (parsed back here), updated with the same UID and a higher SEQUENCE,
cancelled when the pair ends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from amplify.conftest import World
from amplify.meetings.models import MeetingSlot
from amplify.meetings.services import meeting_series_cancel, meeting_slot_set
from amplify.meetings.slots import Choice, choices, shared_slots
from amplify.meetings.tests.factories import alice_and_bea, free_time, slot_for


def _calendar(email) -> tuple[Calendar, str]:
    parts = [(c, t) for c, t in email.alternatives if t.startswith("text/calendar")]
    assert len(parts) == 1
    content, mimetype = parts[0]
    return Calendar.from_ical(content), mimetype


def _event(cal: Calendar):
    (event,) = cal.walk("VEVENT")
    return event


def test_it_offers_only_times_inside_the_shared_free_time(world: World) -> None:
    pairing = alice_and_bea(world)
    free_time(world, "alice", slots=[1 * 3 + 2, 4 * 3 + 0])  # Tue evening, Fri morning
    free_time(world, "bea", slots=[1 * 3 + 2])  # Tue evening
    on = timezone.localdate()
    assert shared_slots(pairing, on=on) == {1 * 3 + 2}
    offered, shared = choices(pairing, on=on, minutes=60)
    assert shared
    assert {c.weekday for c in offered} == {1}
    assert all(18 <= c.hour <= 22 for c in offered)
    with pytest.raises(ValidationError) as caught:
        meeting_slot_set(pairing=pairing, chosen_by=pairing.mentee, choice=Choice(4, 9).code)
    assert "choice" in caught.value.message_dict


def test_it_sends_both_an_invitation_with_a_fortnightly_rule_until_the_cohort_ends(
    world: World, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        slot = slot_for(world)
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@sony.example", "bea@example.com"]
    email = mail.outbox[0]
    assert email.body.strip()
    assert email.alternatives[0][1] == "text/html"
    cal, mimetype = _calendar(email)
    assert mimetype == "text/calendar; method=REQUEST"
    assert cal["METHOD"] == "REQUEST"
    event = _event(cal)
    assert str(event["UID"]) == f"meetings-{slot.uid}@amplify"
    assert event["SEQUENCE"] == 0
    assert str(event["ORGANIZER"]).startswith("mailto:")
    attendees = event["ATTENDEE"]
    assert sorted(str(a) for a in attendees) == [
        "mailto:alice@sony.example",
        "mailto:bea@example.com",
    ]
    assert all(a.params["RSVP"] == "TRUE" for a in attendees)
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["INTERVAL"] == [2]
    assert rule["UNTIL"][0].date() == world.cohort.ends_on
    start = event["DTSTART"].dt
    assert start.astimezone(UTC).weekday() == 1
    assert start.astimezone(UTC).hour == 18
    assert str(start.tzinfo) == "Europe/London"
    assert event["DTEND"].dt - start == timedelta(minutes=60)
    # The invitation is also attached, for mail clients that only import a file.
    assert any(a[0] == "invite.ics" for a in email.attachments)


def test_changing_the_slot_sends_the_same_series_with_a_higher_sequence(
    world: World, django_capture_on_commit_callbacks
) -> None:
    slot = slot_for(world)
    pairing = slot.pairing
    with django_capture_on_commit_callbacks(execute=True):
        changed = meeting_slot_set(
            pairing=pairing, chosen_by=pairing.mentee, choice=Choice(1, 19).code
        )
        # The same time chosen again (a double submit): nothing more is sent.
        meeting_slot_set(pairing=pairing, chosen_by=pairing.mentee, choice=Choice(1, 19).code)
    assert (changed.pk, changed.uid, changed.sequence) == (slot.pk, slot.uid, 1)
    assert len(mail.outbox) == 2
    assert "New time" in mail.outbox[0].subject
    event = _event(_calendar(mail.outbox[0])[0])
    assert str(event["UID"]) == f"meetings-{slot.uid}@amplify"
    assert event["SEQUENCE"] == 1
    assert event["DTSTART"].dt.astimezone(UTC).hour == 19


def test_ending_the_pair_cancels_the_series_once(
    world: World, django_capture_on_commit_callbacks
) -> None:
    slot = slot_for(world)
    pairing = slot.pairing
    with django_capture_on_commit_callbacks(execute=True):
        pairing.ended_on = timezone.localdate()
        pairing.save()  # the receiver cancels the series
        meeting_series_cancel(pairing=pairing, reason="Completed")  # and the signal, later
    slot.refresh_from_db()
    assert slot.cancelled_at is not None
    assert slot.sequence == 1
    assert len(mail.outbox) == 2
    cal, mimetype = _calendar(mail.outbox[0])
    assert mimetype == "text/calendar; method=CANCEL"
    assert cal["METHOD"] == "CANCEL"
    event = _event(cal)
    assert (str(event["UID"]), event["SEQUENCE"], event["STATUS"]) == (
        f"meetings-{slot.uid}@amplify",
        1,
        "CANCELLED",
    )
    with pytest.raises(ValidationError, match="ended"):
        meeting_slot_set(pairing=pairing, chosen_by=pairing.mentor, choice=Choice(1, 18).code)


def test_the_page_offers_the_times_in_each_persons_own_zone(world: World, as_user) -> None:
    pairing = alice_and_bea(world)
    free_time(world)
    bea = pairing.mentee
    bea.time_zone = "Asia/Tokyo"
    bea.save(update_fields=["time_zone"])
    page = as_user(world.alice).get(reverse("meetings:pair", args=[pairing.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    # Bea's Tokyo evening overlaps nothing of Alice's London evening: every hour is offered.
    assert "share no free time" in text
    # Tuesday 18:00 UTC is 18:00 in London in winter and Wednesday 03:00 in Tokyo.
    winter = datetime(2026, 12, 1, 18, tzinfo=UTC)
    assert Choice(1, 18).first_at(winter.date()) == winter
    assert "Tue 18:00 your time · Wed 03:00 for Bea Young" in text


def test_choosing_on_the_page_saves_the_slot_and_says_so(world: World, as_user) -> None:
    pairing = alice_and_bea(world)
    free_time(world)
    url = reverse("meetings:slot", args=[pairing.pk])
    response = as_user(world.bea).post(url, {"choice": Choice(1, 18).code}, follow=True)
    assert response.status_code == 200
    assert "calendar invitation" in response.content.decode()
    assert MeetingSlot.objects.get(pairing=pairing).chosen_by == pairing.mentee
    bad = as_user(world.bea).post(url, {"choice": "9-99"})
    assert bad.status_code == 422
