"""Two people saving one profile at once (two tabs, or a person and an administrator): the
second never silently reverts the first."""

from __future__ import annotations

from django.urls import reverse

from amplify.conftest import World
from amplify.people.models import Person
from amplify.people.services import person_update
from amplify.tests.pages import form_data


def test_it_shows_the_loser_of_two_profile_edits_what_changed(world: World, as_user) -> None:
    alice = world.person(world.alice)
    client = as_user(world.alice)
    url = reverse("people:edit", args=[alice.pk])
    seen = form_data(client.get(url))
    person_update(person=alice, changed_by=world.ada, pronouns="she/her")
    response = client.post(url, {**seen, "bio": "I champion new artists."})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved a change since you opened this (pronouns)" in page
    assert "Now “she/her” (changed by someone else)." in page
    assert Person.objects.get(pk=alice.pk).bio == ""
    assert client.post(url, form_data(response)).status_code == 302
    alice.refresh_from_db()
    assert alice.bio == "I champion new artists."


def test_it_guards_profile_updates_in_the_api(world: World, as_user) -> None:
    bea = world.person(world.bea)
    client = as_user(world.bea)
    url = f"/api/people/{bea.pk}"
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"bio": "x"}, content_type="application/json").status_code == 428
    person_update(person=bea, changed_by=world.bea, pronouns="she/her")
    stale = client.patch(
        url, {"bio": "Mine"}, content_type="application/json", headers={"If-Match": etag}
    )
    assert stale.status_code == 409
    assert stale.json()["errors"] == {"pronouns": ["Now “she/her” (changed by someone else)."]}
    fresh = client.patch(
        url, {"bio": "Mine"}, content_type="application/json", headers={"If-Match": stale["ETag"]}
    )
    assert fresh.status_code == 200
    assert (fresh.json()["bio"], fresh.json()["pronouns"]) == ("Mine", "she/her")
