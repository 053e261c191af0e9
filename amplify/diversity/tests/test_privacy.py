"""Identifiable diversity data: impact admins only — not administrators, not the API's other
readers, not the person pages."""

import pytest
from django.utils import timezone

from amplify.conftest import World
from amplify.diversity.models import DiversityProfile
from amplify.diversity.services import diversity_profile_save


@pytest.fixture
def bea_profile(world: World) -> DiversityProfile:
    return diversity_profile_save(
        person=world.person(world.bea),
        changed_by=world.ina,
        consent_given=True,
        gender="woman",
        parental_occupation="working_class",
        free_school_meals="yes",
    )


def test_it_shows_the_profile_to_the_impact_admin(world: World, bea_profile, as_user) -> None:
    client = as_user(world.ina)
    page = client.get(f"/diversity/people/{bea_profile.person_id}/")
    assert page.status_code == 200
    assert b"Technical, craft, routine" in page.content
    api = client.get(f"/api/diversity/profiles/{bea_profile.person_id}")
    assert api.json()["parental_occupation"] == "working_class"


@pytest.mark.parametrize("who", ["ada", "harriet", "alice", "bea", "pat"])
def test_it_hides_the_profile_from_everyone_else(
    world: World, bea_profile, as_user, who: str
) -> None:
    client = as_user(getattr(world, who))
    assert client.get("/diversity/").status_code == 403
    assert client.get(f"/diversity/people/{bea_profile.person_id}/").status_code == 403
    assert client.get(f"/api/diversity/profiles/{bea_profile.person_id}").status_code == 403
    assert DiversityProfile.objects.for_user(getattr(world, who)).count() == 0


def test_it_keeps_diversity_fields_out_of_person_pages_and_api(
    world: World, bea_profile, as_user
) -> None:
    client = as_user(world.harriet)
    person = client.get(f"/api/people/{bea_profile.person_id}").json()
    assert not {"gender", "parental_occupation", "free_school_meals"} & set(person)
    page = client.get(f"/people/{bea_profile.person_id}/")
    assert b"working" not in page.content.lower().replace(b"networking", b"")


def test_it_hides_the_admin_from_an_administrator_without_the_role(
    world: World, bea_profile, as_user
) -> None:
    client = as_user(world.ada)
    assert client.get("/admin/diversity/diversityprofile/").status_code == 403
    assert b"Diversity profiles" not in client.get("/admin/").content


def test_it_holds_nothing_without_consent(world: World) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="consent"):
        diversity_profile_save(
            person=world.person(world.dan), changed_by=world.ina, consent_given=False, gender="man"
        )
    assert not DiversityProfile.objects.exists()


def test_it_erases_the_profile_and_its_history(world: World, bea_profile, as_user) -> None:
    client = as_user(world.ina)
    response = client.post(f"/diversity/people/{bea_profile.person_id}/erase/")
    assert response.status_code == 302
    assert not DiversityProfile.objects.exists()
    assert not DiversityProfile.history.exists()
    assert timezone.now()
