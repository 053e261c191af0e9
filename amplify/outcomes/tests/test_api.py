"""The outcomes API: the same services and the same rules as the pages."""

from __future__ import annotations

import uuid

from amplify.conftest import World
from amplify.outcomes.models import Outcome
from amplify.outcomes.tests.factories import bea_outcome, bea_project, during


def _json(client, method: str, url: str, body: dict | None = None):
    return getattr(client, method)(url, data=body or {}, content_type="application/json")


def test_a_mentee_records_her_own_once_per_key(world: World, as_user) -> None:
    client = as_user(world.bea)
    body = {
        "kind": "apprenticeship",
        "happened_on": during(world).isoformat(),
        "cohort_id": world.cohort.pk,
        "organisation": "Sony Music UK",
        "request_key": str(uuid.uuid4()),
    }
    first = _json(client, "post", "/api/outcomes", body)
    again = _json(client, "post", "/api/outcomes", body)
    assert first.status_code == again.status_code == 201, first.content
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["verification"] == "self_reported"
    assert first.json()["during_programme"] is True
    assert Outcome.objects.count() == 1


def test_it_refuses_control_characters_naming_the_field(world: World, as_user) -> None:
    body = {"kind": "job", "happened_on": during(world).isoformat(), "organisation": "a\x00b"}
    response = _json(as_user(world.bea), "post", "/api/outcomes", body)
    assert response.status_code == 422
    assert "organisation" in str(response.json()["detail"])


def test_lists_only_what_the_caller_may_see(world: World, as_user) -> None:
    bea_outcome(world)
    assert len(_json(as_user(world.bea), "get", "/api/outcomes").json()["items"]) == 1
    assert _json(as_user(world.dan), "get", "/api/outcomes").json()["items"] == []
    assert len(_json(as_user(world.harriet), "get", "/api/outcomes").json()["items"]) == 1
    assert len(_json(as_user(world.ina), "get", "/api/outcomes").json()["items"]) == 1


def test_another_mentee_gets_404_and_the_mentee_403_on_verification(world: World, as_user) -> None:
    outcome = bea_outcome(world)
    assert _json(as_user(world.dan), "get", f"/api/outcomes/{outcome.pk}").status_code == 404
    url = f"/api/outcomes/{outcome.pk}/verification"
    assert _json(as_user(world.bea), "post", url, {"confirm": True}).status_code == 403
    response = _json(as_user(world.harriet), "post", url, {"confirm": False})
    assert response.status_code == 422
    assert "reason" in response.json()["errors"]
    response = _json(as_user(world.harriet), "post", url, {"confirm": True})
    assert response.status_code == 200
    assert response.json()["verification"] == "confirmed"


def test_the_counts_hide_small_numbers(world: World, as_user) -> None:
    bea_outcome(world, recorded_by=world.harriet)
    url = f"/api/cohorts/{world.cohort.pk}/outcome-counts"
    data = _json(as_user(world.ina), "get", url).json()
    assert data["mentees_employed_during_programme"] is None
    job = next(k for k in data["by_kind"] if k["kind"] == "job")
    assert job["people"] is None
    assert _json(as_user(world.bea), "get", url).status_code == 403


def test_the_showcase_through_the_api(world: World, as_user) -> None:
    bea_project(world)
    url = f"/api/cohorts/{world.cohort.pk}/showcase"
    assert len(_json(as_user(world.dan), "get", url).json()) == 1
    assert _json(as_user(world.otto), "get", url).status_code == 404
    body = {"title": "Season 2", "summary": "More episodes.", "link": "https://example.com/2"}
    response = _json(as_user(world.bea), "put", url + "/mine", body)
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Season 2"
    assert _json(as_user(world.alice), "put", url + "/mine", body).status_code == 404
