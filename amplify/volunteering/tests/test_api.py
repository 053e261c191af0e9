"""The volunteering API: the same services as the pages."""

from __future__ import annotations

from django.test import Client

from amplify.conftest import World
from amplify.volunteering.models import MentorOffer, OfferStatus
from amplify.volunteering.tests.factories import offer_for, recruiting

BODY = {"why": "To give back.", "tags": ["A&R"], "capacity": 1}


def test_an_employee_offers_edits_and_withdraws_through_the_api(world: World, as_user) -> None:
    cohort = recruiting(world)
    client = as_user(world.otto)
    listed = client.get("/api/volunteering/cohorts").json()
    assert [c["id"] for c in listed] == [cohort.pk]
    url = f"/api/volunteering/cohorts/{cohort.pk}/offer"
    first = client.put(url, BODY, content_type="application/json")
    assert first.status_code == 200
    again = client.put(url, BODY, content_type="application/json")  # a retry
    assert again.json()["id"] == first.json()["id"]
    changed = client.put(url, {**BODY, "capacity": 3}, content_type="application/json")
    assert changed.json()["capacity"] == 3
    assert client.get("/api/volunteering/offers").json()[0]["capacity"] == 3
    withdrawn = client.post(f"{url}/withdraw")
    assert withdrawn.json()["status"] == "withdrawn"
    assert MentorOffer.objects.count() == 1


def test_bad_input_is_a_clear_422(world: World, as_user) -> None:
    cohort = recruiting(world)
    url = f"/api/volunteering/cohorts/{cohort.pk}/offer"
    response = as_user(world.otto).put(
        url, {**BODY, "tags": ["Nonsense"]}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "tags" in response.json()["errors"]
    response = as_user(world.otto).put(
        url, {**BODY, "capacity": 4}, content_type="application/json"
    )
    assert response.status_code == 422


def test_the_manager_lists_and_decides(world: World, as_user) -> None:
    cohort = recruiting(world)
    offer = offer_for(world, cohort)
    client = as_user(world.harriet)
    listed = client.get(f"/api/cohorts/{cohort.pk}/mentor-offers", {"status": "pending"}).json()
    assert [o["id"] for o in listed] == [offer.pk]
    response = client.post(
        f"/api/mentor-offers/{offer.pk}/decision",
        {"action": "decline"},
        content_type="application/json",
    )
    assert response.status_code == 422
    response = client.post(
        f"/api/mentor-offers/{offer.pk}/decision",
        {"action": "accept"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == OfferStatus.ACCEPTED
    assert response.json()["enrolment_id"] is not None


def test_wrong_roles_and_anonymous(world: World, as_user) -> None:
    cohort = recruiting(world)
    offer = offer_for(world, cohort)
    assert as_user(world.bea).get("/api/volunteering/cohorts").status_code == 403
    assert (
        as_user(world.pat)
        .put(f"/api/volunteering/cohorts/{cohort.pk}/offer", BODY, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        as_user(world.alice).get(f"/api/cohorts/{world.cohort.pk}/mentor-offers").status_code == 403
    )
    assert (
        as_user(world.otto)
        .post(
            f"/api/mentor-offers/{offer.pk}/decision",
            {"action": "accept"},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    assert Client().get("/api/volunteering/offers").status_code == 401
