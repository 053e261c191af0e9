"""Two moves of one experiment at the same moment (two sponsors' tabs, two of the owner's
tabs) end with one winner and a clear 422 to the other, never a 500 or both applied.

PostgreSQL only: SQLite runs one write at a time (see amplify/tests/test_concurrent_writes.py)."""

from __future__ import annotations

import pytest
from django.db import connection

from amplify.conftest import World
from amplify.experiments.models import Comment, Experiment, Stage
from amplify.experiments.tests.factories import experiment_of
from amplify.tests.collide import at_once
from amplify.tests.test_concurrent_writes import api, post, statuses

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_it_approves_or_returns_never_both(world: World) -> None:
    # Given Lena's submitted experiment open in two of Sam's tabs
    experiment = experiment_of(world, stage=Stage.SUBMITTED)
    url = f"/api/experiments/{experiment.pk}"
    one, two = api(world.sam), api(world.sam)
    # When one tab approves while the other returns it
    responses = at_once(
        [
            post(one, f"{url}/approve", {"expected_stage": "submitted"}),
            post(two, f"{url}/return", {"expected_stage": "submitted", "comment": "Smaller."}),
        ],
        meet_at=(Experiment, "save"),
    )
    # Then one wins and the other is told the experiment moved meanwhile
    assert statuses(responses) == [200, 422]
    loser = next(r for r in responses if r.status_code == 422)
    assert "stage" in loser.json()["errors"]
    experiment.refresh_from_db()
    returned = Comment.objects.filter(experiment=experiment, returned=True).exists()
    assert experiment.stage == (Stage.RETURNED if returned else Stage.APPROVED)


def test_it_submits_once_from_two_tabs(world: World) -> None:
    experiment = experiment_of(world)
    url = f"/api/experiments/{experiment.pk}/submit"
    one, two = api(world.lena), api(world.lena)
    responses = at_once(
        [post(one, url, {"expected_stage": "draft"}), post(two, url, {"expected_stage": "draft"})],
        meet_at=(Experiment, "save"),
    )
    assert statuses(responses) == [200, 422]
    assert Experiment.history.filter(id=experiment.pk, stage=Stage.SUBMITTED).count() == 1
