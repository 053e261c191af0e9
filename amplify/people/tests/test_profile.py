from django.urls import reverse

from amplify.conftest import World
from amplify.home.concurrency import version_of
from amplify.people.models import Person
from amplify.people.services import EDITABLE_BY_OWNER


def test_it_lets_a_person_tell_who_they_are(world: World, as_user) -> None:
    alice = world.person(world.alice)
    response = as_user(world.alice).post(
        reverse("people:edit", args=[alice.pk]),
        {
            "version": version_of(alice, EDITABLE_BY_OWNER),
            "preferred_name": "Ali",
            "pronouns": "she/her",
            "bio": "I champion new artists.",
            "languages": ["en", "it"],
            "time_zone": "Europe/Rome",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.display_name, alice.languages, alice.time_zone) == (
        "Ali",
        ["en", "it"],
        "Europe/Rome",
    )
    history = as_user(world.alice).get(reverse("people:history", args=[alice.pk]))
    assert b"Preferred name" in history.content
    assert b"alice@sony.example" in history.content


def test_it_refuses_an_unknown_time_zone_on_the_form(world: World, as_user) -> None:
    alice = world.person(world.alice)
    response = as_user(world.alice).post(
        reverse("people:edit", args=[alice.pk]),
        {"time_zone": "Mars/Olympus", "version": version_of(alice, EDITABLE_BY_OWNER)},
    )
    assert response.status_code == 200
    assert b"Mars/Olympus" in response.content
    assert Person.objects.get(pk=alice.pk).time_zone == "Europe/London"


def test_it_lets_a_person_edit_their_profile_through_the_api(world: World, as_user) -> None:
    bea = world.person(world.bea)
    client = as_user(world.bea)
    etag = client.get(f"/api/people/{bea.pk}")["ETag"]
    response = client.patch(
        f"/api/people/{bea.pk}",
        {"pronouns": "she/her", "languages": ["xx"]},
        content_type="application/json",
        headers={"If-Match": etag},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"languages": ["Unknown language code(s): xx."]}
    response = client.patch(
        f"/api/people/{bea.pk}",
        {"pronouns": "she/her"},
        content_type="application/json",
        headers={"If-Match": etag},
    )
    assert response.status_code == 200
    assert response.json()["pronouns"] == "she/her"
    alice = world.person(world.alice)
    refused = client.patch(
        f"/api/people/{alice.pk}",
        {"pronouns": "x"},
        content_type="application/json",
        headers={"If-Match": "*"},
    )
    assert refused.status_code == 403


def test_it_adds_an_external_person(world: World, as_user) -> None:
    client = as_user(world.harriet)
    response = client.post(
        reverse("people:add"),
        {
            "name": "Kai Young",
            "email": "KAI@example.com",
            "country": "GB",
            "referred_by": world.partner.pk,
        },
    )
    kai = Person.objects.get(email="kai@example.com")
    assert response["Location"] == kai.get_absolute_url()
    assert kai.employee_id is None
    again = client.post(reverse("people:add"), {"name": "Kai", "email": "kai@example.com"})
    assert b"already in Amplify" in again.content
