"""Two runs of the outcome-request job at the same moment ask each mentee once.

PostgreSQL only: SQLite runs one write transaction at a time."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from amplify.conftest import World
from amplify.outcomes.models import OutcomeRequest
from amplify.outcomes.periodic import outcome_requests_send
from amplify.tests.collide import at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_runs_at_once_ask_each_mentee_once(world: World) -> None:
    end = timezone.make_aware(datetime.combine(world.cohort.ends_on, datetime.min.time()))
    now = end + timedelta(hours=9)
    # Both runs have found who is due before either writes its first request.
    results = at_once(
        [lambda: outcome_requests_send(now), lambda: outcome_requests_send(now)],
        meet_at=(OutcomeRequest, "save"),
    )
    for result in results:
        assert not isinstance(result, BaseException), result
    assert sum(results) == 2
    assert OutcomeRequest.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["bea@example.com", "dan@example.com"]
