import datetime
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from amplify.conftest import World
from amplify.events.models import Event, Rsvp
from amplify.events.services import event_create, event_record_attendance, event_rsvp


def test_it_records_a_reply_from_a_member(world: World) -> None:
    rsvp = event_rsvp(event=world.event, person=world.person(world.alice), response="going")
    assert rsvp.response == "going"
    assert rsvp.responded_at is not None
    again = event_rsvp(event=world.event, person=world.person(world.alice), response="maybe")
    assert again.pk == rsvp.pk
    assert Rsvp.objects.count() == 1


def test_it_refuses_replies_from_outsiders_and_after_the_event(world: World) -> None:
    with pytest.raises(ValidationError, match="Only active members"):
        event_rsvp(event=world.event, person=world.person(world.otto), response="going")
    later = world.event.ends_at + timedelta(minutes=1)
    with pytest.raises(ValidationError, match="over"):
        event_rsvp(event=world.event, person=world.person(world.alice), response="going", now=later)


def test_it_keeps_to_the_capacity(world: World) -> None:
    world.event.capacity = 1
    world.event.save()
    event_rsvp(event=world.event, person=world.person(world.alice), response="going")
    with pytest.raises(ValidationError) as exc:
        event_rsvp(event=world.event, person=world.person(world.bea), response="going")
    assert exc.value.message_dict == {"response": ["The event is full (1 places)."]}
    assert (
        event_rsvp(event=world.event, person=world.person(world.bea), response="maybe").response
        == "maybe"
    )


def test_it_checks_the_event_it_schedules(world: World) -> None:
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as exc:
        event_create(
            cohort=world.cohort,
            created_by=world.harriet,
            kind="showcase",
            title="Showcase",
            starts_at=start,
            ends_at=start - timedelta(hours=1),
            format="hybrid",
            time_zone="Europe/London",
        )
    assert exc.value.message_dict == {
        "ends_at": ["The event must end after it starts."],
        "venue": ["An in-person or hybrid event needs a venue."],
        "online_url": ["An online or hybrid event needs a link to join."],
    }


def test_it_records_attendance_only_once_the_event_started(world: World) -> None:
    alice = world.person(world.alice)
    with pytest.raises(ValidationError, match="once the event has started"):
        event_record_attendance(
            event=world.event, person=alice, attended=True, recorded_by=world.harriet
        )
    rsvp = event_record_attendance(
        event=world.event,
        person=alice,
        attended=True,
        recorded_by=world.harriet,
        now=world.event.ends_at,
    )
    assert rsvp.attended is True


def test_it_lets_a_mentor_reply_with_htmx(world: World, as_user) -> None:
    client = as_user(world.alice)
    page = client.get(reverse("events:detail", args=[world.event.pk]))
    assert b"Let the organisers know" in page.content
    fragment = client.post(
        reverse("events:rsvp", args=[world.event.pk]), {"response": "going"}, HTTP_HX_REQUEST="true"
    )
    assert b'id="rsvp"' in fragment.content
    assert b"<html" not in fragment.content
    assert b"You replied" in fragment.content
    assert Rsvp.objects.get().response == "going"


def test_it_schedules_an_event_in_its_own_time_zone(world: World, as_user) -> None:
    response = as_user(world.harriet).post(
        reverse("events:create", args=[world.cohort.pk]),
        {
            "kind": "showcase",
            "title": "Showcase",
            "description": "",
            "starts_at": "2027-02-20T18:00",
            "ends_at": "2027-02-20T21:00",
            "time_zone": "America/New_York",
            "format": "in_person",
            "venue": "NYC office",
            "online_url": "",
            "capacity": "",
        },
    )
    event = Event.objects.get(title="Showcase")
    assert response["Location"] == event.get_absolute_url()
    assert event.starts_at.astimezone(datetime.UTC).hour == 23


def test_it_serves_calendars(world: World, as_user) -> None:
    client = as_user(world.bea)
    one = client.get(reverse("events:ical", args=[world.event.pk]))
    assert one["Content-Type"] == "text/calendar"
    assert b"SUMMARY:Launch evening" in one.content
    feed = client.get(reverse("events:cohort-ical", args=[world.cohort.pk]))
    assert feed.content.count(b"BEGIN:VEVENT") == 1


def test_it_lets_members_reply_through_the_api(world: World, as_user) -> None:
    client = as_user(world.bea)
    reply = client.put(
        f"/api/events/{world.event.pk}/rsvp",
        {"response": "not_going"},
        content_type="application/json",
    )
    assert reply.status_code == 200
    assert reply.json()["response"] == "not_going"
    mine = client.get(f"/api/events/{world.event.pk}/rsvps").json()
    assert mine["count"] == 1
    manager = as_user(world.harriet).get(f"/api/events/{world.event.pk}/rsvps").json()
    assert manager["count"] == 1


def test_it_shows_event_times_as_the_clock_reads_where_they_happen(world: World, as_user) -> None:
    world.event.time_zone = "America/New_York"
    world.event.starts_at = datetime.datetime(2027, 1, 15, 23, 0, tzinfo=datetime.UTC)
    world.event.ends_at = datetime.datetime(2027, 1, 16, 1, 0, tzinfo=datetime.UTC)
    world.event.save()
    page = as_user(world.alice).get(reverse("events:detail", args=[world.event.pk])).content
    assert b"Friday 15 January 2027, 18:00" in page
    assert b"(EST, America/New_York)" in page
    listing = as_user(world.alice).get(reverse("events:list")).content
    assert b"Fri 15 Jan 2027, 18:00 EST" in listing
