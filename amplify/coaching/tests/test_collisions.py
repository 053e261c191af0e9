"""Two requests at the same moment (PostgreSQL, two threads, see amplify/tests/collide.py):
the same booking or the same log sent twice at once makes one session, and the second
answer returns it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.coaching.models import CoachingSession
from amplify.coaching.tests.factories import coco_and_lena, free_time
from amplify.conftest import World
from amplify.tests.collide import at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def api(user: User) -> Client:
    token = api_token_create(user=user, name="collide")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return lambda: client.post(url, body, content_type="application/json")


def statuses(responses: list[Any]) -> list[int]:
    for r in responses:
        assert not isinstance(r, BaseException), r
    return sorted(r.status_code for r in responses)


def test_the_coach_and_the_participant_booking_the_same_time_at_once_make_one(
    world: World,
) -> None:
    free_time(world)
    pair = coco_and_lena(world)
    url = f"/api/coaching/pairs/{pair.pk}/sessions"
    body = {"choice": "1-18", "week_of": (timezone.localdate() + timedelta(days=1)).isoformat()}
    responses = at_once(
        [post(api(world.coco), url, body), post(api(world.lena), url, body)],
        meet_at=(CoachingSession, "save"),
    )
    assert statuses(responses) == [200, 201]
    assert CoachingSession.objects.count() == 1


def test_two_tabs_logging_the_same_session_at_once_log_it_once(world: World) -> None:
    pair = coco_and_lena(world)
    url = f"/api/coaching/pairs/{pair.pk}/log"
    body = {"held_on": timezone.localdate().isoformat(), "mode": "video", "coach_notes": "x"}
    responses = at_once(
        [post(api(world.coco), url, body), post(api(world.coco), url, body)],
        meet_at=(CoachingSession, "save"),
    )
    assert statuses(responses) == [200, 201]
    assert CoachingSession.objects.held().count() == 1
