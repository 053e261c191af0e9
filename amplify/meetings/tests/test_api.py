"""The meetings API calls the services the pages call: logging (once, however often it is
sent; two at once on PostgreSQL too), confirming, the slot, and the programme's settings."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.meetings.models import Meeting, MeetingSlot
from amplify.meetings.tests.factories import alice_and_bea, free_time
from amplify.tests.collide import at_once


def api(user: User) -> Client:
    token = api_token_create(user=user, name="meetings")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def _body(**extra: Any) -> dict[str, Any]:
    return {
        "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "duration_minutes": 50,
        "mode": "remote",
        "topics": ["goals"],
        "notes": "Bea's CV",
        **extra,
    }


def test_it_logs_once_and_the_other_confirms(world: World) -> None:
    pairing = alice_and_bea(world)
    url = f"/api/meetings/pairs/{pairing.pk}/meetings"
    bea = api(world.bea)
    first = bea.post(url, _body(), content_type="application/json")
    assert first.status_code == 201, first.content
    again = bea.post(url, _body(), content_type="application/json")
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    confirm = api(world.alice).post(f"/api/meetings/meetings/{first.json()['id']}/confirm")
    assert confirm.status_code == 200
    assert confirm.json()["confirmed_by_id"] == pairing.mentor_id
    own = api(world.bea).post(f"/api/meetings/meetings/{first.json()['id']}/confirm")
    assert own.status_code == 422


def test_bad_input_is_a_422_naming_the_field(world: World) -> None:
    pairing = alice_and_bea(world)
    url = f"/api/meetings/pairs/{pairing.pk}/meetings"
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = api(world.bea).post(url, _body(held_on=future), content_type="application/json")
    assert response.status_code == 422
    assert "held_on" in response.json()["errors"]
    wrong = api(world.bea).post(url, _body(topics=["gossip"]), content_type="application/json")
    assert wrong.status_code == 422
    assert not Meeting.objects.exists()


def test_the_slot_is_offered_and_set(world: World) -> None:
    pairing = alice_and_bea(world)
    free_time(world)
    url = f"/api/meetings/pairs/{pairing.pk}/slot"
    offered = api(world.bea).get(url).json()
    assert offered["from_shared_time"] is True
    assert "1-18" in offered["choices"]
    response = api(world.bea).put(url, {"choice": "1-18"}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["sequence"] == 0
    assert MeetingSlot.objects.get().chosen_by == pairing.mentee
    refused = api(world.bea).put(url, {"choice": "5-3"}, content_type="application/json")
    assert refused.status_code == 422


def test_the_settings_are_the_managers(world: World) -> None:
    url = "/api/meetings/programmes/positive-influence/settings"
    assert api(world.harriet).get(url).json()["every_days"] == 14
    body = {"every_days": 7, "alert_days": 14, "nudge_days": 10}
    response = api(world.harriet).put(url, body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["every_days"] == 7
    bad = api(world.harriet).put(
        url, {"nudge_days": 30, "alert_days": 20}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert api(world.bea).get(url).status_code == 403


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_logs_of_the_same_meeting_at_once_make_one(world: World) -> None:
    pairing = alice_and_bea(world)
    url = f"/api/meetings/pairs/{pairing.pk}/meetings"
    bea, alice = api(world.bea), api(world.alice)
    responses = at_once(
        [
            lambda: bea.post(url, _body(), content_type="application/json"),
            lambda: alice.post(url, _body(), content_type="application/json"),
        ],
        meet_at=(Meeting, "save"),
    )
    for r in responses:
        assert not isinstance(r, BaseException), r
    assert sorted(r.status_code for r in responses) == [200, 201]
    meeting = Meeting.objects.get()
    # The one who did not log it first confirmed it by logging it too.
    assert meeting.confirmed_by_id is not None
    assert meeting.confirmed_by_id != meeting.logged_by_id
