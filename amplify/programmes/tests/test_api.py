import pytest

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.programmes.models import Enrolment


@pytest.fixture
def api(world: World, client):
    _, raw = api_token_create(user=world.harriet, name="tests")

    class Api:
        def call(self, method: str, url: str, body: object = None, **headers: str):
            kwargs = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
            kwargs.update({f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()})
            if body is not None:
                kwargs.update(data=body, content_type="application/json")
            return getattr(client, method)(url, **kwargs)

    return Api()


def test_it_runs_a_programme_through_the_api(world: World, api) -> None:
    created = api.call(
        "post", "/api/programmes", {"name": "Bridge", "kind": "mentoring", "pillars": ["I"]}
    )
    assert created.status_code == 201
    assert created.json()["pillars"] == ["I"]
    cohort = api.call(
        "post",
        "/api/programmes/bridge/cohorts",
        {"name": "Bridge 1", "starts_on": "2027-01-11", "ends_on": "2027-07-09"},
    )
    assert cohort.status_code == 201
    cohort_id = cohort.json()["id"]
    otto = world.person(world.otto)
    enrolled = api.call(
        "post", f"/api/cohorts/{cohort_id}/enrolments", {"person_id": otto.pk, "role": "mentor"}
    )
    assert enrolled.status_code == 201
    assert enrolled.json()["person_name"] == "Otto Staff"
    moved = api.call(
        "post", f"/api/cohorts/{cohort_id}/status", {"status": "recruiting"}, if_match="*"
    )
    assert moved.json()["status"] == "recruiting"
    listed = api.call("get", f"/api/cohorts/{cohort_id}/enrolments?role=mentor").json()
    assert listed["count"] == 1


def test_it_names_the_field_in_api_errors(world: World, api) -> None:
    bad = api.call(
        "post",
        "/api/programmes/positive-influence/cohorts",
        {"name": "X", "starts_on": "2027-05-01", "ends_on": "2027-04-01"},
    )
    assert bad.status_code == 422
    assert bad.json()["errors"] == {"ends_on": ["The end date must be after the start date."]}
    typo = api.call(
        "post", f"/api/cohorts/{world.cohort.pk}/enrolments", {"person_id": 1, "role": "wizard"}
    )
    assert typo.status_code == 422
    assert typo.json()["detail"][0]["loc"][-1] == "role"
    skipped = api.call(
        "post", f"/api/cohorts/{world.cohort.pk}/status", {"status": "draft"}, if_match="*"
    )
    assert skipped.json()["errors"]["status"][0].startswith("A running cohort can move only to")


def test_it_withdraws_and_pairs_through_the_api(world: World, api) -> None:
    dan = Enrolment.objects.get(person=world.person(world.dan))
    out = api.call("post", f"/api/enrolments/{dan.pk}/withdraw", {"note": "Found a job"})
    assert out.json()["status"] == "withdrawn"
    pairs = api.call("get", f"/api/cohorts/{world.cohort.pk}/pairings").json()
    assert pairs["count"] == 2
