"""An event's audience follows its kind (training is for the mentors) unless its manager
chooses; invitations, replies and every listing follow the audience, so a mentee neither
sees nor answers a mentors-only training."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from amplify.conftest import World
from amplify.events.models import Event
from amplify.events.services import event_create, event_rsvp, event_update
from amplify.events.tests.factories import EventFactory


def _schedule(world: World, kind: str, cohort=None, **fields) -> Event:
    start = timezone.now() + timedelta(days=7)
    return event_create(
        cohort=cohort or world.cohort,
        created_by=world.harriet,
        kind=kind,
        title=f"A {kind}",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        format="online",
        online_url="https://meet.example.com/x",
        **fields,
    )


@pytest.fixture
def training(world: World) -> Event:
    return _schedule(world, "training")


def test_the_audience_follows_the_kind_unless_the_manager_chooses(world: World) -> None:
    assert _schedule(world, "training").audience == Event.Audience.MENTORS
    assert _schedule(world, "workshop").audience == Event.Audience.EVERYONE
    chosen = _schedule(world, "training", audience=Event.Audience.EVERYONE)
    assert chosen.audience == Event.Audience.EVERYONE
    # A programme without mentors trains everyone, and cannot invite "mentors only".
    assert _schedule(world, "training", world.leadership_cohort).audience == "everyone"
    with pytest.raises(ValidationError) as exc:
        _schedule(world, "launch", world.leadership_cohort, audience="mentors")
    assert list(exc.value.message_dict) == ["audience"]


def test_a_changed_kind_carries_an_audience_left_to_it_but_not_a_chosen_one(
    world: World,
) -> None:
    workshop = _schedule(world, "workshop")
    assert event_update(event=workshop, changed_by=world.harriet, kind="training").audience == (
        Event.Audience.MENTORS
    )
    chosen = _schedule(world, "workshop", audience=Event.Audience.MENTEES)
    assert event_update(event=chosen, changed_by=world.harriet, kind="training").audience == (
        Event.Audience.MENTEES
    )
    back = event_update(event=chosen, changed_by=world.harriet, audience=None)
    assert back.audience == Event.Audience.MENTORS


def test_only_those_invited_may_reply(world: World, training: Event) -> None:
    assert event_rsvp(event=training, person=world.person(world.alice), response="going")
    with pytest.raises(ValidationError, match="only they can reply"):
        event_rsvp(event=training, person=world.person(world.bea), response="going")
    assert [e.person.name for e in training.invitees().order_by("person__name")] == [
        "Alice Staff",
        "Carl Staff",
    ]


def test_a_mentee_does_not_see_a_mentors_only_training_on_any_page(
    world: World, training: Event, as_user
) -> None:
    bea = as_user(world.bea)
    for name, args in (("events:detail", [training.pk]), ("events:ical", [training.pk])):
        assert bea.get(reverse(name, args=args)).status_code == 404
    assert (
        bea.post(reverse("events:rsvp", args=[training.pk]), {"response": "going"}).status_code
        == 404
    )
    for page in (
        reverse("events:list"),
        reverse("events:cohort", args=[world.cohort.pk]),
        reverse("programmes:cohort", args=[world.cohort.pk]),
        reverse("home:index"),
    ):
        response = bea.get(page)
        assert response.status_code == 200, page
        assert b"A training" not in response.content, page
        assert b"Launch evening" in response.content, page
    feed = bea.get(reverse("events:cohort-ical", args=[world.cohort.pk])).content
    assert b"A training" not in feed
    assert b"Launch evening" in feed


def test_a_mentor_sees_and_answers_it_and_the_manager_sees_its_guests(
    world: World, training: Event, as_user
) -> None:
    alice = as_user(world.alice)
    page = alice.get(reverse("events:detail", args=[training.pk])).content.decode()
    assert "Mentors only" in page
    assert "Let the organisers know" in page
    assert b"A training" in alice.get(reverse("events:list")).content
    assert b"A training" in alice.get(reverse("home:index")).content
    response = alice.post(reverse("events:rsvp", args=[training.pk]), {"response": "going"})
    assert response.status_code == 302
    guests = as_user(world.harriet).get(reverse("events:detail", args=[training.pk]))
    html = guests.content.decode()
    assert "Alice Staff" in html
    assert "Carl Staff" in html
    assert "Bea Young" not in html
    assert "Dan Young" not in html


def test_the_api_follows_the_audience(world: World, training: Event, as_user) -> None:
    bea = as_user(world.bea)
    listed = bea.get("/api/events").json()
    assert [e["title"] for e in listed["items"]] == ["Launch evening"]
    assert bea.get(f"/api/events/{training.pk}").status_code == 404
    reply = bea.put(
        f"/api/events/{training.pk}/rsvp", {"response": "going"}, content_type="application/json"
    )
    assert reply.status_code == 404
    alice = as_user(world.alice)
    assert alice.get(f"/api/events/{training.pk}").json()["audience"] == "mentors"
    reply = alice.put(
        f"/api/events/{training.pk}/rsvp", {"response": "going"}, content_type="application/json"
    )
    assert reply.status_code == 200


def test_a_manager_sets_the_audience_through_the_api(world: World, as_user) -> None:
    client = as_user(world.harriet)
    body = {
        "kind": "training",
        "title": "Open training",
        "starts_at": "2027-03-01T10:00:00",
        "ends_at": "2027-03-01T12:00:00",
        "format": "online",
        "online_url": "https://meet.example.com/y",
    }
    default = client.post(
        f"/api/events/cohort/{world.cohort.pk}", body, content_type="application/json"
    )
    assert default.status_code == 201
    assert default.json()["audience"] == "mentors"
    chosen = client.post(
        f"/api/events/cohort/{world.cohort.pk}",
        {**body, "audience": "everyone"},
        content_type="application/json",
    )
    assert chosen.json()["audience"] == "everyone"
    event_id = chosen.json()["id"]
    patched = client.patch(
        f"/api/events/{event_id}",
        {"audience": None},
        content_type="application/json",
        headers={"If-Match": "*"},
    )
    assert patched.status_code == 200
    assert patched.json()["audience"] == "mentors"
    refused = client.patch(
        f"/api/events/{event_id}",
        {"audience": "partners"},
        content_type="application/json",
        headers={"If-Match": "*"},
    )
    assert refused.status_code == 422


def test_a_manager_sets_the_audience_in_the_form(world: World, as_user) -> None:
    form = {
        "kind": "training",
        "title": "Form training",
        "description": "",
        "starts_at": "2027-02-20T18:00",
        "ends_at": "2027-02-20T21:00",
        "time_zone": "Europe/London",
        "format": "in_person",
        "venue": "Derry Street",
        "online_url": "",
        "capacity": "",
    }
    client = as_user(world.harriet)
    page = client.get(reverse("events:create", args=[world.cohort.pk])).content.decode()
    assert 'name="audience"' in page
    client.post(reverse("events:create", args=[world.cohort.pk]), {**form, "audience": ""})
    assert Event.objects.get(title="Form training").audience == "mentors"
    client.post(
        reverse("events:create", args=[world.cohort.pk]),
        {**form, "title": "For all", "audience": "everyone"},
    )
    event = Event.objects.get(title="For all")
    assert event.audience == "everyone"
    edit = client.get(reverse("events:edit", args=[event.pk])).content.decode()
    assert '<option value="everyone" selected>' in edit


def test_the_factory_follows_the_rule_too(world: World) -> None:
    assert EventFactory(cohort=world.cohort, kind="training").audience == "mentors"
