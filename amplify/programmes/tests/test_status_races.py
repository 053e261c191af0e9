"""Two managers closing, or reopening, a cohort at the same moment: one wins, the other is
told the status moved (409), and no enrolment is changed twice or half-way. The requests are
made to meet where a race would hurt (amplify/tests/collide.py).

PostgreSQL only: SQLite runs one write transaction at a time; there the second request
simply comes after the first (test_lifecycle.test_it_refuses_a_move_made_on_a_status...).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.programmes.lifecycle import CLOSED_REASON, REOPENED_REASON, cohort_set_status
from amplify.programmes.models import Cohort, Enrolment
from amplify.tests.collide import at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def api(user: User) -> Client:
    token = api_token_create(user=user, name="race")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def two_at_once(world: World, status: str) -> list[int]:
    url = f"/api/cohorts/{world.cohort.pk}/status"
    one, two = api(world.harriet), api(world.ada)
    etag = one.get(url)["ETag"]

    def move(client: Client):
        return lambda: client.post(
            url, {"status": status}, content_type="application/json", headers={"If-Match": etag}
        )

    responses = at_once([move(one), move(two)], meet_at=(Cohort, "save"))
    for r in responses:
        assert not isinstance(r, BaseException), r
    return sorted(r.status_code for r in responses)


def reasons(world: World, reason: str) -> int:
    return Enrolment.history.filter(cohort_id=world.cohort.pk, history_change_reason=reason).count()


def test_it_closes_once_when_two_managers_close_at_once(world: World) -> None:
    assert two_at_once(world, "closed") == [200, 409]
    assert Cohort.objects.get(pk=world.cohort.pk).status == Cohort.Status.CLOSED
    assert set(world.cohort.enrolments.values_list("status", flat=True)) == {"completed"}
    assert reasons(world, CLOSED_REASON) == 4


def test_it_reopens_once_when_two_managers_reopen_at_once(world: World) -> None:
    cohort_set_status(cohort=world.cohort, status="closed", changed_by=world.harriet)
    assert two_at_once(world, "running") == [200, 409]
    assert Cohort.objects.get(pk=world.cohort.pk).status == Cohort.Status.RUNNING
    assert world.cohort.enrolments.active().count() == 4
    assert reasons(world, REOPENED_REASON) == 4
