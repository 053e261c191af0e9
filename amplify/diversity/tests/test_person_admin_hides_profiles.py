"""The person admin lets no one but an impact admin infer who has a diversity profile: no
lookup through it, and its delete pages (one person, or the bulk action) do not name it."""

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory

from amplify.conftest import World
from amplify.diversity.models import DiversityProfile
from amplify.diversity.services import diversity_profile_save
from amplify.people.models import Person
from amplify.people.tests.factories import PersonFactory
from amplify.tests.htmlforms import submit


@pytest.fixture
def with_profile(world: World) -> Person:
    person = PersonFactory(name="Priya Profiled")
    diversity_profile_save(person=person, changed_by=world.ina, consent_given=True, gender="woman")
    return person


@pytest.fixture
def ada(world: World, as_user) -> Client:
    return as_user(world.ada)  # administrator: the whole admin, except diversity data


@pytest.mark.parametrize(
    "query",
    [
        "diversity_profile__isnull=False",
        "diversity_profile__isnull=True",
        "diversity_profile__id__gte=1",
        "diversity_profile=1",
    ],
)
def test_it_refuses_a_lookup_through_the_diversity_profile(
    world: World, with_profile: Person, ada: Client, query: str
) -> None:
    response = ada.get(f"/admin/people/person/?{query}")
    assert response.status_code == 400


def test_it_lets_an_impact_admin_use_the_lookup(world: World, with_profile: Person) -> None:
    model_admin = admin.site.get_model_admin(Person)
    request = RequestFactory().get("/admin/people/person/")
    request.user = world.ina
    assert model_admin.lookup_allowed("diversity_profile__isnull", "False", request)
    request.user = world.ada
    assert not model_admin.lookup_allowed("diversity_profile__isnull", "False", request)


def test_it_does_not_name_the_profile_on_the_delete_page(
    world: World, with_profile: Person, ada: Client
) -> None:
    page = ada.get(f"/admin/people/person/{with_profile.pk}/delete/")
    assert page.status_code == 200
    assert b"iversity" not in page.content
    assert page.context["perms_lacking"] == set()
    assert dict(page.context["model_count"]) == {"persons": 1}


def test_it_deletes_the_person_and_profile_without_naming_it(
    world: World, with_profile: Person, ada: Client
) -> None:
    response = submit(ada, f"/admin/people/person/{with_profile.pk}/delete/", having="post")
    assert response.status_code == 302
    assert not Person.objects.filter(pk=with_profile.pk).exists()
    assert not DiversityProfile.objects.exists()
    assert not DiversityProfile.history.exists()


def test_it_does_not_name_the_profile_on_the_bulk_delete_page(
    world: World, with_profile: Person, ada: Client
) -> None:
    other = PersonFactory(name="Quentin Plain")
    page = ada.post(
        "/admin/people/person/",
        {"action": "delete_selected", "_selected_action": [with_profile.pk, other.pk]},
    )
    assert page.status_code == 200
    assert b"Quentin Plain" in page.content
    assert b"iversity" not in page.content


def test_it_still_names_the_profile_to_an_impact_admin(world: World, with_profile: Person) -> None:
    model_admin = admin.site.get_model_admin(Person)
    request = RequestFactory().get("/")
    request.user = world.ina
    _, counts, _, _ = model_admin.get_deleted_objects([with_profile], request)
    assert "diversity profiles" in counts


def test_it_shows_no_trace_of_the_profile_on_the_person_pages(
    world: World, with_profile: Person, ada: Client
) -> None:
    for url in (
        f"/admin/people/person/{with_profile.pk}/change/",
        f"/admin/people/person/{with_profile.pk}/history/",
        "/admin/people/person/",
        "/admin/",
    ):
        page = ada.get(url)
        assert page.status_code == 200, url
        assert b"iversity" not in page.content, url


def test_it_has_no_admin_inline_of_diversity_data_outside_the_diversity_admin() -> None:
    inlines = [
        (model._meta.label, inline.model._meta.label)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label != "diversity"
        for inline in model_admin.inlines
        if inline.model._meta.app_label == "diversity"
    ]
    assert inlines == []
