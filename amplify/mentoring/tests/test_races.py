"""The two people of a pair accepting the agreement at the same moment (PostgreSQL: SQLite
runs one write at a time). Both acceptances are kept and the relationship becomes active:
the pair's row is locked, so the second sees the first. A person accepting in two tabs at
once is recorded once."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.mentoring.models import AgreementAcceptance, Relationship
from amplify.mentoring.tests.factories import pair_of
from amplify.tests.collide import at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _accept(user: User, pairing_id: int) -> Any:
    token = api_token_create(user=user, name="collide")[1]
    client = Client(headers={"Authorization": f"Bearer {token}"})
    url = f"/api/mentoring/pairs/{pairing_id}/acceptance"
    return lambda: client.post(url, {}, content_type="application/json")


def _statuses(responses: list[Any]) -> list[int]:
    for r in responses:
        assert not isinstance(r, BaseException), r
    return sorted(r.status_code for r in responses)


def test_both_accepting_at_once_makes_the_pair_active(world: World) -> None:
    pairing = pair_of(world)
    responses = at_once(
        [_accept(world.alice, pairing.pk), _accept(world.bea, pairing.pk)],
        meet_at=(AgreementAcceptance, "save"),
    )
    assert _statuses(responses) == [201, 201]
    assert AgreementAcceptance.objects.filter(relationship__pairing=pairing).count() == 2
    assert Relationship.objects.get(pairing=pairing).active_since is not None


def test_accepting_twice_at_once_records_one_acceptance(world: World) -> None:
    pairing = pair_of(world)
    responses = at_once(
        [_accept(world.bea, pairing.pk), _accept(world.bea, pairing.pk)],
        meet_at=(AgreementAcceptance, "save"),
    )
    assert _statuses(responses) == [201, 201]
    assert AgreementAcceptance.objects.filter(relationship__pairing=pairing).count() == 1
    assert Relationship.objects.count() == 1
