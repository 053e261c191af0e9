"""Saving one's matching profile from two tabs, and two managers reviewing one run: the
second never silently reverts the first, nor fails with a 500."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.matching import services
from amplify.matching.models import MatchProfile, ProposedPair
from amplify.matching.tests.cohorts import build_matchable
from amplify.matching.tests.test_services import WEIGHTS
from amplify.tests.pages import form_data


def test_it_shows_the_loser_of_two_profile_saves_what_changed(world: World, as_user) -> None:
    client = as_user(world.bea)
    url = reverse("matching:profile")
    seen = form_data(client.get(url))
    bea = world.person(world.bea)
    services.match_profile_save(person=bea, changed_by=world.bea, tags=["Radio"])
    response = client.post(url, {**seen, "tags": ["Podcasts"], "seniority": "0"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved a change since you opened this" in page
    assert "Now “Radio” (changed by someone else)." in page
    assert MatchProfile.objects.get(person=bea).tags == ["Radio"]


def test_it_guards_profile_puts_in_the_api(world: World) -> None:
    token = api_token_create(user=world.bea, name="t")[1]
    client = Client(headers={"Authorization": f"Bearer {token}"})
    url = "/api/me/match-profile"
    etag = client.get(url)["ETag"]
    first = client.put(url, {"tags": ["Radio"]}, content_type="application/json")
    assert first.status_code == 200  # her first profile: nothing to overwrite
    assert client.put(url, {"tags": ["TV"]}, content_type="application/json").status_code == 428
    stale = client.put(
        url, {"tags": ["TV"]}, content_type="application/json", headers={"If-Match": etag}
    )
    assert stale.status_code == 409
    assert stale.json()["errors"]["tags"] == ["Now “Radio” (changed by someone else)."]


def test_it_refuses_review_actions_on_pairs_another_manager_changed(world: World) -> None:
    m = build_matchable(world)
    run = services.matching_run_execute(
        run=services.matching_run_start(
            cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS, queue=False
        )
    )
    first, second = list(run.pairs.select_related("run", "mentor", "mentee"))
    matched = run.matched_count
    # Two managers had the page open; one excludes the first pair
    services.proposed_pair_exclude(pair=first, changed_by=world.harriet)
    # The other's exclude, lock or swap of that same pair is refused, not counted twice
    for action in (
        lambda: services.proposed_pair_exclude(pair=first, changed_by=world.ada),
        lambda: services.proposed_pair_lock(pair=first, locked=True, changed_by=world.ada),
        lambda: services.proposed_pairs_swap(first=first, second=second, changed_by=world.ada),
    ):
        with pytest.raises(ValidationError, match="changed by someone else"):
            action()
    run.refresh_from_db()
    assert run.matched_count == matched - 1
    assert list(ProposedPair.objects.filter(run=run)) == [second]
