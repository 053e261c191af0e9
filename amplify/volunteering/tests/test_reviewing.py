"""The programme manager's queue of volunteers: accept (enrol + matching profile) or decline
with a reason, each emailed."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from amplify.conftest import World
from amplify.matching.models import MatchProfile
from amplify.programmes.models import Enrolment
from amplify.volunteering import services
from amplify.volunteering.models import OfferStatus
from amplify.volunteering.tests.factories import offer_for, recruiting


def test_accepting_enrols_her_and_saves_her_profile_in_one_service(
    world: World, django_capture_on_commit_callbacks
) -> None:
    # Given: Otto's matching profile already holds his free time and one interest
    cohort = recruiting(world)
    otto = world.person(world.otto)
    MatchProfile.objects.create(person=otto, tags=["Touring"], availability=[1, 4], capacity=1)
    offer = offer_for(world, cohort, tags=["A&R"], capacity=3)
    # When: Harriet accepts
    with django_capture_on_commit_callbacks(execute=True):
        offer = services.mentor_offer_decide(offer=offer, action="accept", decided_by=world.harriet)
    # Then: he is an active mentor, his profile has the offer's capacity and expertise and
    # kept the rest, and he is told
    assert offer.status == OfferStatus.ACCEPTED
    enrolment = Enrolment.objects.get(cohort=cohort, person=otto)
    assert (enrolment.role, enrolment.status) == ("mentor", "active")
    assert offer.enrolment == enrolment
    profile = MatchProfile.objects.get(person=otto)
    assert (profile.capacity, profile.tags, profile.availability) == (3, ["A&R", "Touring"], [1, 4])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [otto.email]
    assert cohort.name in mail.outbox[0].subject
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_accepting_twice_enrols_once_and_emails_once(
    world: World, django_capture_on_commit_callbacks
) -> None:
    cohort = recruiting(world)
    offer = offer_for(world, cohort)
    with django_capture_on_commit_callbacks(execute=True):
        services.mentor_offer_decide(offer=offer, action="accept", decided_by=world.harriet)
        services.mentor_offer_decide(offer=offer, action="accept", decided_by=world.harriet)
    assert Enrolment.objects.filter(cohort=cohort, role="mentor").count() == 1
    assert len(mail.outbox) == 1
    with pytest.raises(ValidationError, match="accepted"):
        services.mentor_offer_decide(
            offer=offer, action="decline", decided_by=world.harriet, reason="x"
        )


def test_declining_needs_a_reason_that_she_reads(
    world: World, django_capture_on_commit_callbacks
) -> None:
    cohort = recruiting(world)
    offer = offer_for(world, cohort)
    with pytest.raises(ValidationError) as caught:
        services.mentor_offer_decide(offer=offer, action="decline", decided_by=world.harriet)
    assert "reason" in caught.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        services.mentor_offer_decide(
            offer=offer,
            action="decline",
            decided_by=world.harriet,
            reason="We have enough mentors in A&R.",
        )
    assert not Enrolment.objects.filter(cohort=cohort, person__user=world.otto).exists()
    assert "We have enough mentors in A&R." in mail.outbox[0].body


def test_the_queue_shows_every_status_and_decides_from_the_page(
    world: World, as_user, django_capture_on_commit_callbacks
) -> None:
    cohort = recruiting(world)
    offer = offer_for(world, cohort)
    offer_for(world, cohort, who=world.ina)
    declined = offer_for(world, cohort, who=world.ada)
    services.mentor_offer_decide(
        offer=declined, action="decline", decided_by=world.harriet, reason="Not this time."
    )
    client = as_user(world.harriet)
    page = client.get(reverse("volunteering:queue", args=[cohort.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Otto Staff" in text
    assert "Not this time." in text
    pending = client.get(reverse("volunteering:queue", args=[cohort.pk]), {"status": "pending"})
    assert len(pending.context["offers"]) == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("volunteering:decide", args=[offer.pk]), {"action": "accept"}
        )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    # A decline without a reason: a clear message, nothing changed.
    other = cohort.mentor_offers.get(person__user=world.ina)
    response = client.post(
        reverse("volunteering:decide", args=[other.pk]), {"action": "decline"}, follow=True
    )
    assert "reason" in response.content.decode()
    other.refresh_from_db()
    assert other.status == OfferStatus.PENDING


def test_the_wrong_people_cannot_see_or_decide(world: World, as_user) -> None:
    cohort = recruiting(world)
    offer = offer_for(world, cohort)
    queue = reverse("volunteering:queue", args=[cohort.pk])
    decide = reverse("volunteering:decide", args=[offer.pk])
    # The volunteer herself sees the cohort (no): a plain employee cannot see cohort 8.
    assert as_user(world.otto).get(queue).status_code == 404
    assert as_user(world.otto).post(decide, {"action": "accept"}).status_code == 403
    # Mentor Alice sees cohort 7 but does not run it.
    assert (
        as_user(world.alice).get(reverse("volunteering:queue", args=[world.cohort.pk])).status_code
        == 403
    )
    # Another programme's cohort: Harriet does not see it.
    assert (
        as_user(world.harriet)
        .get(reverse("volunteering:queue", args=[world.leadership_cohort.pk]))
        .status_code
        == 404
    )
    # Anonymous: sent to sign in.
    from django.test import Client

    assert Client().get(queue).status_code == 302
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING


def test_another_cohort_s_manager_gets_404(world: World, as_user) -> None:
    from amplify.conftest import _user
    from amplify.people.tests.factories import PersonFactory
    from amplify.programmes.models import Programme
    from amplify.programmes.tests.factories import CohortFactory, ProgrammeFactory

    cohort = recruiting(world)
    offer = offer_for(world, cohort)
    other_user = _user("olga@sony.example", "programme_manager")
    other_programme = ProgrammeFactory(
        name="Another mentoring", slug="another", kind=Programme.Kind.MENTORING
    )
    other_programme.managers.add(PersonFactory(user=other_user, email=other_user.email))
    CohortFactory(programme=other_programme, name="Another cohort", status="recruiting")
    client = as_user(other_user)
    assert client.get(reverse("volunteering:queue", args=[cohort.pk])).status_code == 404
    assert (
        client.post(
            reverse("volunteering:decide", args=[offer.pk]), {"action": "accept"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/api/mentor-offers/{offer.pk}/decision",
            {"action": "accept"},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert client.get(f"/api/cohorts/{cohort.pk}/mentor-offers").status_code == 404
