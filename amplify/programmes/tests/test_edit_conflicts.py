"""Two managers editing the same cohort or programme: the second save never silently reverts
the first. The page shows the loser what changed; the API answers 409 (428 without If-Match)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.people.tests.factories import PersonFactory, UserFactory
from amplify.programmes.lifecycle import cohort_set_status
from amplify.programmes.models import Cohort, Programme
from amplify.programmes.services import cohort_update, programme_update
from amplify.tests.pages import form_data


def test_it_shows_the_loser_of_two_cohort_edits_what_changed(world: World, as_user) -> None:
    # Given Harriet opens the cohort's edit page
    client = as_user(world.harriet)
    url = reverse("programmes:cohort-edit", args=[world.cohort.pk])
    page = client.get(url)
    assert f'name="version" value="{page.context["form"].initial["version"]}"' in page.text
    seen = form_data(page)
    # And another manager renames the cohort meanwhile
    cohort_update(
        cohort=world.cohort,
        changed_by=world.ada,
        name="Cohort 7: Spring",
        starts_on=world.cohort.starts_on,
        ends_on=world.cohort.ends_on,
        description=world.cohort.description,
    )
    # When Harriet saves her new description
    response = client.post(url, {**seen, "description": "Six months of mentoring."})
    # Then nothing is saved, and she sees which field changed and its value now
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved a change since you opened this (name)" in page
    assert "Now “Cohort 7: Spring” (changed by someone else)." in page
    cohort = Cohort.objects.get(pk=world.cohort.pk)
    assert (cohort.name, cohort.description) == ("Cohort 7: Spring", "")
    # And saving again replaces it on purpose, with what she has now seen
    again = client.post(url, form_data(response))
    assert again.status_code == 302
    cohort.refresh_from_db()
    assert cohort.description == "Six months of mentoring."


def test_it_keeps_a_status_change_made_while_the_cohort_was_edited(world: World, as_user) -> None:
    client = as_user(world.harriet)
    url = reverse("programmes:cohort-edit", args=[world.cohort.pk])
    seen = form_data(client.get(url))
    cohort_set_status(cohort=world.cohort, status=Cohort.Status.CLOSED, changed_by=world.ada)
    response = client.post(url, {**seen, "description": "Closing notes."})
    assert response.status_code == 302
    cohort = Cohort.objects.get(pk=world.cohort.pk)
    assert (cohort.status, cohort.description) == (Cohort.Status.CLOSED, "Closing notes.")


def test_it_refuses_a_page_without_its_version(world: World, as_user) -> None:
    client = as_user(world.harriet)
    url = reverse("programmes:cohort-edit", args=[world.cohort.pk])
    seen = form_data(client.get(url))
    del seen["version"]
    response = client.post(url, seen)
    assert response.status_code == 200
    assert "This page is out of date" in response.content.decode()


def test_it_shows_the_loser_of_two_programme_edits_what_changed(world: World, as_user) -> None:
    client = as_user(world.harriet)
    url = reverse("programmes:edit", args=[world.programme.slug])
    seen = form_data(client.get(url))
    newcomer = PersonFactory(name="Nia Staff", user=UserFactory(role="programme_manager"))
    programme_update(
        programme=world.programme,
        changed_by=world.ada,
        managers=[*world.programme.managers.all(), newcomer],
    )
    response = client.post(url, {**seen, "summary": "Mentoring for young people."})
    assert response.status_code == 200
    assert "Nia Staff" in response.content.decode()
    programme = Programme.objects.get(pk=world.programme.pk)
    assert programme.summary == ""
    assert newcomer in programme.managers.all()


@pytest.fixture
def api(world: World) -> Client:
    token = api_token_create(user=world.harriet, name="tests")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_it_guards_cohort_updates_in_the_api(world: World, api: Client) -> None:
    url = f"/api/cohorts/{world.cohort.pk}"
    read = api.get(url)
    etag = read["ETag"]
    missing = api.patch(url, {"name": "X"}, content_type="application/json")
    assert missing.status_code == 428
    assert "If-Match" in missing.json()["detail"]
    saved = api.patch(
        url, {"description": "Mine"}, content_type="application/json", headers={"If-Match": etag}
    )
    assert saved.status_code == 200
    assert saved["ETag"] != etag
    # The loser sent the ETag she read before that save
    stale = api.patch(
        url, {"name": "Theirs"}, content_type="application/json", headers={"If-Match": etag}
    )
    assert stale.status_code == 409
    assert stale.json()["errors"] == {"description": ["Now “Mine” (changed by someone else)."]}
    assert stale["ETag"] == saved["ETag"]
    assert Cohort.objects.get(pk=world.cohort.pk).name == read.json()["name"]
    fresh = api.patch(
        url,
        {"name": "Theirs"},
        content_type="application/json",
        headers={"If-Match": stale["ETag"]},
    )
    assert fresh.status_code == 200
    assert fresh.json()["description"] == "Mine"


def test_it_guards_programme_updates_in_the_api(world: World, api: Client) -> None:
    url = f"/api/programmes/{world.programme.slug}"
    etag = api.get(url)["ETag"]
    assert api.patch(url, {"summary": "A"}, content_type="application/json").status_code == 428
    first = api.patch(
        url, {"summary": "A"}, content_type="application/json", headers={"If-Match": etag}
    )
    assert first.status_code == 200
    second = api.patch(
        url, {"description": "B"}, content_type="application/json", headers={"If-Match": etag}
    )
    assert second.status_code == 409
    assert list(second.json()["errors"]) == ["summary"]
    assert Programme.objects.get(pk=world.programme.pk).description == ""
