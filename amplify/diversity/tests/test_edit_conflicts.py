"""Two impact admins saving one diversity profile: the second never silently reverts the
first, on the page or in the API."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.diversity.models import DiversityProfile
from amplify.diversity.services import diversity_profile_save
from amplify.tests.pages import form_data


def test_it_shows_the_loser_of_two_profile_edits_what_changed(world: World, as_user) -> None:
    bea = world.person(world.bea)
    diversity_profile_save(person=bea, changed_by=world.ina, consent_given=True, gender="woman")
    client = as_user(world.ina)
    url = reverse("diversity:person", args=[bea.pk])
    seen = form_data(client.get(url))
    diversity_profile_save(
        person=bea, changed_by=world.ina, consent_given=True, gender="woman", ethnicity="Mixed"
    )
    response = client.post(url, {**seen, "school_type": "state_non_selective"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved a change since you opened this (ethnicity)" in page
    assert "Now “Mixed” (changed by someone else)." in page
    assert DiversityProfile.objects.get(person=bea).school_type == ""


def test_it_refuses_to_create_a_profile_someone_else_just_created(world: World, as_user) -> None:
    bea = world.person(world.bea)
    client = as_user(world.ina)
    url = reverse("diversity:person", args=[bea.pk])
    seen = form_data(client.get(url))
    diversity_profile_save(person=bea, changed_by=world.ina, consent_given=True, gender="woman")
    response = client.post(url, {**seen, "consent_given": "on", "gender": "declined"})
    assert response.status_code == 200
    assert "Someone else saved a change" in response.content.decode()
    assert DiversityProfile.objects.get(person=bea).gender == "woman"


def test_it_guards_profile_puts_in_the_api(world: World) -> None:
    token = api_token_create(user=world.ina, name="t")[1]
    client = Client(headers={"Authorization": f"Bearer {token}"})
    bea = world.person(world.bea)
    url = f"/api/diversity/profiles/{bea.pk}"
    body = {"consent_given": True, "gender": "woman"}
    # Creating needs no If-Match; changing then does.
    created = client.put(url, body, content_type="application/json")
    assert created.status_code == 200
    etag = created["ETag"]
    assert client.get(url)["ETag"] == etag
    assert client.put(url, body, content_type="application/json").status_code == 428
    first = client.put(
        url, {**body, "lgbtq": "yes"}, content_type="application/json", headers={"If-Match": etag}
    )
    assert first.status_code == 200
    second = client.put(
        url,
        {**body, "disability": "no"},
        content_type="application/json",
        headers={"If-Match": etag},
    )
    assert second.status_code == 409
    assert second.json()["errors"] == {"lgbtq": ["Now “Yes” (changed by someone else)."]}
    assert DiversityProfile.objects.get(person=bea).disability == ""
