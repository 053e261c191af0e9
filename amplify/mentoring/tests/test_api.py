"""The API calls the same services as the pages: the pair's own goals and agreement, the
manager's numbers and closure."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.utils import timezone

from amplify.conftest import World
from amplify.mentoring.models import Goal
from amplify.mentoring.tests.factories import SECRET, pair_of


def test_the_mentee_sets_updates_and_reads_a_goal_through_the_api(world: World, as_user) -> None:
    pairing = pair_of(world)
    bea = as_user(world.bea)
    body = {
        "title": SECRET,
        "why_it_matters": "It matters",
        "success_criterion": "An offer",
        "target_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "request_key": str(uuid.uuid4()),
    }
    url = f"/api/mentoring/pairs/{pairing.pk}/goals"
    first = bea.post(url, body, content_type="application/json")
    again = bea.post(url, body, content_type="application/json")
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    goal_id = first.json()["id"]
    progress = bea.post(
        f"/api/mentoring/goals/{goal_id}/progress",
        {"progress": 40, "note": "Two sent"},
        content_type="application/json",
    )
    assert progress.status_code == 201
    comment = as_user(world.alice).post(
        f"/api/mentoring/goals/{goal_id}/comments",
        {"body": "Well done"},
        content_type="application/json",
    )
    assert comment.status_code == 201
    detail = as_user(world.alice).get(f"/api/mentoring/goals/{goal_id}").json()
    assert detail["progress"] == 40
    assert [u["note"] for u in detail["updates"]] == ["Two sent"]
    assert [c["body"] for c in detail["comments"]] == ["Well done"]
    bad = bea.post(
        url,
        {**body, "target_date": "2001-01-01", "request_key": None},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert Goal.objects.count() == 1


def test_the_pair_accepts_and_reads_the_agreement(world: World, as_user) -> None:
    pairing = pair_of(world)
    assert (
        as_user(world.bea).post(f"/api/mentoring/pairs/{pairing.pk}/acceptance").status_code == 201
    )
    data = as_user(world.alice).get(f"/api/mentoring/pairs/{pairing.pk}").json()
    assert data["agreement_state"] == "awaiting_mentor"
    assert data["other_accepted_at"] is not None
    assert [s["key"] for s in data["agreement"]["sections"]] == [
        "expectations",
        "confidentiality",
        "meetings",
        "concerns",
    ]
    mine = as_user(world.alice).get("/api/mentoring/pairs").json()
    assert [p["pairing_id"] for p in mine["items"]] == [pairing.pk]


def test_the_manager_closes_through_the_api(world: World, as_user) -> None:
    pairing = pair_of(world)
    response = as_user(world.harriet).post(
        f"/api/mentoring/pairs/{pairing.pk}/closure",
        {"reason": "completed", "note": "A good six months"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["agreement_state"] == "ended"
    refused = as_user(world.alice).post(
        f"/api/mentoring/pairs/{pairing.pk}/goals",
        {
            "title": "x",
            "why_it_matters": "x",
            "success_criterion": "x",
            "target_date": "2030-01-01",
        },
        content_type="application/json",
    )
    assert refused.status_code == 403


def test_the_manager_publishes_a_new_agreement_version(world: World, as_user) -> None:
    url = "/api/mentoring/programmes/positive-influence/agreement"
    response = as_user(world.harriet).post(
        url, {"meetings": "Weekly, for 45 minutes."}, content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["number"] == 2
    current = as_user(world.bea).get(url).json()
    meetings = next(s for s in current["sections"] if s["key"] == "meetings")
    assert meetings == {
        "key": "meetings",
        "title": "How often we meet",
        "text": "Weekly, for 45 minutes.",
        "standard": False,
    }
