"""The mentee records progress on her goals as she logs a meeting: in the same transaction,
by goal_progress_update's rules (the mentee alone, 0–100), once however often it is sent;
a goal of another pair is refused and nothing is saved."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from amplify.conftest import World
from amplify.meetings.models import Meeting
from amplify.meetings.services import meeting_log
from amplify.meetings.tests.test_api import api
from amplify.mentoring.models import Goal, GoalUpdate
from amplify.mentoring.tests.factories import goal_for
from amplify.programmes.models import Pairing
from amplify.tests.collide import at_once


def _log(pairing: Pairing, by: str, **extra: object) -> tuple[Meeting, bool]:
    values: dict = {
        "held_on": timezone.localdate() - timedelta(days=2),
        "duration_minutes": 60,
        "mode": "remote",
        "topics": ["goals"],
    } | extra
    person = pairing.mentee if by == "mentee" else pairing.mentor
    return meeting_log(pairing=pairing, logged_by=person, **values)


def test_the_mentee_records_progress_with_the_meeting_once(world: World) -> None:
    goal = goal_for(world)
    pairing = goal.pairing
    meeting, created = _log(pairing, "mentee", goal_progress=[(goal.pk, 40)])
    assert created
    goal.refresh_from_db()
    assert goal.progress == 40
    (update,) = GoalUpdate.objects.filter(goal=goal)
    assert (update.progress, update.by_id) == (40, pairing.mentee_id)
    assert meeting.held_on.isoformat() in update.note
    # The same log sent again (a double submit): the meeting and the update, once.
    again, created = _log(pairing, "mentee", goal_progress=[(goal.pk, 40)])
    assert (again.pk, created) == (meeting.pk, False)
    assert GoalUpdate.objects.filter(goal=goal).count() == 1


def test_the_mentor_cannot_set_progress_and_nothing_is_saved(world: World) -> None:
    goal = goal_for(world)
    with pytest.raises(ValidationError) as caught:
        _log(goal.pairing, "mentor", goal_progress=[(goal.pk, 80)])
    assert f"goal_{goal.pk}" in caught.value.message_dict
    assert not Meeting.objects.exists()
    assert not GoalUpdate.objects.exists()
    assert Goal.objects.get(pk=goal.pk).progress == 0


def test_progress_out_of_range_is_refused_by_the_goal_rule(world: World) -> None:
    goal = goal_for(world)
    with pytest.raises(ValidationError) as caught:
        _log(goal.pairing, "mentee", goal_progress=[(goal.pk, 120)])
    assert "0 to 100" in " ".join(caught.value.message_dict[f"goal_{goal.pk}"])
    assert not Meeting.objects.exists()


def test_a_goal_of_another_pair_is_refused_and_the_meeting_not_saved(world: World) -> None:
    bea_goal, dan_goal = goal_for(world), goal_for(world, "dan", title="Dan's own goal")
    with pytest.raises(ValidationError) as caught:
        _log(bea_goal.pairing, "mentee", goal_progress=[(bea_goal.pk, 50), (dan_goal.pk, 50)])
    assert "goal_progress" in caught.value.message_dict
    assert not Meeting.objects.exists()
    assert not GoalUpdate.objects.exists()


def test_the_mentees_form_has_an_input_per_goal_and_the_mentors_none(world: World, as_user) -> None:
    goal = goal_for(world)
    url = reverse("meetings:pair", args=[goal.pairing_id])
    mentee_page = as_user(world.bea).get(url).content.decode()
    # One number input, holding her current progress.
    assert re.search(rf'<input type="number" name="goal_{goal.pk}" value="0"', mentee_page)
    mentor_page = as_user(world.alice).get(url).content.decode()
    assert f'name="goal_{goal.pk}"' not in mentor_page
    # A progress field posted by the mentor is ignored: her form has none.
    form = {
        "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "duration_minutes": 60,
        "mode": "remote",
        f"goal_{goal.pk}": "90",
    }
    response = as_user(world.alice).post(reverse("meetings:log", args=[goal.pairing_id]), form)
    assert response.status_code == 302
    assert Meeting.objects.count() == 1
    assert not GoalUpdate.objects.exists()


def test_the_mentee_records_progress_from_the_page_once(world: World, as_user) -> None:
    goal = goal_for(world)
    url = reverse("meetings:log", args=[goal.pairing_id])
    form = {
        "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "duration_minutes": 60,
        "mode": "remote",
        f"goal_{goal.pk}": "35",
    }
    client = as_user(world.bea)
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302  # sent again
    goal.refresh_from_db()
    assert goal.progress == 35
    assert GoalUpdate.objects.filter(goal=goal).count() == 1
    page = client.get(reverse("meetings:pair", args=[goal.pairing_id])).content.decode()
    assert 'value="35"' in page


def test_an_untouched_input_records_nothing(world: World, as_user) -> None:
    goal = goal_for(world)
    form = {
        "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "duration_minutes": 60,
        "mode": "remote",
        f"goal_{goal.pk}": "0",
    }
    response = as_user(world.bea).post(reverse("meetings:log", args=[goal.pairing_id]), form)
    assert response.status_code == 302
    assert Meeting.objects.count() == 1
    assert not GoalUpdate.objects.exists()


def test_a_bad_percentage_on_the_page_is_shown_at_its_input(world: World, as_user) -> None:
    goal = goal_for(world)
    form = {
        "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "duration_minutes": 60,
        "mode": "remote",
        f"goal_{goal.pk}": "150",
    }
    response = as_user(world.bea).post(reverse("meetings:log", args=[goal.pairing_id]), form)
    assert response.status_code == 422
    assert "from 0 to 100" in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_api_records_it_once_and_refuses_the_others(world: World) -> None:
    goal = goal_for(world)
    dan_goal = goal_for(world, "dan", title="Dan's own goal")
    url = f"/api/meetings/pairs/{goal.pairing_id}/meetings"
    body = {
        "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "mode": "remote",
        "goal_progress": [{"goal_id": goal.pk, "progress": 60}],
    }
    foreign = body | {"goal_progress": [{"goal_id": dan_goal.pk, "progress": 60}]}
    response = api(world.bea).post(url, foreign, content_type="application/json")
    assert response.status_code == 422
    assert "goal_progress" in response.json()["errors"]
    mentor = api(world.alice).post(url, body, content_type="application/json")
    assert mentor.status_code == 422
    assert f"goal_{goal.pk}" in mentor.json()["errors"]
    assert not Meeting.objects.exists()
    bea = api(world.bea)
    assert bea.post(url, body, content_type="application/json").status_code == 201
    assert bea.post(url, body, content_type="application/json").status_code == 200
    assert GoalUpdate.objects.filter(goal=goal).count() == 1
    assert Goal.objects.get(pk=goal.pk).progress == 60
    assert Goal.objects.get(pk=dan_goal.pk).progress == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_log_sent_twice_at_once_records_the_progress_once(world: World) -> None:
    goal = goal_for(world)
    url = f"/api/meetings/pairs/{goal.pairing_id}/meetings"
    body = {
        "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "mode": "remote",
        "goal_progress": [{"goal_id": goal.pk, "progress": 70}],
    }
    first, second = api(world.bea), api(world.bea)
    responses = at_once(
        [
            lambda: first.post(url, body, content_type="application/json"),
            lambda: second.post(url, body, content_type="application/json"),
        ],
        meet_at=(Meeting, "save"),
    )
    for r in responses:
        assert not isinstance(r, BaseException), r
    assert sorted(r.status_code for r in responses) == [200, 201]
    assert Meeting.objects.count() == 1
    assert GoalUpdate.objects.filter(goal=goal).count() == 1
    assert Goal.objects.get(pk=goal.pk).progress == 70
