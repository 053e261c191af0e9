"""The mentee sets her goals and updates their progress (history kept); her mentor
comments; only the pair reads the text; the manager sees numbers."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from amplify.conftest import World
from amplify.mentoring.models import Goal, GoalSummary, GoalUpdate, Relationship
from amplify.mentoring.services import goal_progress_update, goal_set
from amplify.mentoring.tests.factories import SECRET, goal_for, pair_of


def _goal_data(**extra: object) -> dict[str, object]:
    return {
        "title": SECRET,
        "why_it_matters": "Nobody I know works there",
        "success_criterion": "Three applications sent",
        "target_date": (timezone.localdate() + timedelta(days=60)).isoformat(),
        "request_key": str(uuid.uuid4()),
        **extra,
    }


def test_the_mentee_sets_a_goal_once_however_often_she_sends_it(world: World, as_user) -> None:
    pairing = pair_of(world)
    client = as_user(world.bea)
    data = _goal_data()
    url = reverse("mentoring:goal-new", args=[pairing.pk])
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Goal.objects.filter(pairing=pairing).count() == 1


def test_a_goal_without_a_success_criterion_names_the_field(world: World, as_user) -> None:
    pairing = pair_of(world)
    url = reverse("mentoring:goal-new", args=[pairing.pk])
    response = as_user(world.bea).post(url, _goal_data(success_criterion="", target_date="x"))
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"success_criterion", "target_date"}
    assert not Goal.objects.exists()


def test_a_target_date_in_the_past_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        goal_set(
            pairing=pair_of(world),
            by=world.person(world.bea),
            title="x",
            why_it_matters="y",
            success_criterion="z",
            target_date=timezone.localdate() - timedelta(days=1),
        )
    assert "target_date" in caught.value.message_dict


def test_the_mentor_does_not_set_goals_or_their_progress(world: World, as_user) -> None:
    pairing = pair_of(world)
    url = reverse("mentoring:goal-new", args=[pairing.pk])
    assert as_user(world.alice).get(url).status_code == 403
    goal = goal_for(world)
    url = reverse("mentoring:goal-progress", args=[goal.pk])
    assert as_user(world.alice).post(url, {"progress": 90}).status_code == 403


def test_progress_updates_keep_their_history(world: World, as_user) -> None:
    goal = goal_for(world)
    client = as_user(world.bea)
    url = reverse("mentoring:goal-progress", args=[goal.pk])
    assert client.post(url, {"progress": 20, "note": "One sent"}).status_code == 302
    assert client.post(url, {"progress": 60, "note": "An interview!"}).status_code == 302
    assert client.post(url, {"progress": 140}).status_code == 422
    goal.refresh_from_db()
    assert goal.progress == 60
    assert list(GoalUpdate.objects.filter(goal=goal).values_list("progress", flat=True)) == [60, 20]
    assert goal.history.count() == 3  # set, then two updates


def test_the_mentor_comments_and_the_mentee_reads_it(world: World, as_user) -> None:
    goal = goal_for(world)
    url = reverse("mentoring:goal-comment", args=[goal.pk])
    data = {"body": "Ask the PRS about their scheme", "request_key": str(uuid.uuid4())}
    assert as_user(world.alice).post(url, data).status_code == 302
    assert as_user(world.alice).post(url, data).status_code == 302  # twice: once
    page = as_user(world.bea).get(reverse("mentoring:goal", args=[goal.pk]))
    assert page.content.decode().count("Ask the PRS about their scheme") == 1


def test_no_one_outside_the_pair_reads_a_goal(world: World, as_user) -> None:
    goal = goal_for(world)
    for who in ("dan", "carl", "harriet", "ada", "ina", "otto", "pat"):
        client = as_user(getattr(world, who))
        for name in ("mentoring:goal", "mentoring:goal-edit"):
            assert client.get(reverse(name, args=[goal.pk])).status_code == 404, (who, name)
        assert client.get(f"/api/mentoring/goals/{goal.pk}").status_code == 404, who


def test_a_mentee_never_sees_another_pairs_goals(world: World, as_user) -> None:
    goal_for(world)
    goal_for(world, "dan", title="Dan's own goal")
    page = as_user(world.dan).get(reverse("mentoring:pair", args=[pair_of(world, "dan").pk]))
    text = page.content.decode()
    assert "Dan&#x27;s own goal" in text
    assert SECRET not in text
    listed = as_user(world.dan).get(f"/api/mentoring/pairs/{pair_of(world, 'dan').pk}/goals")
    assert SECRET not in listed.content.decode()
    other = as_user(world.dan).get(f"/api/mentoring/pairs/{pair_of(world).pk}/goals")
    assert other.status_code == 404


def test_the_manager_sees_numbers_and_no_text(world: World, as_user) -> None:
    goal = goal_for(world)
    goal_progress_update(goal=goal, by=world.person(world.bea), progress=100, note="Got the job")
    goal_for(world, title="Learn to read a contract")
    pairing = pair_of(world)
    summaries = Relationship.objects.goal_summaries(cohort=world.cohort)
    assert summaries[pairing.pk] == GoalSummary(goals=2, achieved=1, average_progress=50)
    for url in (
        reverse("mentoring:manage-pair", args=[pairing.pk]),
        reverse("mentoring:cohort", args=[world.cohort.pk]),
        f"/api/mentoring/pairs/{pairing.pk}/summary",
        f"/api/mentoring/cohorts/{world.cohort.pk}/relationships",
    ):
        response = as_user(world.harriet).get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for private in (SECRET, "Got the job", "contract", "Three applications"):
            assert private not in text, (url, private)
