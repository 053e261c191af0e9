"""External speakers ("exciting thinkers") are events of the cohort with attendance."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from amplify.conftest import World
from amplify.events.models import Event, Rsvp
from amplify.events.services import event_create, event_record_attendance
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Enrolment
from amplify.programmes.tests.factories import EnrolmentFactory


def _talk(world: World, **extra: object) -> Event:
    starts = timezone.now() - timedelta(days=3)
    fields: dict = {
        "kind": Event.Kind.SPEAKER,
        "title": "Innovation in the music business",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "format": Event.Format.ONLINE,
        "online_url": "https://meet.example/talk",
        "speaker_name": "Dr Ada Thinker",
        "speaker_bio": "Writes about the smallest possible experiment.",
    }
    fields.update(extra)
    return event_create(cohort=world.leadership_cohort, created_by=world.max, **fields)


def test_it_needs_the_speakers_name(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        _talk(world, speaker_name=" ")
    assert "speaker_name" in error.value.message_dict


def test_the_cohorts_events_page_lists_speakers_with_attendance(world: World, as_user) -> None:
    # Given a talk attended by six members of the cohort (Rsvp.attended)
    talk = _talk(world)
    for _ in range(6):
        person = PersonFactory()
        EnrolmentFactory(
            cohort=world.leadership_cohort, person=person, role=Enrolment.Role.PARTICIPANT
        )
        event_record_attendance(event=talk, person=person, attended=True, recorded_by=world.max)
    assert Rsvp.objects.filter(event=talk, attended=True).count() == 6
    # When Lena opens the cohort's events
    page = as_user(world.lena).get(reverse("events:cohort", args=[world.leadership_cohort.pk]))
    text = page.content.decode()
    # Then the speakers are listed by name, with how many came
    assert "External speakers" in text
    assert "Dr Ada Thinker" in text
    assert "Attended: 6" in text
    detail = as_user(world.lena).get(reverse("events:detail", args=[talk.pk])).content.decode()
    assert "smallest possible experiment" in detail


def test_a_handful_of_attendees_is_not_a_figure(world: World, as_user) -> None:
    talk = _talk(world)
    event_record_attendance(
        event=talk, person=world.person(world.lena), attended=True, recorded_by=world.max
    )
    page = as_user(world.leo).get(reverse("events:cohort", args=[world.leadership_cohort.pk]))
    assert "Attended: fewer than 5" in page.content.decode()


def test_the_api_takes_a_speaker(world: World) -> None:
    from amplify.events.tests.test_week_api import api

    starts = timezone.now() + timedelta(days=5)
    response = api(world.max).post(
        f"/api/events/cohort/{world.leadership_cohort.pk}",
        {
            "kind": "speaker",
            "title": "Exciting thinker",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=1)).isoformat(),
            "format": "online",
            "online_url": "https://meet.example/x",
            "speaker_name": "Prof. Ideas",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["speaker_name"] == "Prof. Ideas"
