"""The respondent's API: her surveys, one with its questions and her draft, the draft saved,
a submission (422 with the errors per item); another person's invitation is a 404."""

from __future__ import annotations

import pytest
from django.test import Client

from amplify.conftest import World
from amplify.surveys.models import Response, Wave
from amplify.surveys.tests.respondent import COMPLETE, invitation_of, launched


@pytest.fixture
def wave(world: World, django_capture_on_commit_callbacks) -> Wave:
    return launched(world, django_capture_on_commit_callbacks)


def test_she_answers_through_the_api(world: World, wave: Wave, as_user) -> None:
    client = as_user(world.bea)
    bea = invitation_of(world, world.bea, wave)
    listed = client.get("/api/my/surveys").json()
    assert [s["id"] for s in listed] == [bea.pk]
    assert listed[0]["title"] == "End of programme"
    assert listed[0]["mode"] == "confidential"
    detail = client.get(f"/api/my/surveys/{bea.pk}").json()
    assert [q["key"] for q in detail["questions"]][:3] == [
        "barriers_understood",
        "would_recommend",
        "keep_meeting",
    ]
    assert detail["draft"] == {}
    assert detail["closed"] is None
    saved = client.put(
        f"/api/my/surveys/{bea.pk}/draft",
        {"answers": {"barriers_understood": 3}},
        content_type="application/json",
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["draft"] == {"barriers_understood": 3}
    refused = client.post(
        f"/api/my/surveys/{bea.pk}/submit",
        {"answers": {"barriers_understood": 7, "hours_a_month": 100}},
        content_type="application/json",
    )
    assert refused.status_code == 422
    errors = refused.json()["errors"]
    assert set(errors) == {
        "barriers_understood",
        "would_recommend",
        "keep_meeting",
        "hours_a_month",
    }
    assert errors["hours_a_month"] == ["Enter a number from 0 to 40."]
    done = client.post(
        f"/api/my/surveys/{bea.pk}/submit", {"answers": COMPLETE}, content_type="application/json"
    )
    assert done.status_code == 200, done.content
    again = client.post(
        f"/api/my/surveys/{bea.pk}/submit", {"answers": COMPLETE}, content_type="application/json"
    )
    assert again.status_code == 422
    assert "already answered" in again.json()["detail"]
    assert Response.objects.count() == 1
    assert client.get("/api/my/surveys").json() == []
    assert client.get(f"/api/my/surveys/{bea.pk}").json()["answered_on"] is not None


def test_another_persons_invitation_is_a_404_and_anonymous_a_401(
    world: World, wave: Wave, as_user
) -> None:
    dan = invitation_of(world, world.dan, wave)
    client = as_user(world.bea)
    assert client.get(f"/api/my/surveys/{dan.pk}").status_code == 404
    assert (
        client.put(
            f"/api/my/surveys/{dan.pk}/draft", {"answers": {}}, content_type="application/json"
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/api/my/surveys/{dan.pk}/submit",
            {"answers": COMPLETE},
            content_type="application/json",
        ).status_code
        == 404
    )
    # Staff too: Harriet runs the cohort, but Dan's invitation is his.
    assert as_user(world.harriet).get(f"/api/my/surveys/{dan.pk}").status_code == 404
    assert Client().get("/api/my/surveys").status_code == 401
    assert Client().get(f"/api/my/surveys/{dan.pk}").status_code == 401
    assert not Response.objects.exists()
