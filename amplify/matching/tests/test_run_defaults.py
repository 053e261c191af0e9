"""A run's settings left unsaid are the service's (services.runs.run_defaults): the rematch
page and the API's run start, given nothing, start the same run."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.core.matching.profiles import DEFAULT_WEIGHTS
from amplify.matching import services
from amplify.matching.models import MatchingRun
from amplify.matching.tests.cohorts import Matchable, build_matchable

SETTINGS = ("weights", "mode", "objective", "required_training_hours", "min_shared_slots")
# Settings far from the defaults, so that a run that took the defaults would differ.
CHOSEN = {
    "weights": {c.value: (2 if c.value == "interests" else 1) for c in DEFAULT_WEIGHTS},
    "objective": "best_score",
    "required_training_hours": 4,
    "min_shared_slots": 2,
}


def _settings(run: MatchingRun) -> dict[str, Any]:
    return {name: getattr(run, name) for name in SETTINGS}


def _api(world: World) -> Client:
    token = api_token_create(user=world.harriet, name="t")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def _page_rematch(world: World, m: Matchable, as_user) -> MatchingRun:
    response = as_user(world.harriet).post(reverse("matching:rematch", args=[m.cohort.pk]))
    assert response.status_code == 302
    return MatchingRun.objects.filter(cohort=m.cohort).order_by("-number").first()


def _api_start(world: World, m: Matchable) -> MatchingRun:
    response = _api(world).post(
        f"/api/cohorts/{m.cohort.pk}/matching-runs", {}, content_type="application/json"
    )
    assert response.status_code == 202, response.content
    return MatchingRun.objects.get(pk=response.json()["id"])


@pytest.fixture
def m(world: World) -> Matchable:
    return build_matchable(world)


def test_the_page_and_the_api_rematch_with_the_published_runs_settings(
    world: World, m: Matchable, as_user
) -> None:
    # Given a published run with settings of its own
    run = services.matching_run_start(cohort=m.cohort, created_by=world.harriet, **CHOSEN)
    services.matching_run_execute(run=run)
    services.matching_run_publish(run=run, published_by=world.harriet, notify=False)
    published = _settings(MatchingRun.objects.get(pk=run.pk))

    # When a manager starts a rematch on the page, and another through the API, saying nothing
    page, api = _page_rematch(world, m, as_user), _api_start(world, m)

    # Then both are rematches with the published run's settings
    assert page.is_rematch
    assert api.is_rematch
    assert _settings(page) == _settings(api) == published


def test_the_page_and_the_api_take_the_same_defaults_without_a_published_run(
    world: World, m: Matchable, as_user
) -> None:
    page, api = _page_rematch(world, m, as_user), _api_start(world, m)
    assert _settings(page) == _settings(api)
    assert page.weights == {c.value: w for c, w in DEFAULT_WEIGHTS.items()}
    assert (page.mode, page.objective, page.min_shared_slots) == ("optimal", "most_matched", 1)


def test_the_api_keeps_what_its_caller_gives(world: World, m: Matchable) -> None:
    response = _api(world).post(
        f"/api/cohorts/{m.cohort.pk}/matching-runs",
        {"objective": "best_score", "weights": {"interests": 5}},
        content_type="application/json",
    )
    assert response.status_code == 202, response.content
    run = MatchingRun.objects.get(pk=response.json()["id"])
    assert run.objective == "best_score"
    # A weight left out of a given set takes the core's default
    assert run.weights == {**{c.value: w for c, w in DEFAULT_WEIGHTS.items()}, "interests": 5}
