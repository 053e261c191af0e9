"""An employee offers to mentor, edits or withdraws her offer while it is pending."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from amplify.conftest import World
from amplify.programmes.models import Cohort
from amplify.volunteering import services
from amplify.volunteering.models import MentorOffer, OfferStatus
from amplify.volunteering.tests.factories import offer_for, recruiting

FORM = {"why": "To give back.", "tags": ["A&R", "Sync"], "capacity": "2"}


def test_an_employee_offers_once_and_a_double_submit_creates_nothing_twice(
    world: World, as_user
) -> None:
    cohort = recruiting(world)
    client = as_user(world.otto)
    url = reverse("volunteering:offer", args=[cohort.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, FORM).status_code == 302
    assert client.post(url, FORM).status_code == 302  # the second tab
    offer = MentorOffer.objects.get(cohort=cohort)
    assert (offer.status, offer.tags, offer.capacity) == ("pending", ["A&R", "Sync"], 2)
    assert offer.history.count() == 1  # the same answers changed nothing


def test_she_edits_then_withdraws_then_offers_again(world: World, as_user) -> None:
    cohort = recruiting(world)
    offer = offer_for(world, cohort)
    client = as_user(world.otto)
    client.post(reverse("volunteering:offer", args=[cohort.pk]), {**FORM, "capacity": "3"})
    offer.refresh_from_db()
    assert offer.capacity == 3
    client.post(reverse("volunteering:withdraw", args=[cohort.pk]))
    client.post(reverse("volunteering:withdraw", args=[cohort.pk]))  # again: nothing more
    offer.refresh_from_db()
    assert offer.status == OfferStatus.WITHDRAWN
    client.post(reverse("volunteering:offer", args=[cohort.pk]), FORM)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING
    assert MentorOffer.objects.count() == 1


def test_bad_answers_get_a_message_naming_the_field(world: World, as_user) -> None:
    cohort = recruiting(world)
    client = as_user(world.otto)
    url = reverse("volunteering:offer", args=[cohort.pk])
    response = client.post(url, {"why": "", "tags": ["Nonsense"], "capacity": "7"})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"why", "tags", "capacity"}
    with pytest.raises(ValidationError) as caught:
        offer_for(world, cohort, tags=["A&R"] * 1 + ["Nope"], capacity=0)
    assert set(caught.value.message_dict) == {"tags", "capacity"}
    assert not MentorOffer.objects.exists()


def test_only_employees_volunteer_and_only_for_a_cohort_taking_them(world: World, as_user) -> None:
    cohort = recruiting(world)
    # A mentee and partner staff are external people: the pages refuse them.
    assert as_user(world.bea).get(reverse("volunteering:index")).status_code == 403
    assert (
        as_user(world.pat).get(reverse("volunteering:offer", args=[cohort.pk])).status_code == 403
    )
    with pytest.raises(ValidationError, match="employees"):
        offer_for(world, cohort, who=world.bea)
    # A running cohort (7) takes no volunteers: not found on the page, refused by the service.
    assert (
        as_user(world.otto).get(reverse("volunteering:offer", args=[world.cohort.pk])).status_code
        == 404
    )
    with pytest.raises(ValidationError, match="not taking volunteers"):
        offer_for(world, world.cohort)
    # Someone already taking part does not volunteer for it.
    matching = recruiting(world, name="Cohort 9", status=Cohort.Status.MATCHING)
    from amplify.programmes.services import cohort_enrol

    cohort_enrol(
        cohort=matching, person=world.person(world.alice), role="mentor", enrolled_by=world.harriet
    )
    with pytest.raises(ValidationError, match="already take part"):
        offer_for(world, matching, who=world.alice)


def test_the_index_lists_her_offers_and_the_cohorts_taking_volunteers(
    world: World, as_user
) -> None:
    cohort = recruiting(world)
    other = recruiting(world, name="Positive Influence 2027 (cohort 9)")
    offer_for(world, cohort)
    page = as_user(world.otto).get(reverse("volunteering:index")).content.decode()
    assert cohort.name in page
    assert other.name in page
    assert "Pending" in page


def test_a_decided_offer_is_no_longer_edited(world: World) -> None:
    cohort = recruiting(world)
    offer = offer_for(world, cohort)
    services.mentor_offer_decide(
        offer=offer, action="decline", decided_by=world.harriet, reason="Enough mentors."
    )
    with pytest.raises(ValidationError, match="already decided"):
        offer_for(world, cohort, capacity=3)
    with pytest.raises(ValidationError, match="already decided"):
        services.mentor_offer_withdraw(offer=offer, withdrawn_by=world.otto)
