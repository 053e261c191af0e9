"""The shared mechanism: version tokens, If-Match, and unique violations named by field."""

from __future__ import annotations

import zoneinfo
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import Client, RequestFactory

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.events.services import FIELDS as EVENT_FIELDS
from amplify.home.concurrency import (
    ABSENT,
    EditConflict,
    PreconditionRequired,
    check_version,
    if_match,
    unique_fields,
    version_of,
    violated_columns,
)
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Cohort
from amplify.programmes.services import COHORT_FIELDS, PROGRAMME_FIELDS


def test_it_gives_equal_values_one_version_and_any_change_another(world: World) -> None:
    cohort = Cohort.objects.get(pk=world.cohort.pk)
    before = version_of(cohort, COHORT_FIELDS)
    assert version_of(Cohort.objects.get(pk=cohort.pk), COHORT_FIELDS) == before
    cohort.status = Cohort.Status.CLOSED  # not edited by the form: not in its version
    assert version_of(cohort, COHORT_FIELDS) == before
    cohort.description = "New"
    assert version_of(cohort, COHORT_FIELDS) != before
    assert version_of(None, COHORT_FIELDS) == ABSENT


def test_it_versions_many_to_many_fields_and_moments_in_any_zone(world: World) -> None:
    programme = world.programme
    before = version_of(programme, PROGRAMME_FIELDS)
    programme.managers.add(PersonFactory())
    assert version_of(programme, PROGRAMME_FIELDS) != before
    event = world.event
    utc = version_of(event, EVENT_FIELDS)
    event.starts_at = event.starts_at.astimezone(zoneinfo.ZoneInfo("Asia/Tokyo"))
    assert version_of(event, EVENT_FIELDS) == utc


def test_it_reveals_no_value_in_a_version(world: World) -> None:
    cohort = world.cohort
    token = version_of(cohort, COHORT_FIELDS)
    assert cohort.name not in token
    # A keyed hash: the same values under another key give another token.
    with mock.patch("django.conf.settings.SECRET_KEY", "another-key-" * 5):
        assert version_of(cohort, COHORT_FIELDS) != token


def test_it_names_the_fields_someone_else_changed(world: World) -> None:
    seen = version_of(world.cohort, COHORT_FIELDS)
    Cohort.objects.filter(pk=world.cohort.pk).update(name="Renamed")
    with pytest.raises(EditConflict) as raised:
        check_version(Cohort.objects.get(pk=world.cohort.pk), fields=COHORT_FIELDS, expected=seen)
    assert raised.value.changed == {"name": "Renamed"}
    assert raised.value.current == version_of(Cohort.objects.get(pk=world.cohort.pk), COHORT_FIELDS)
    check_version(world.cohort, fields=COHORT_FIELDS, expected="*")  # whatever is there
    check_version(world.cohort, fields=COHORT_FIELDS, expected=None)  # an internal caller


@pytest.mark.parametrize(
    ("header", "token"),
    [('"abc.def"', "abc.def"), ('W/"abc.def"', "abc.def"), ("abc.def", "abc.def"), ("*", "*")],
)
def test_it_reads_if_match(header: str, token: str) -> None:
    assert if_match(RequestFactory().get("/", headers={"If-Match": header})) == token


def test_it_requires_if_match_unless_told_not_to() -> None:
    with pytest.raises(PreconditionRequired):
        if_match(RequestFactory().get("/"))
    assert if_match(RequestFactory().get("/"), required=False) is None


def test_it_names_the_field_of_a_unique_violation(world: World) -> None:
    taken = world.person(world.alice).email
    with pytest.raises(ValidationError) as raised, unique_fields({"email": "Taken."}):
        PersonFactory(email=taken)
    assert raised.value.message_dict == {"email": ["Taken."]}
    # An integrity error it was not told about goes on as it is.
    with pytest.raises(IntegrityError) as other, unique_fields({"name": "Taken."}):
        PersonFactory(email=taken)
    assert violated_columns(other.value) == {"email"}


def test_it_answers_an_unexpected_integrity_error_with_a_409(world: World) -> None:
    token = api_token_create(user=world.harriet, name="t")[1]
    client = Client(headers={"Authorization": f"Bearer {token}"})
    with mock.patch(
        "amplify.programmes.services.pairing_create", side_effect=IntegrityError("boom")
    ):
        response = client.post(
            f"/api/cohorts/{world.cohort.pk}/pairings",
            {
                "kind": "mentoring",
                "mentor_id": world.person(world.alice).pk,
                "mentee_id": world.person(world.dan).pk,
                "started_on": "2027-01-11",
            },
            content_type="application/json",
        )
    assert response.status_code == 409
    assert "saved at the same moment" in response.json()["detail"]
