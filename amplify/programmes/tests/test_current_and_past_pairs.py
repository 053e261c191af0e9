"""A pair goes on until it ends or its cohort closes: current and past pairs are shown apart,
past ones with their cohort."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.people.tests.factories import ExternalPersonFactory
from amplify.programmes.models import Cohort, Enrolment, Pairing
from amplify.programmes.tests.factories import CohortFactory, EnrolmentFactory, PairingFactory


@pytest.fixture
def past(world: World) -> list[Pairing]:
    """Alice mentored Gia in 2023 and Hal in 2024, in cohorts now closed."""
    alice = world.person(world.alice)
    pairs = []
    for year, name in ((2023, "Gia Young"), (2024, "Hal Young")):
        cohort = CohortFactory(
            programme=world.programme,
            name=f"Positive Influence {year}",
            starts_on=date(year, 1, 9),
            ends_on=date(year, 7, 1),
            status=Cohort.Status.CLOSED,
        )
        mentee = ExternalPersonFactory(name=name)
        for person, role in ((alice, Enrolment.Role.MENTOR), (mentee, Enrolment.Role.MENTEE)):
            EnrolmentFactory(cohort=cohort, person=person, role=role, status="completed")
        pairs.append(PairingFactory(cohort=cohort, mentor=alice, mentee=mentee))
    return pairs


def test_it_tells_current_pairs_from_past_ones(world: World, past: list[Pairing]) -> None:
    ended = Pairing.objects.get(mentee=world.person(world.dan))
    ended.ended_on = date(2026, 10, 1)
    ended.save()
    mentoring = Pairing.objects.filter(kind=Pairing.Kind.MENTORING)
    current = set(mentoring.current().values_list("mentee__name", flat=True))
    assert current == {"Bea Young"}
    assert set(Pairing.objects.past().values_list("mentee__name", flat=True)) == {
        "Dan Young",
        "Gia Young",
        "Hal Young",
    }
    flags = dict(mentoring.with_is_current().values_list("mentee__name", "is_current"))
    assert flags == {"Bea Young": True, "Dan Young": False, "Gia Young": False, "Hal Young": False}


def test_a_mentors_home_shows_past_mentees_apart_with_their_cohort(
    world: World, past: list[Pairing], as_user
) -> None:
    page = as_user(world.alice).get(reverse("home:index")).content.decode()
    yours, _, rest = page.partition("Past pairs")
    assert "Bea Young" in yours
    assert "Gia Young" not in yours
    assert "Hal Young" not in yours
    assert "Your mentee in Positive Influence 2023" in rest
    assert "Your mentee in Positive Influence 2024" in rest
    # And her mentee reads her as a current mentor, with no past section
    bea = as_user(world.bea).get(reverse("home:index")).content.decode()
    assert "Your mentor" in bea
    assert "Past pairs" not in bea


def test_the_api_lists_current_or_past_pairs(world: World, past: list[Pairing]) -> None:
    token = api_token_create(user=world.alice, name="t")[1]
    client = Client(headers={"Authorization": f"Bearer {token}"})
    old = past[0].cohort
    listed = client.get(f"/api/cohorts/{old.pk}/pairings").json()["items"]
    assert [(p["mentee_id"], p["current"]) for p in listed] == [(past[0].mentee_id, False)]
    assert client.get(f"/api/cohorts/{old.pk}/pairings?when=current").json()["count"] == 0
    now = client.get(f"/api/cohorts/{world.cohort.pk}/pairings?when=current").json()
    assert [p["current"] for p in now["items"]] == [True]
    assert client.get(f"/api/cohorts/{world.cohort.pk}/pairings?when=past").json()["count"] == 0
