"""A run in a cohort that already has published pairs: said when the run is started (it is
a rematch, which keeps them), not at the end of its review."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.matching import services
from amplify.matching.models import MatchingRun
from amplify.matching.tests.cohorts import Matchable, build_matchable
from amplify.matching.tests.test_pages import FORM
from amplify.matching.tests.test_services import WEIGHTS


@pytest.fixture
def m(world: World) -> Matchable:
    m = build_matchable(world)
    run = services.matching_run_start(cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS)
    services.matching_run_execute(run=run)
    services.matching_run_publish(run=run, published_by=world.harriet, notify=False)
    return m


def test_the_run_form_says_it_will_keep_the_published_pairs(
    world: World, m: Matchable, as_user, django_capture_on_commit_callbacks
) -> None:
    client = as_user(world.harriet)
    url = reverse("matching:cohort", args=[m.cohort.pk])
    page = client.get(url).content.decode()
    assert "New rematch" in page
    assert "This cohort has 2 published pairs: this run keeps them" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, FORM)
    run = MatchingRun.objects.filter(cohort=m.cohort).order_by("-number").first()
    assert run is not None
    assert response["Location"] == run.get_absolute_url()
    assert run.is_rematch
    run.refresh_from_db()
    # Its review ends in a publication that is not refused
    services.matching_run_publish(run=run, published_by=world.harriet, notify=False)


def test_the_api_refuses_a_plain_run_when_it_starts(world: World, m: Matchable) -> None:
    client = Client(
        headers={"Authorization": f"Bearer {api_token_create(user=world.harriet, name='t')[1]}"}
    )
    url = f"/api/cohorts/{m.cohort.pk}/matching-runs"
    refused = client.post(url, {"rematch": False}, content_type="application/json")
    assert refused.status_code == 422
    assert (
        "This cohort has 2 published pairs, which a new run would undo."
        in (refused.json()["detail"])
    )
    started = client.post(url, {}, content_type="application/json")
    assert started.status_code == 202
    assert started.json()["is_rematch"] is True


def test_a_rerun_of_an_earlier_run_becomes_a_rematch(world: World, m: Matchable) -> None:
    first = MatchingRun.objects.get(cohort=m.cohort, number=1)
    again = services.matching_run_rerun(run=first, created_by=world.harriet)
    assert again.is_rematch
    assert len(again.inputs["locked"]) == 2
