"""The coaching API: the same services as the pages, the same rules."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.coaching.models import CoachingSession
from amplify.coaching.tests.factories import booked_for, coco_and_lena, free_time, home_group
from amplify.conftest import World


def api(user: User) -> Client:
    token = api_token_create(user=user, name="t")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_book_move_cancel_and_log_through_the_api(world: World) -> None:
    free_time(world)
    pair = coco_and_lena(world)
    lena, coco = api(world.lena), api(world.coco)
    times = lena.get(f"/api/coaching/pairs/{pair.pk}/times").json()
    assert "1-18" in times
    week = (timezone.localdate() + timedelta(days=1)).isoformat()
    body = {"choice": "1-18", "week_of": week}
    booked = lena.post(f"/api/coaching/pairs/{pair.pk}/sessions", body, "application/json")
    assert booked.status_code == 201
    again = lena.post(f"/api/coaching/pairs/{pair.pk}/sessions", body, "application/json")
    assert again.status_code == 200
    session_id = booked.json()["id"]
    moved = coco.put(
        f"/api/coaching/sessions/{session_id}",
        {"choice": "3-13", "week_of": week},
        "application/json",
    )
    assert moved.json()["sequence"] == 1
    log = {
        "session_id": session_id,
        "held_on": timezone.localdate().isoformat(),
        "mode": "video",
        "themes": ["who_am_i"],
        "coach_notes": "mine",
    }
    assert (
        lena.post(f"/api/coaching/pairs/{pair.pk}/log", log, "application/json").status_code == 403
    )
    logged = coco.post(f"/api/coaching/pairs/{pair.pk}/log", log, "application/json")
    assert logged.status_code == 201
    assert logged.json()["coach_notes"] == "mine"
    assert (
        coco.post(f"/api/coaching/pairs/{pair.pk}/log", log, "application/json").status_code == 200
    )
    refused = coco.post(f"/api/coaching/sessions/{session_id}/cancel")
    assert refused.status_code == 422
    assert CoachingSession.objects.get().status == "held"


def test_a_bad_log_names_its_fields(world: World) -> None:
    pair = coco_and_lena(world)
    answer = api(world.coco).post(
        f"/api/coaching/pairs/{pair.pk}/log",
        {"held_on": (timezone.localdate() + timedelta(days=3)).isoformat(), "mode": "video"},
        "application/json",
    )
    assert answer.status_code == 422
    assert "held_on" in answer.json()["errors"]


def test_the_coachees_and_the_cohort_cadence(world: World) -> None:
    booked_for(world)
    rows = api(world.coco).get("/api/coaching/coachees").json()
    assert [r["participant_name"] for r in rows] == ["Lena Staff"]
    assert rows[0]["next_session_at"] is not None
    assert api(world.lena).get("/api/coaching/coachees").json() == []
    home_group(world)
    cadence = api(world.max).get(f"/api/coaching/cohorts/{world.leadership_cohort.pk}").json()
    assert cadence["pairs"][0]["planned"] == 6
    assert cadence["groups"][0]["members"] == 5
    assert (
        api(world.coco).get(f"/api/coaching/cohorts/{world.leadership_cohort.pk}").status_code
        == 403
    )


def test_settings_through_the_api(world: World) -> None:
    client = api(world.max)
    assert client.get("/api/coaching/programmes/amplify/settings").json()["sessions_planned"] == 6
    body = {"sessions_planned": 8, "session_minutes": 60, "round_every_days": 28, "quiet_days": 42}
    answer = client.put("/api/coaching/programmes/amplify/settings", body, "application/json")
    assert answer.json()["sessions_planned"] == 8
    assert api(world.harriet).get("/api/coaching/programmes/amplify/settings").status_code == 404


def test_a_group_and_its_rounds_through_the_api(world: World) -> None:
    group = home_group(world)
    lena, leo = world.person(world.lena), world.person(world.leo)
    body = {
        "held_on": timezone.localdate().isoformat(),
        "challenge_by_id": lena.pk,
        "coach_ids": [leo.pk],
        "theme": "who_am_i",
        "note": "first round",
    }
    client = api(world.leo)
    assert (
        client.post(f"/api/coaching/groups/{group.pk}/rounds", body, "application/json").status_code
        == 201
    )
    assert (
        client.post(f"/api/coaching/groups/{group.pk}/rounds", body, "application/json").status_code
        == 200
    )
    bad = client.post(
        f"/api/coaching/groups/{group.pk}/rounds",
        {**body, "coach_ids": [world.person(world.otto).pk]},
        "application/json",
    )
    assert bad.status_code == 422
    assert "coaches" in bad.json()["errors"]
    seen = api(world.max).get(f"/api/coaching/groups/{group.pk}").json()
    assert seen["rounds"][0]["note"] == "first round"
    assert len(seen["members"]) == 5
    assert (
        api(world.max)
        .post(f"/api/coaching/groups/{group.pk}/rounds", body, "application/json")
        .status_code
        == 403
    )
    assert api(world.coco).get(f"/api/coaching/groups/{group.pk}").status_code == 404
