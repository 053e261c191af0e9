"""One limit for "about me", defined on the model: the form, the API and the service agree."""

import pytest
from django.core.exceptions import ValidationError

from amplify.conftest import World
from amplify.people.models import BIO_MAX_LENGTH, Person
from amplify.people.services import person_update


def test_it_defines_the_limit_once_on_the_model() -> None:
    field = Person._meta.get_field("bio")
    assert field.max_length == BIO_MAX_LENGTH == 10_000


def test_it_refuses_a_long_bio_in_the_web_form(world: World, as_user) -> None:
    me = world.person(world.alice)
    client = as_user(world.alice)
    response = client.post(f"/people/{me.pk}/edit/", {"bio": "x" * (BIO_MAX_LENGTH + 1)})
    assert response.status_code == 200
    assert b"at most 10000 characters" in response.content
    me.refresh_from_db()
    assert me.bio != "x" * (BIO_MAX_LENGTH + 1)
    # Five megabytes are refused just the same (the form took them before).
    client.post(f"/people/{me.pk}/edit/", {"bio": "x" * 5_000_000})
    me.refresh_from_db()
    assert len(me.bio) <= BIO_MAX_LENGTH


def test_it_refuses_a_long_bio_through_the_api(world: World, as_user) -> None:
    me = world.person(world.alice)
    response = as_user(world.alice).patch(
        f"/api/people/{me.pk}",
        {"bio": "x" * (BIO_MAX_LENGTH + 1)},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_it_refuses_a_long_bio_in_the_service(world: World) -> None:
    me = world.person(world.alice)
    with pytest.raises(ValidationError) as error:
        person_update(person=me, changed_by=world.alice, bio="x" * (BIO_MAX_LENGTH + 1))
    assert "bio" in error.value.message_dict
    person_update(person=me, changed_by=world.alice, bio="x" * BIO_MAX_LENGTH)
