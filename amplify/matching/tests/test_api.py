"""The matching API: a manager's whole run-review-publish loop, and each person's own view."""

from __future__ import annotations

import pytest
from django.test import Client

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.core.matching.profiles import DEFAULT_WEIGHTS
from amplify.matching.api import Weights
from amplify.matching.models import GroupingRun, MatchingRun, RunStatus
from amplify.matching.tests.cohorts import Matchable, build_matchable
from amplify.programmes.models import Pairing


@pytest.fixture
def m(world: World) -> Matchable:
    return build_matchable(world)


def api(user: User) -> Client:
    token = api_token_create(user=user, name="test")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_default_weights_are_the_engines() -> None:
    assert Weights().dict() == {c.value: w for c, w in DEFAULT_WEIGHTS.items()}


def test_a_manager_matches_reviews_and_publishes_through_the_api(
    world: World, m: Matchable, django_capture_on_commit_callbacks
) -> None:
    client = api(world.harriet)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/cohorts/{m.cohort.pk}/matching-runs",
            {"weights": {"interests": 5, "career": 4}},
            content_type="application/json",
        )
    assert response.status_code == 202, response.content
    run_id = response.json()["id"]
    run = client.get(f"/api/matching-runs/{run_id}").json()
    assert run["status"] == "ready"
    assert run["certified"]
    assert run["weights"]["interests"] == 5
    assert run["proof"].startswith("Certified optimal")
    assert run["unmatched"][str(m.eve.pk)] == "language"
    assert run["mentors_set_aside"] == {str(m.mo.pk): "training"}
    pairs = client.get(f"/api/matching-runs/{run_id}/pairs").json()
    assert pairs["count"] == 2
    first = pairs["items"][0]
    assert first["score"] == sum(c["score"] for c in first["breakdown"])
    locked = client.post(
        f"/api/proposed-pairs/{first['id']}/lock", {"locked": True}, content_type="application/json"
    )
    assert locked.json()["locked"] is True
    rules = client.get(f"/api/cohorts/{m.cohort.pk}/pair-rules").json()
    assert [r["kind"] for r in rules["items"]] == ["lock"]
    published = client.post(f"/api/matching-runs/{run_id}/publish")
    assert published.status_code == 200
    assert len(published.json()["created_pairing_ids"]) == 2
    assert published.json()["run"]["status"] == "published"
    again = client.post(f"/api/matching-runs/{run_id}/publish")
    assert again.status_code == 422
    assert "Only a run ready for review can be published" in again.json()["detail"]


def test_bad_input_gets_a_clear_error(world: World, m: Matchable) -> None:
    client = api(world.harriet)
    zero = {c.value: 0 for c in DEFAULT_WEIGHTS}
    response = client.post(
        f"/api/cohorts/{m.cohort.pk}/matching-runs",
        {"weights": zero},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"weights": ["Give at least one criterion a weight."]}
    response = client.post(
        f"/api/cohorts/{m.cohort.pk}/matching-runs",
        {"weights": {"interests": 6}},
        content_type="application/json",
    )
    assert response.status_code == 422
    response = client.post(
        f"/api/cohorts/{m.cohort.pk}/pair-rules",
        {"mentor_id": m.bea.pk, "mentee_id": m.alice.pk, "kind": "lock"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "is not an active mentor" in response.json()["detail"]


def test_only_the_cohorts_managers_reach_runs(world: World, m: Matchable) -> None:
    run = MatchingRun.objects.create(
        cohort=m.cohort, number=1, kind="mentoring", status=RunStatus.READY
    )
    for user, status in ((world.alice, 404), (world.otto, 404), (world.bea, 404)):
        assert api(user).get(f"/api/matching-runs/{run.pk}").status_code == status
        assert api(user).post(f"/api/matching-runs/{run.pk}/publish").status_code == status
    assert (
        api(world.alice)
        .post(f"/api/cohorts/{m.cohort.pk}/matching-runs", {}, content_type="application/json")
        .status_code
        == 403
    )
    assert Client().get(f"/api/matching-runs/{run.pk}").status_code == 401


def test_people_read_and_write_their_own_profile_and_match(world: World, m: Matchable) -> None:
    client = api(world.bea)
    read = client.get("/api/me/match-profile")
    profile = read.json()
    assert profile["tags"] == ["Marketing", "Podcasts"]
    response = client.put(
        "/api/me/match-profile",
        {
            "tags": ["Marketing", "Radio"],
            "availability": [0, 1],
            "seniority": 0,
            "job_family": "marketing",
            "meeting_format": "online",
        },
        content_type="application/json",
        headers={"If-Match": read["ETag"]},
    )
    assert response.status_code == 200
    assert response.json()["tags"] == ["Marketing", "Radio"]
    bad = client.put(
        "/api/me/match-profile",
        {"tags": ["Knitting"]},
        content_type="application/json",
        headers={"If-Match": response["ETag"]},
    )
    assert bad.status_code == 422
    assert client.get("/api/me/matches").json() == []
    from amplify.matching import services
    from amplify.matching.tests.test_services import WEIGHTS

    run = services.matching_run_execute(
        run=services.matching_run_start(cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS)
    )
    services.matching_run_publish(run=run, published_by=world.harriet)
    mentor = run.pairs.get(mentee=m.bea).mentor
    mine = client.get("/api/me/matches").json()
    assert [(x["mentor_name"], x["mentee_name"]) for x in mine] == [(mentor.name, "Bea Young")]
    assert mine[0]["score"] == sum(c["score"] for c in mine[0]["breakdown"])
    assert Pairing.objects.filter(cohort=m.cohort, mentee=m.bea, mentor=mentor).exists()


def test_home_groups_through_the_api(world: World, django_capture_on_commit_callbacks) -> None:
    from amplify.matching.tests.cohorts import profile
    from amplify.matching.tests.test_grouping import PEOPLE, ZONES
    from amplify.people.tests.factories import PersonFactory
    from amplify.programmes.models import Enrolment
    from amplify.programmes.tests.factories import EnrolmentFactory

    cohort = world.leadership_cohort
    world.leadership.managers.add(world.person(world.harriet))
    for n, (country, family) in enumerate(PEOPLE):
        person = PersonFactory(name=f"P {n}", country_id=country, time_zone=ZONES[country])
        EnrolmentFactory(cohort=cohort, person=person, role=Enrolment.Role.PARTICIPANT)
        profile(person, job_family=family)
    client = api(world.harriet)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/cohorts/{cohort.pk}/grouping-runs", {}, content_type="application/json"
        )
    assert response.status_code == 202
    run = client.get(f"/api/grouping-runs/{response.json()['id']}").json()
    assert run["status"] == "ready"
    assert len(run["groups"]) == 3
    europe = [g for g in run["groups"] if g["band"] == "EMEA"]
    moved = client.post(
        f"/api/grouping-runs/{run['id']}/move",
        {"person_id": europe[0]["member_ids"][0], "group_id": europe[1]["id"]},
        content_type="application/json",
    )
    assert moved.status_code == 200
    assert client.post(f"/api/grouping-runs/{run['id']}/publish").json()["status"] == "published"
    assert GroupingRun.objects.get(pk=run["id"]).status == RunStatus.PUBLISHED
