"""A person asks for erasure (re-typing her email); an administrator or impact admin carries
it out — through the pages, the API or the admin — never on her own record."""

from __future__ import annotations

import pytest

from amplify.conftest import World
from amplify.people.models import Person
from amplify.privacy.identifiers import ERASED_NAME
from amplify.privacy.models import Erasure


def test_she_asks_and_an_impact_admin_carries_it_out(world: World, as_user) -> None:
    bea = world.person(world.bea)
    client = as_user(world.bea)
    assert b"Ask for my data to be erased" in client.get("/privacy/").content

    # Given a wrong email, nothing is recorded and she is told why.
    wrong = client.post("/privacy/", {"email": "someone@example.com", "understood": "on"})
    assert wrong.status_code == 200
    assert b"Type the email address of your profile exactly" in wrong.content
    assert not Erasure.objects.exists()

    # Given her own email (in any case), the request waits for staff.
    asked = client.post("/privacy/", {"email": " BEA@example.com ", "understood": "on"})
    assert asked.status_code == 302
    request = Erasure.objects.get()
    assert request.status == Erasure.Status.REQUESTED
    assert request.requested_by_person
    again = client.post("/privacy/", {"email": "bea@example.com", "understood": "on"})
    assert again.status_code == 302
    assert Erasure.objects.count() == 1

    staff = as_user(world.ina)
    listing = staff.get("/privacy/requests/")
    assert request.short_reference.encode() in listing.content
    refused = staff.post(f"/privacy/people/{bea.pk}/erase/", {"confirm": "erase"})
    assert refused.status_code == 422
    assert Person.objects.get(pk=bea.pk).name == "Bea Young"
    done = staff.post(f"/privacy/people/{bea.pk}/erase/", {"confirm": "ERASE"})
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == Erasure.Status.DONE
    assert request.erased_by == world.ina
    assert Person.objects.get(pk=bea.pk).name == ERASED_NAME
    assert b"Bea Young" not in staff.get("/privacy/requests/").content


def test_she_can_withdraw_before_staff_act(world: World, as_user) -> None:
    client = as_user(world.bea)
    client.post("/privacy/", {"email": "bea@example.com", "understood": "on"})
    assert client.post("/privacy/withdraw/").status_code == 302
    assert not Erasure.objects.exists()


def test_the_api_erases_on_request(world: World, as_user) -> None:
    bea = world.person(world.bea)
    first = as_user(world.ada).post(f"/api/people/{bea.pk}/erase")
    assert first.status_code == 200
    assert first.json()["status"] == "done"
    second = as_user(world.ina).post(f"/api/people/{bea.pk}/erase")
    assert second.status_code == 200
    assert second.json()["reference"] == first.json()["reference"]


def test_the_admin_action_erases_the_selected_people(world: World, as_user) -> None:
    bea, dan = world.person(world.bea), world.person(world.dan)
    response = as_user(world.ada).post(
        "/admin/people/person/",
        {"action": "erase", "_selected_action": [bea.pk, dan.pk]},
    )
    assert response.status_code == 302
    assert set(Person.objects.filter(pk__in=[bea.pk, dan.pk]).values_list("name", flat=True)) == {
        ERASED_NAME
    }
    assert Erasure.objects.done().count() == 2
    log = as_user(world.ada).get("/admin/privacy/erasure/")
    assert log.status_code == 200


def test_the_admin_action_refuses_her_own_record(world: World, as_user) -> None:
    ada = world.person(world.ada)
    as_user(world.ada).post(
        "/admin/people/person/", {"action": "erase", "_selected_action": [ada.pk]}
    )
    assert Person.objects.get(pk=ada.pk).name == "Ada Staff"
    assert not Erasure.objects.exists()


@pytest.mark.parametrize("who", ["ina", "ada"])
def test_nobody_erases_her_own_record(world: World, as_user, who: str) -> None:
    user = getattr(world, who)
    me = world.person(user)
    client = as_user(user)
    assert client.post(f"/privacy/people/{me.pk}/erase/", {"confirm": "ERASE"}).status_code == 403
    assert client.post(f"/api/people/{me.pk}/erase").status_code == 403
    assert b"You cannot erase your own record" in client.get(f"/privacy/people/{me.pk}/").content
    assert Person.objects.get(pk=me.pk).name == me.name


def test_she_asks_through_the_api(world: World, as_user) -> None:
    client = as_user(world.bea)
    wrong = client.post(
        "/api/me/erasure-request", {"email": "nope@example.com"}, content_type="application/json"
    )
    assert wrong.status_code == 422
    assert "email" in wrong.json()["errors"]
    asked = client.post(
        "/api/me/erasure-request", {"email": "bea@example.com"}, content_type="application/json"
    )
    assert asked.status_code == 201
    assert asked.json()["status"] == "requested"
    assert Erasure.objects.pending().get().reference.hex == asked.json()["reference"]
