"""The safeguarding API: raise, the leads' log, acting with If-Match, naming the leads."""

from __future__ import annotations

import uuid

from django.utils import timezone

from amplify.conftest import World
from amplify.safeguarding.models import Concern, ConcernView, SafeguardingTeam
from amplify.safeguarding.tests.conftest import WHAT, Leads, raise_one

JSON = "application/json"


def test_it_raises_a_concern_once_and_tells_the_raiser_only_its_status(
    world: World, leads: Leads, as_user
) -> None:
    client = as_user(world.alice)
    body = {
        "person_id": world.person(world.bea).pk,
        "what_happened": WHAT,
        "happened_on": timezone.localdate().isoformat(),
        "urgency": "within_24_hours",
        "request_key": str(uuid.uuid4()),
    }
    first = client.post("/api/safeguarding/concerns", body, content_type=JSON)
    again = client.post("/api/safeguarding/concerns", body, content_type=JSON)
    assert first.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert Concern.objects.count() == 1
    assert WHAT not in first.content.decode()
    mine = client.get("/api/safeguarding/concerns/mine").json()
    assert [(c["id"], c["status"]) for c in mine["items"]] == [(first.json()["id"], "new")]


def test_it_refuses_a_concern_about_someone_unseen(world: World, leads: Leads, as_user) -> None:
    body = {
        "person_id": world.person(world.dan).pk,
        "what_happened": WHAT,
        "happened_on": timezone.localdate().isoformat(),
        "urgency": "same_day",
    }
    response = as_user(world.alice).post("/api/safeguarding/concerns", body, content_type=JSON)
    assert response.status_code == 404


def test_it_gives_the_lead_the_log_and_records_her_read(
    world: World, leads: Leads, as_user
) -> None:
    concern = raise_one(world)
    client = as_user(leads.lena)
    log = client.get("/api/safeguarding/concerns").json()
    assert [c["id"] for c in log["items"]] == [concern.pk]
    assert "what_happened" not in log["items"][0]
    assert not ConcernView.objects.exists()
    response = client.get(f"/api/safeguarding/concerns/{concern.pk}")
    assert response.json()["what_happened"] == WHAT
    assert response.json()["views"][0]["route"] == "api"
    assert ConcernView.objects.get().viewer == leads.lena


def test_it_moves_a_concern_on_only_from_the_version_read(
    world: World, leads: Leads, as_user
) -> None:
    concern = raise_one(world)
    client = as_user(leads.lena)
    etag = client.get(f"/api/safeguarding/concerns/{concern.pk}")["ETag"]
    url = f"/api/safeguarding/concerns/{concern.pk}/actions"
    note = {"note": "Rang Bea's mentor"}
    assert client.post(url, note, content_type=JSON).status_code == 201  # a note needs none
    moving = {"note": "On it", "status": "in_progress"}
    assert client.post(url, moving, content_type=JSON).status_code == 428
    response = client.post(url, moving, content_type=JSON, headers={"If-Match": etag})
    assert response.status_code == 201
    stale = {"note": "Closing", "status": "closed", "outcome": "Resolved"}
    assert client.post(url, stale, content_type=JSON, headers={"If-Match": etag}).status_code == 409
    fresh = response["ETag"]
    response = client.post(url, stale, content_type=JSON, headers={"If-Match": fresh})
    assert response.status_code == 201
    concern.refresh_from_db()
    assert concern.status == "closed"
    escalate = {"to_whom": "Police", "urgency": "same_day"}
    response = client.post(
        f"/api/safeguarding/concerns/{concern.pk}/escalations", escalate, content_type=JSON
    )
    assert response.status_code == 422  # closed


def test_it_lets_the_programme_manager_name_the_leads(world: World, as_user) -> None:
    client = as_user(world.harriet)
    url = f"/api/safeguarding/programmes/{world.programme.pk}/team"
    body = {"lead_id": world.person(world.harriet).pk, "deputy_id": world.person(world.carl).pk}
    assert client.put(url, body, content_type=JSON, headers={"If-Match": "new"}).status_code == 200
    team = SafeguardingTeam.objects.get()
    assert (team.lead, team.deputy) == (world.person(world.harriet), world.person(world.carl))
    etag = client.get(url)["ETag"]
    body["deputy_id"] = world.person(world.harriet).pk
    response = client.put(url, body, content_type=JSON, headers={"If-Match": etag})
    assert response.status_code == 422
    assert "deputy" in response.json()["errors"]
    assert team.history.count() == 1
