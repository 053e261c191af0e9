"""Two programme managers deciding on one nomination at the same moment: one wins, the
other is told what happened; the nominee is enrolled once.

PostgreSQL only: SQLite runs one write transaction at a time, so the requests cannot meet
there (the sequential refusal is in test_services)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.conftest import World, _user
from amplify.nominations.models import Nomination
from amplify.nominations.tests.factories import nia_nominated
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Enrolment
from amplify.tests.collide import at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _post(user: User, url: str, body: dict[str, Any]) -> Any:
    token = api_token_create(user=user, name="collide")[1]
    client = Client(headers={"Authorization": f"Bearer {token}"})
    return lambda: client.post(url, body, content_type="application/json")


def test_it_lets_one_of_two_managers_deciding_at_once_win(world: World) -> None:
    # Given Nia's nomination, and a second manager of the leadership programme
    n = nia_nominated(world)
    second = _user("hana@sony.example", User.Role.PROGRAMME_MANAGER)
    world.leadership.managers.add(PersonFactory(name="Hana Staff", email=second.email, user=second))
    url = f"/api/nominations/{n.pk}/decide"
    # When Max selects it as Hana declines it, at the same moment
    responses = at_once(
        [
            _post(world.max, url, {"decision": "select"}),
            _post(second, url, {"decision": "decline", "reason": "Not this year."}),
        ],
        meet_at=(Nomination, "save"),
    )
    # Then one wins and the other is told it was already decided
    for r in responses:
        assert not isinstance(r, BaseException), r
    codes = sorted(r.status_code for r in responses)
    assert codes == [200, 422]
    [loser] = [r for r in responses if r.status_code == 422]
    assert "already" in loser.json()["detail"] or "already" in str(loser.json())
    n.refresh_from_db()
    assert n.history.filter(status__in=["selected", "declined"]).count() == 1
    enrolled = Enrolment.objects.filter(cohort=n.cohort, person=n.nominee).count()
    assert enrolled == (1 if n.status == Nomination.Status.SELECTED else 0)
