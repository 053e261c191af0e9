"""Two publishes of the same cohort's report at once get versions 1 and 2 (PostgreSQL: two
connections; the cohort's row is locked before the next version is read)."""

from __future__ import annotations

import pytest
from django.db import connection

from amplify.conftest import World
from amplify.impact.models import Scope, Snapshot
from amplify.impact.snapshots import snapshot_publish
from amplify.tests.collide import at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_publishes_at_once_get_the_next_two_versions(world: World) -> None:
    def publish() -> Snapshot:
        return snapshot_publish(scope=Scope.COHORT, cohort=world.cohort, by=world.harriet)

    results = at_once([publish, publish], meet_at=(Snapshot, "save"))
    for r in results:
        assert not isinstance(r, BaseException), r
    assert sorted(s.version for s in results) == [1, 2]
