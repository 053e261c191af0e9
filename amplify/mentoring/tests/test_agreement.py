"""Publishing a match starts the relationship; both people accept the agreement (once
each, with its version and date); the pair is active when both have."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from amplify.conftest import World
from amplify.mentoring.models import (
    AgreementAcceptance,
    AgreementState,
    AgreementVersion,
    Relationship,
)
from amplify.mentoring.services import (
    agreement_accept,
    agreement_publish,
    relationship_close,
    relationship_start,
)
from amplify.mentoring.tests.factories import pair_of


def test_it_asks_both_to_accept_the_programmes_current_agreement(world: World) -> None:
    relationship = relationship_start(pairing=pair_of(world))
    assert relationship.agreement.number == 1
    assert relationship.active_since is None
    assert relationship_start(pairing=pair_of(world)) == relationship  # once


def test_it_is_active_once_both_accepted_and_records_the_version_and_date(world: World) -> None:
    pairing = pair_of(world)
    first = agreement_accept(pairing=pairing, by=world.person(world.bea))
    states = Relationship.objects.agreement_states(cohort=world.cohort)
    assert states[pairing.pk] == AgreementState.AWAITING_MENTOR
    agreement_accept(pairing=pairing, by=world.person(world.alice))
    relationship = Relationship.objects.get(pairing=pairing)
    assert relationship.active_since is not None
    assert first.agreement.number == 1
    assert first.accepted_at is not None
    states = Relationship.objects.agreement_states(cohort=world.cohort)
    assert states[pairing.pk] == AgreementState.ACTIVE
    assert states[pair_of(world, "dan").pk] == AgreementState.AWAITING_BOTH


def test_accepting_twice_records_one_acceptance(world: World, as_user) -> None:
    pairing = pair_of(world)
    client = as_user(world.bea)
    url = reverse("mentoring:accept", args=[pairing.pk])
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert AgreementAcceptance.objects.count() == 1


def test_only_the_two_people_accept(world: World) -> None:
    with pytest.raises(ValidationError):
        agreement_accept(pairing=pair_of(world), by=world.person(world.carl))


def test_the_states_are_one_query_whatever_the_cohort_size(
    world: World, django_assert_num_queries
) -> None:
    pairing = pair_of(world)
    agreement_accept(pairing=pairing, by=world.person(world.alice))
    relationship_close(pairing=pair_of(world, "dan"), closed_by=world.harriet, reason="withdrew")
    with django_assert_num_queries(1):
        states = Relationship.objects.agreement_states(cohort=world.cohort)
    assert states == {
        pairing.pk: AgreementState.AWAITING_MENTEE,
        pair_of(world, "dan").pk: AgreementState.ENDED,
    }


def test_a_new_version_is_for_pairs_started_after_it(world: World) -> None:
    relationship = relationship_start(pairing=pair_of(world))
    version = agreement_publish(
        programme=world.programme, published_by=world.harriet, meetings="Weekly, 45 minutes."
    )
    assert version.number == 2
    assert (
        agreement_publish(  # the same text again: no new version
            programme=world.programme, published_by=world.harriet, meetings="Weekly, 45 minutes."
        )
        == version
    )
    relationship.refresh_from_db()
    assert relationship.agreement.number == 1
    later = relationship_start(pairing=pair_of(world, "dan"))
    assert later.agreement == version
    assert version.section_text("meetings") == "Weekly, 45 minutes."


def test_the_standard_wording_is_in_the_readers_language(world: World) -> None:
    version = relationship_start(pairing=pair_of(world)).agreement
    with translation.override("es"):
        spanish = version.section_text("confidentiality")
    assert spanish != version.section_text("confidentiality")
    assert AgreementVersion.objects.count() == 1


def test_the_pair_page_shows_the_agreement_and_the_accept_button(world: World, as_user) -> None:
    pairing = pair_of(world)
    page = as_user(world.alice).get(reverse("mentoring:pair", args=[pairing.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Confidentiality and its limits" in text
    assert reverse("mentoring:accept", args=[pairing.pk]) in text
    assert reverse("safeguarding:pair", args=[pairing.pk]) in text


def test_the_pair_page_is_a_404_outside_the_pair(world: World, as_user) -> None:
    pairing = pair_of(world)
    for who in ("harriet", "ada", "ina", "carl", "dan", "otto", "pat"):
        response = as_user(getattr(world, who)).get(reverse("mentoring:pair", args=[pairing.pk]))
        assert response.status_code == 404, who


def test_a_published_match_starts_the_relationship(world: World) -> None:
    from amplify.matching.models import MatchingRun, ProposedPair, RunStatus
    from amplify.matching.services import matching_run_publish
    from amplify.programmes.models import Pairing

    Pairing.objects.all().delete()
    run = MatchingRun.objects.create(
        cohort=world.cohort, number=1, kind="mentoring", status=RunStatus.READY
    )
    ProposedPair.objects.create(
        run=run, mentor=world.person(world.alice), mentee=world.person(world.bea), score=50
    )
    (pairing,) = matching_run_publish(run=run, published_by=world.harriet, notify=False)
    assert Relationship.objects.get(pairing=pairing).agreement.number == 1


def test_the_home_page_asks_each_person_to_accept_until_she_has(world: World, as_user) -> None:
    pairing = pair_of(world)
    agreement_accept(pairing=pairing, by=world.person(world.alice))
    bea_home = as_user(world.bea).get(reverse("home:index")).content.decode()
    alice_home = as_user(world.alice).get(reverse("home:index")).content.decode()
    assert reverse("mentoring:pair", args=[pairing.pk]) in bea_home
    assert "Accept the agreement" in bea_home
    assert "Accept the agreement" not in alice_home
