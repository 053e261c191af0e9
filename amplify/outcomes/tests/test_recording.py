"""A mentee records her own outcome; whether it happened during the programme is computed."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from amplify.conftest import World
from amplify.outcomes.models import Outcome, Verification
from amplify.outcomes.services import outcome_record
from amplify.outcomes.tests.factories import a_moment_in, bea_outcome, during


def test_it_records_a_self_reported_outcome_during_the_programme(world: World) -> None:
    outcome = bea_outcome(world)
    assert outcome.verification == Verification.SELF_REPORTED
    assert outcome.during_programme is True
    assert outcome.recorded_by == world.bea
    assert outcome.verified_by is None


def test_it_computes_after_the_programme_from_the_cohort_dates(world: World) -> None:
    after = world.cohort.ends_on + timedelta(days=1)
    outcome = bea_outcome(world, happened_on=after, now=a_moment_in(world) + timedelta(days=5))
    assert outcome.during_programme is False


def test_it_counts_the_first_and_last_days_as_during(world: World) -> None:
    assert bea_outcome(world, happened_on=world.cohort.starts_on).during_programme is True
    assert bea_outcome(world, happened_on=world.cohort.ends_on).during_programme is True


def test_it_leaves_during_empty_without_a_cohort(world: World) -> None:
    assert bea_outcome(world, cohort=None).during_programme is None


def test_a_manager_records_one_for_her_mentee_confirmed_at_once(world: World) -> None:
    outcome = bea_outcome(world, recorded_by=world.harriet)
    assert outcome.verification == Verification.CONFIRMED
    assert outcome.verified_by == world.harriet


def test_another_mentee_cannot_record_one_for_bea(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        bea_outcome(world, recorded_by=world.dan)
    assert "cohort" in caught.value.message_dict


def test_it_refuses_a_cohort_she_did_not_take_part_in(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        bea_outcome(world, cohort=world.leadership_cohort)
    assert "did not take part" in caught.value.message_dict["cohort"][0]


def test_it_refuses_a_date_in_the_future(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        bea_outcome(world, happened_on=world.cohort.ends_on + timedelta(days=3))
    assert "future" in caught.value.message_dict["happened_on"][0]


def test_the_same_request_key_records_one_outcome(world: World) -> None:
    key = uuid.uuid4()
    one = bea_outcome(world, request_key=key)
    two = bea_outcome(world, request_key=key)
    assert one.pk == two.pk
    assert Outcome.objects.count() == 1


def test_the_page_records_it_once_when_sent_twice(world: World, as_user) -> None:
    client = as_user(world.bea)
    page = client.get(reverse("outcomes:add"))
    assert page.status_code == 200
    key = page.context["form"].initial["request_key"]
    body = {
        "request_key": str(key),
        "kind": "internship",
        "happened_on": during(world).isoformat(),
        "cohort": world.cohort.pk,
        "organisation": "Columbia Records",
    }
    first = client.post(reverse("outcomes:add"), body)
    second = client.post(reverse("outcomes:add"), body)
    assert first.status_code == second.status_code == 302
    assert Outcome.objects.filter(person__user=world.bea).count() == 1
    assert client.get(reverse("outcomes:mine")).status_code == 200


def test_the_page_refuses_control_characters_with_a_message(world: World, as_user) -> None:
    body = {
        "kind": "job",
        "happened_on": during(world).isoformat(),
        "cohort": world.cohort.pk,
        "organisation": "Sony\x00Music",
        "description": "ok\x07",
    }
    response = as_user(world.bea).post(reverse("outcomes:add"), body)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "Null characters" in errors["organisation"][0]
    assert "control character" in errors["description"][0]
    assert not Outcome.objects.exists()


def test_outcome_pages_are_for_mentees_and_participants(world: World, as_user) -> None:
    assert as_user(world.otto).get(reverse("outcomes:add")).status_code == 403
    assert as_user(world.alice).get(reverse("outcomes:mine")).status_code == 403
    assert as_user(world.dan).get(reverse("outcomes:mine")).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(world: World, client) -> None:
    outcome = bea_outcome(world)
    for url in (reverse("outcomes:add"), outcome.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_it_refuses_an_unknown_kind(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        outcome_record(
            person=world.person(world.bea),
            recorded_by=world.bea,
            kind="lottery",
            happened_on=during(world),
            cohort=world.cohort,
            now=a_moment_in(world),
        )
    assert "kind" in caught.value.message_dict
