""" "Why we matched you" tells nobody of anyone's background: the mentee reads that her mentor
shares the background she asked for only if her mentor agreed; the mentor never reads it (it
would tell her the mentee's background); managers never see it per pair, in pages, API or
admin."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.core.matching.profiles import LABELS, Criterion
from amplify.diversity.services import diversity_profile_save
from amplify.matching import services
from amplify.matching.explanations import PRIVATE_NOTE
from amplify.matching.models import MatchingRun, MatchProfile, ProposedPair
from amplify.matching.tests.cohorts import Matchable, build_matchable
from amplify.matching.tests.test_services import WEIGHTS

BACKGROUND = LABELS[Criterion.BACKGROUND]


@pytest.fixture
def m(world: World) -> Matchable:
    return build_matchable(world)


@pytest.fixture
def run(world: World, m: Matchable, django_capture_on_commit_callbacks) -> MatchingRun:
    for person, wants in ((m.bea, ["gender"]), (m.alice, [])):
        diversity_profile_save(
            person=person,
            changed_by=world.ina,
            consent_given=True,
            gender="woman",
            consent_to_matching=True,
            share_with_mentor=wants,
        )
    run = services.matching_run_execute(
        run=services.matching_run_start(cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.matching_run_publish(run=run, published_by=world.harriet)
    pair = run.pairs.get(mentee=m.bea)
    assert pair.mentor == m.alice
    assert pair.private_score > 0
    return run


def api(user: User) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='t')[1]}"})


def agree(mentor: User) -> None:
    client = api(mentor)
    profile = client.get("/api/me/match-profile").json()
    assert profile["share_background_match_with_mentee"] is False
    saved = client.put(
        "/api/me/match-profile",
        {**profile, "share_background_match_with_mentee": True},
        content_type="application/json",
        headers={"If-Match": "*"},
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["share_background_match_with_mentee"] is True


def test_the_mentee_reads_the_line_only_if_her_mentor_agreed(
    world: World, m: Matchable, run: MatchingRun, as_user
) -> None:
    pair = run.pairs.get(mentee=m.bea)
    page = as_user(world.bea).get(reverse("matching:my-match")).content.decode()
    assert BACKGROUND not in page
    assert str(PRIVATE_NOTE) in page
    assert f"{pair.score} points" in page
    [mine] = api(world.bea).get("/api/me/matches").json()
    assert "background" not in {c["criterion"] for c in mine["breakdown"]}
    assert mine["score"] == sum(c["score"] for c in mine["breakdown"]) == pair.score
    assert mine["private_left_out"] is True

    agree(world.alice)
    page = as_user(world.bea).get(reverse("matching:my-match")).content.decode()
    assert BACKGROUND in page
    assert str(PRIVATE_NOTE) not in page
    assert f"{pair.engine_score} points" in page
    [mine] = api(world.bea).get("/api/me/matches").json()
    assert "background" in {c["criterion"] for c in mine["breakdown"]}
    assert mine["score"] == sum(c["score"] for c in mine["breakdown"]) == pair.engine_score
    assert mine["private_left_out"] is False


def test_the_mentor_never_reads_it(world: World, m: Matchable, run: MatchingRun, as_user) -> None:
    agree(world.alice)
    page = as_user(world.alice).get(reverse("matching:my-match")).content.decode()
    assert BACKGROUND not in page
    assert "asked for" not in page
    assert str(PRIVATE_NOTE) in page
    for match in api(world.alice).get("/api/me/matches").json():
        assert "background" not in {c["criterion"] for c in match["breakdown"]}
    # Nor does the email telling both of the match.
    assert all(BACKGROUND.lower() not in message.body.lower() for message in mail.outbox)


def test_managers_never_see_it_per_pair(
    world: World, m: Matchable, run: MatchingRun, as_user
) -> None:
    agree(world.alice)
    page = as_user(world.harriet).get(run.get_absolute_url()).content.decode()
    assert "asked for" not in page.replace(f"{BACKGROUND.lower()} ×", "")
    assert "no preference stated" not in page
    assert str(PRIVATE_NOTE) in page
    pairs = api(world.harriet).get(f"/api/matching-runs/{run.pk}/pairs").json()["items"]
    for pair in pairs:
        assert "background" not in {c["criterion"] for c in pair["breakdown"]}
        assert pair["score"] == sum(c["score"] for c in pair["breakdown"])
    # No total beside the pairs gives their private points away either.
    shown = api(world.harriet).get(f"/api/matching-runs/{run.pk}").json()
    assert shown["total_score"] == sum(p["score"] for p in pairs)
    assert shown["fairness"]["worst_off"][1] == min(p["score"] for p in pairs)
    proposal = ProposedPair.objects.get(run=run, mentee=m.bea)
    for url in (
        f"/admin/matching/proposedpair/{proposal.pk}/change/",
        "/admin/matching/proposedpair/",
        f"/admin/matching/matchingrun/{run.pk}/change/",
    ):
        admin_page = as_user(world.ada).get(url)
        assert admin_page.status_code == 200
        assert "asked for" not in admin_page.content.decode(), url
        assert "no preference stated" not in admin_page.content.decode(), url
        assert BACKGROUND not in admin_page.content.decode(), url


def test_a_mentor_chooses_on_her_matching_profile_page(world: World, as_user) -> None:
    loaded = as_user(world.alice).get(reverse("matching:profile"))
    page = loaded.content.decode()
    assert "Let my mentee see when I share the background she asked for" in page
    mentee_page = as_user(world.bea).get(reverse("matching:profile")).content.decode()
    assert "share the background" not in mentee_page
    response = as_user(world.alice).post(
        reverse("matching:profile"),
        {
            "tags": ["Marketing"],
            "job_family": "marketing",
            "seniority": "4",
            "meeting_format": "either",
            "capacity": "2",
            "share_background_match_with_mentee": "on",
            "version": loaded.context["form"].initial["version"],
        },
    )
    assert response.status_code == 302
    profile = MatchProfile.objects.get(person=world.person(world.alice))
    assert profile.share_background_match_with_mentee is True
