"""Two impact admins changing one ledger line at the same moment: one wins, the other is told
what changed (409) and nothing of hers overwrites it.

PostgreSQL only: SQLite runs one write transaction at a time, so the requests cannot meet
there (the sequential refusal is in test_services)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.giving.models import Gift
from amplify.giving.tests.factories import line
from amplify.tests.collide import at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _patch(user: User, url: str, body: dict[str, Any], etag: str) -> Any:
    token = api_token_create(user=user, name="collide")[1]
    client = Client(headers={"Authorization": f"Bearer {token}", "If-Match": etag})
    return lambda: client.patch(url, body, content_type="application/json")


def test_it_lets_one_of_two_edits_at_once_win(world: World) -> None:
    # Given a line both Ina and Ada have read
    gift = line(world)
    url = f"/api/giving/gifts/{gift.pk}"
    token = api_token_create(user=world.ina, name="read")[1]
    etag = Client(headers={"Authorization": f"Bearer {token}"}).get(url)["ETag"]
    # When both save a change at the same moment
    responses = at_once(
        [
            _patch(world.ina, url, {"amount": "111.00"}, etag),
            _patch(world.ada, url, {"amount": "222.00"}, etag),
        ],
        meet_at=(Gift, "save"),
    )
    # Then one wins and the other gets a conflict naming the amount
    for r in responses:
        assert not isinstance(r, BaseException), r
    assert sorted(r.status_code for r in responses) == [200, 409]
    [winner] = [r for r in responses if r.status_code == 200]
    [loser] = [r for r in responses if r.status_code == 409]
    assert "Someone else saved a change" in loser.json()["detail"]
    assert "amount" in loser.json()["errors"]
    gift.refresh_from_db()
    assert str(gift.amount) == winner.json()["amount"]
