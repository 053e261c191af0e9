"""The applications API: the queue and decisions for the cohort's managers, the evidence
for impact admins, settings with ETag/If-Match, and referrals for partners."""

from __future__ import annotations

import pytest

from amplify.applications.models import Application, Stage
from amplify.applications.tests.factories import make_application, recruiting_cohort
from amplify.conftest import World

pytestmark = pytest.mark.django_db


def test_it_lists_a_cohorts_applications_to_its_manager(world: World, as_user) -> None:
    cohort = recruiting_cohort(world.programme)
    make_application(cohort)
    make_application(cohort, email="ivy@example.com", stage=Stage.INELIGIBLE)
    response = as_user(world.harriet).get(f"/api/cohorts/{cohort.pk}/applications?eligible=yes")
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["eligibility"] == "Eligible: yes, by eligible for free school meals"
    assert "date_of_birth" not in item
    assert "school_type" not in item


def test_it_decides_through_the_api(world: World, as_user) -> None:
    application = make_application(recruiting_cohort(world.programme))
    client = as_user(world.harriet)
    url = f"/api/applications/{application.pk}/decision"
    response = client.post(url, {"action": "decline"}, content_type="application/json")
    assert response.status_code == 422
    assert "reason" in response.json()["errors"]
    response = client.post(
        url, {"action": "offer", "deadline": "2099-01-31"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["stage"] == "offered"
    assert response.json()["offer_deadline"] == "2099-01-31"


def test_it_gives_the_evidence_to_impact_admins_only(world: World, as_user) -> None:
    application = make_application(recruiting_cohort(world.programme))
    url = f"/api/applications/{application.pk}/evidence"
    assert as_user(world.ina).get(url).json()["date_of_birth"] == "2005-03-14"
    assert as_user(world.harriet).get(url).status_code == 403
    assert as_user(world.ada).get(url).status_code == 403


def test_it_changes_settings_only_with_the_version_read(world: World, as_user) -> None:
    cohort = recruiting_cohort(world.programme)
    client = as_user(world.harriet)
    url = f"/api/cohorts/{cohort.pk}/application-settings"
    read = client.get(url)
    assert read.json()["min_age"] == 18
    body = {"min_age": 17, "criteria": ["first_generation"]}
    assert client.patch(url, body, content_type="application/json").status_code == 428
    etag = read["ETag"]
    changed = client.patch(url, body, content_type="application/json", headers={"If-Match": etag})
    assert changed.status_code == 200
    assert changed.json()["criteria"] == ["first_generation"]
    stale = client.patch(
        url, {"min_age": 16}, content_type="application/json", headers={"If-Match": etag}
    )
    assert stale.status_code == 409


def test_it_lets_a_partner_refer_and_see_only_her_referrals(world: World, as_user) -> None:
    cohort = recruiting_cohort(world.programme)
    client = as_user(world.pat)
    created = client.post(
        "/api/referrals",
        {"cohort_id": cohort.pk, "name": "Rae", "email": "rae@example.com"},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["stage"] == "referred"
    again = client.post(
        "/api/referrals",
        {"cohort_id": cohort.pk, "name": "Rae", "email": "rae@example.com"},
        content_type="application/json",
    )
    assert again.status_code == 422
    make_application(cohort, email="walkin@example.com")
    items = client.get("/api/referrals").json()["items"]
    assert [i["name"] for i in items] == ["Rae"]
    assert set(items[0]) == {"id", "cohort_id", "name", "stage", "created_at"}
    assert Application.objects.count() == 2


@pytest.mark.parametrize(
    ("who", "method", "path", "body", "expected"),
    [
        ("alice", "get", "/api/cohorts/{running}/applications", None, 403),
        ("otto", "get", "/api/cohorts/{cohort}/applications", None, 404),
        ("pat", "get", "/api/applications/{application}", None, 404),
        ("alice", "post", "/api/applications/{application}/decision", {"action": "offer"}, 404),
        ("alice", "get", "/api/cohorts/{running}/application-settings", None, 403),
        ("harriet", "get", "/api/referrals", None, 403),
        ("bea", "post", "/api/referrals", {"cohort_id": 1, "name": "X", "email": "x@y.io"}, 403),
        ("harriet", "get", "/api/applications/{application}/evidence", None, 403),
    ],
)
def test_it_refuses_the_wrong_role(
    world: World, as_user, who: str, method: str, path: str, body: object, expected: int
) -> None:
    cohort = recruiting_cohort(world.programme)
    application = make_application(cohort)
    url = path.format(cohort=cohort.pk, application=application.pk, running=world.cohort.pk)
    client = as_user(getattr(world, who))
    if body is None:
        response = getattr(client, method)(url)
    else:
        response = getattr(client, method)(url, body, content_type="application/json")
    assert response.status_code == expected, response.content
