"""The manager of her cohort confirms an outcome or rejects it with a reason; the mentee
cannot confirm her own; another mentee never sees it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from amplify.conftest import World
from amplify.outcomes.models import Verification
from amplify.outcomes.services import outcome_verify
from amplify.outcomes.tests.factories import bea_outcome


def test_the_manager_confirms_it_with_who_and_when(world: World, as_user) -> None:
    outcome = bea_outcome(world)
    client = as_user(world.harriet)
    assert client.get(outcome.get_absolute_url()).status_code == 200
    response = client.post(reverse("outcomes:verify", args=[outcome.pk]), {"decision": "confirm"})
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.verification == Verification.CONFIRMED
    assert outcome.verified_by == world.harriet
    assert outcome.verified_at is not None


def test_rejecting_needs_a_reason(world: World, as_user) -> None:
    outcome = bea_outcome(world)
    url = reverse("outcomes:verify", args=[outcome.pk])
    response = as_user(world.harriet).post(url, {"decision": "reject", "reason": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == ["Say why the outcome is rejected."]
    response = as_user(world.harriet).post(
        url, {"decision": "reject", "reason": "The offer was withdrawn before she started."}
    )
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert outcome.verification == Verification.REJECTED
    assert outcome.rejection_reason.startswith("The offer")
    # Bea sees the reason on her outcome's page.
    page = as_user(world.bea).get(outcome.get_absolute_url())
    assert b"The offer was withdrawn" in page.content


def test_confirming_twice_changes_nothing_and_a_decided_one_stays(world: World) -> None:
    outcome = bea_outcome(world)
    first = outcome_verify(outcome=outcome, by=world.harriet, confirm=True)
    again = outcome_verify(outcome=outcome, by=world.harriet, confirm=True)
    assert first.verified_at == again.verified_at
    with pytest.raises(ValidationError) as caught:
        outcome_verify(outcome=outcome, by=world.harriet, confirm=False, reason="No")
    assert "already confirmed" in caught.value.message_dict["verification"][0]


def test_the_mentee_cannot_confirm_her_own(world: World, as_user) -> None:
    outcome = bea_outcome(world)
    url = reverse("outcomes:verify", args=[outcome.pk])
    assert as_user(world.bea).post(url, {"decision": "confirm"}).status_code == 403
    outcome.refresh_from_db()
    assert outcome.verification == Verification.SELF_REPORTED


def test_her_mentor_and_another_mentee_do_not_see_it(world: World, as_user) -> None:
    outcome = bea_outcome(world)
    for who in (world.dan, world.alice, world.carl, world.otto, world.pat):
        assert as_user(who).get(outcome.get_absolute_url()).status_code == 404, who
        url = reverse("outcomes:verify", args=[outcome.pk])
        assert as_user(who).post(url, {"decision": "confirm"}).status_code == 404, who


def test_the_impact_admin_sees_it_but_does_not_confirm(world: World, as_user) -> None:
    outcome = bea_outcome(world)
    assert as_user(world.ina).get(outcome.get_absolute_url()).status_code == 200
    url = reverse("outcomes:verify", args=[outcome.pk])
    assert as_user(world.ina).post(url, {"decision": "confirm"}).status_code == 403


def test_the_control_characters_of_a_reason_are_refused(world: World, as_user) -> None:
    outcome = bea_outcome(world)
    url = reverse("outcomes:verify", args=[outcome.pk])
    response = as_user(world.harriet).post(url, {"decision": "reject", "reason": "no\x00"})
    assert response.status_code == 400
    outcome.refresh_from_db()
    assert outcome.verification == Verification.SELF_REPORTED
