"""The nominations API: the same services, the same messages."""

from __future__ import annotations

from typing import Any

from django.test import Client

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.nominations.models import Nomination
from amplify.nominations.tests.factories import line, nia_nominated, otto_self_nominated
from amplify.programmes.models import Enrolment


def api(user: User) -> Client:
    token = api_token_create(user=user, name="test")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def post(user: User, url: str, body: dict[str, Any] | None = None) -> Any:
    return api(user).post(url, body or {}, content_type="application/json")


def test_it_nominates_endorses_and_selects_through_the_api(world: World) -> None:
    # Given Otto and his line manager Bob
    ln = line(world)
    otto = world.person(world.otto)
    # When Otto nominates himself
    made = post(
        world.otto,
        f"/api/nominations/cohorts/{ln.cohort.pk}/nominations",
        {"nominee_id": otto.pk, "case": "Ready to lead.", "seniority": "manager"},
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert made.json()["status"] == "awaiting_endorsement"
    # Then Max does not list it until Bob endorses it
    listed = api(world.max).get(f"/api/nominations/cohorts/{ln.cohort.pk}/nominations")
    assert listed.json()["items"] == []
    assert post(world.max, f"/api/nominations/{pk}/endorse").status_code == 404
    endorsed = post(ln.bob, f"/api/nominations/{pk}/endorse")
    assert endorsed.json()["status"] == "submitted"
    # When Max selects it, Otto is enrolled
    decided = post(world.max, f"/api/nominations/{pk}/decide", {"decision": "select"})
    assert decided.status_code == 200, decided.content
    assert Enrolment.objects.filter(cohort=ln.cohort, person=otto).exists()


def test_it_names_the_field_of_a_refused_nomination(world: World) -> None:
    line(world)
    lena = world.person(world.lena)
    refused = post(
        world.otto,
        f"/api/nominations/cohorts/{world.leadership_cohort.pk}/nominations",
        {"nominee_id": lena.pk, "case": "x"},
    )
    # Otto does not see the running cohort: 404; Leo, who does, is told it is not recruiting
    assert refused.status_code == 404
    told = post(
        world.leo,
        f"/api/nominations/cohorts/{world.leadership_cohort.pk}/nominations",
        {"nominee_id": world.person(world.leo).pk, "case": "x"},
    )
    assert told.status_code == 422
    assert "cohort" in told.json()["errors"]


def test_it_needs_a_reason_to_decline_through_the_api(world: World) -> None:
    n = nia_nominated(world)
    refused = post(world.max, f"/api/nominations/{n.pk}/decide", {"decision": "decline"})
    assert refused.status_code == 422
    assert "reason" in refused.json()["errors"]


def test_it_withdraws_and_answers_the_balance(world: World) -> None:
    ln = line(world)
    n = otto_self_nominated(world)
    assert post(world.otto, f"/api/nominations/{n.pk}/withdraw").json()["status"] == "withdrawn"
    nia_nominated(world)
    balance = api(world.max).get(f"/api/nominations/cohorts/{ln.cohort.pk}/balance").json()
    assert balance["pool"] is None  # one person: fewer than 5
    keys = [d["key"] for d in balance["dimensions"]]
    assert keys == ["country", "division", "region", "seniority", "gender"]
    assert api(world.leo).get(f"/api/nominations/cohorts/{ln.cohort.pk}/balance").status_code == 404
    assert Nomination.objects.count() == 2
