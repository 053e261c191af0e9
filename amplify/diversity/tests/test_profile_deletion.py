"""Withdrawn consent deletes a diversity profile and every history row of it, whichever way
the profile is deleted: the service, the admin (one or a bulk action), a queryset, or a
cascade from deleting the person."""

import pytest
from django.contrib import admin
from django.test import Client

from amplify.conftest import World
from amplify.diversity.models import DiversityProfile
from amplify.diversity.services import diversity_profile_erase, diversity_profile_save
from amplify.people.models import Person
from amplify.people.tests.factories import PersonFactory
from amplify.tests.htmlforms import submit


def _profile(world: World, person: Person) -> DiversityProfile:
    profile = diversity_profile_save(
        person=person, changed_by=world.ina, consent_given=True, gender="woman"
    )
    # A second change, so the history holds more than the creation.
    profile = diversity_profile_save(
        person=person, changed_by=world.ina, consent_given=True, parental_occupation="professional"
    )
    assert DiversityProfile.history.filter(id=profile.pk).count() == 2
    return profile


def _nothing_left(pk: int) -> None:
    assert not DiversityProfile.objects.filter(pk=pk).exists()
    assert not DiversityProfile.history.filter(id=pk).exists()


@pytest.fixture
def impact_admin(world: World, as_user) -> Client:
    world.ina.is_staff = True
    world.ina.save()
    return as_user(world.ina)


def test_it_deletes_the_history_through_the_service(world: World) -> None:
    profile = _profile(world, world.person(world.bea))
    pk = profile.pk
    diversity_profile_erase(profile=profile, changed_by=world.ina)
    _nothing_left(pk)


def test_it_deletes_the_history_from_the_admin_delete_page(
    world: World, impact_admin: Client
) -> None:
    pk = _profile(world, world.person(world.bea)).pk
    url = f"/admin/diversity/diversityprofile/{pk}/delete/"
    response = submit(impact_admin, url, having="post")
    assert response.status_code == 302
    _nothing_left(pk)


def test_it_deletes_the_history_from_the_admin_bulk_action(
    world: World, impact_admin: Client
) -> None:
    pks = [_profile(world, world.person(w)).pk for w in (world.bea, world.dan)]
    response = impact_admin.post(
        "/admin/diversity/diversityprofile/",
        {"action": "delete_selected", "_selected_action": pks, "post": "yes"},
    )
    assert response.status_code == 302
    for pk in pks:
        _nothing_left(pk)


def test_it_deletes_the_history_on_a_queryset_delete(world: World) -> None:
    pks = [_profile(world, world.person(w)).pk for w in (world.bea, world.dan)]
    DiversityProfile.objects.filter(pk__in=pks).delete()
    for pk in pks:
        _nothing_left(pk)


def test_it_deletes_the_history_when_the_person_is_deleted(world: World) -> None:
    person = PersonFactory()
    pk = _profile(world, person).pk
    person.delete()
    _nothing_left(pk)


def test_it_deletes_the_history_when_people_are_deleted_in_bulk(world: World) -> None:
    people = [PersonFactory(), PersonFactory()]
    pks = [_profile(world, p).pk for p in people]
    Person.objects.filter(pk__in=[p.pk for p in people]).delete()
    for pk in pks:
        _nothing_left(pk)


def test_it_keeps_other_profiles_and_their_history(world: World) -> None:
    kept = _profile(world, world.person(world.dan))
    DiversityProfile.objects.filter(pk=_profile(world, world.person(world.bea)).pk).delete()
    assert DiversityProfile.history.filter(id=kept.pk).count() == 2


def test_it_keeps_the_history_model_out_of_the_admin(world: World, as_user) -> None:
    pk = _profile(world, world.person(world.bea)).pk
    assert DiversityProfile.history.model not in admin.site._registry
    client = as_user(world.ada)  # administrator (superuser) without the impact-admin role
    history = DiversityProfile.history.filter(id=pk).first()
    assert history is not None
    assert client.get(f"/admin/diversity/diversityprofile/{pk}/history/").status_code == 403
    url = f"/admin/diversity/diversityprofile/{pk}/history/{history.history_id}/"
    assert client.get(url).status_code == 403
    assert client.get("/admin/diversity/historicaldiversityprofile/").status_code == 404
