"""The programme manager's review queue and decisions, and accepting an offer: one service
makes the external person, her account invitation and her mentee enrolment."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from amplify.applications import links
from amplify.applications.models import Application, Stage
from amplify.applications.services import application_accept, application_decide
from amplify.applications.tests.factories import make_application, recruiting_cohort
from amplify.conftest import World
from amplify.diversity.models import DiversityProfile
from amplify.matching.models import MatchProfile
from amplify.people.models import Person
from amplify.programmes.models import Enrolment

pytestmark = pytest.mark.django_db


def test_it_lists_the_cohort_applications_with_eligibility_not_answers(
    world: World, as_user
) -> None:
    cohort = recruiting_cohort(world.programme)
    make_application(cohort)
    response = as_user(world.harriet).get(reverse("applications:cohort", args=[cohort.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Eligible: yes, by eligible for free school meals" in text
    assert "working_class" not in text


def test_it_shows_the_evidence_to_impact_admins_only(world: World, as_user) -> None:
    cohort = recruiting_cohort(world.programme)
    application = make_application(cohort)
    url = reverse("applications:detail", args=[application.pk])
    as_manager = as_user(world.harriet).get(url)
    assert as_manager.status_code == 200
    assert b"Eligibility evidence" not in as_manager.content
    as_impact = as_user(world.ina).get(url)
    assert b"Eligibility evidence" in as_impact.content
    assert b"14 March 2005" in as_impact.content or b"14 Mar 2005" in as_impact.content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stage=ineligible", ["Ivy"]),
        ("eligible=yes", ["Yasmin"]),
        ("partner=none", ["Ivy"]),
        ("complete=no", ["Ivy"]),
        ("q=ivy", ["Ivy"]),
    ],
)
def test_it_filters_the_queue(world: World, as_user, query: str, expected: list[str]) -> None:
    cohort = recruiting_cohort(world.programme)
    make_application(cohort, name="Yasmin", referred_by=world.partner)
    make_application(
        cohort, email="ivy@example.com", name="Ivy", stage=Stage.INELIGIBLE, complete=False
    )
    response = as_user(world.harriet).get(
        reverse("applications:cohort", args=[cohort.pk]) + "?" + query
    )
    shown = [a.name for a, _summary in response.context["rows"]]
    assert shown == expected


def test_it_reads_the_queue_in_the_same_number_of_queries_whatever_its_size(
    world: World, as_user
) -> None:
    cohort = recruiting_cohort(world.programme)
    client = as_user(world.harriet)
    url = reverse("applications:cohort", args=[cohort.pk])
    make_application(cohort, referred_by=world.partner)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert response.status_code == 200
    for n in range(30):
        make_application(cohort, email=f"a{n}@example.com", referred_by=world.partner)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few)


def test_it_offers_with_a_deadline_and_emails_a_link_to_accept(
    world: World, as_user, django_capture_on_commit_callbacks
) -> None:
    cohort = recruiting_cohort(world.programme)
    application = make_application(cohort, stage=Stage.SHORTLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(world.harriet).post(
            reverse("applications:decide", args=[application.pk]), {"action": "offer"}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.OFFERED
    assert application.offer_deadline == timezone.localdate() + timedelta(days=14)
    [message] = mail.outbox
    assert "/applications/offer/" in message.body


def test_it_needs_a_reason_to_decline(world: World) -> None:
    application = make_application(recruiting_cohort(world.programme))
    with pytest.raises(ValidationError) as caught:
        application_decide(application=application, action="decline", decided_by=world.harriet)
    assert "reason" in caught.value.message_dict


def test_it_refuses_a_move_the_stage_does_not_allow(world: World) -> None:
    application = make_application(recruiting_cohort(world.programme), stage=Stage.INELIGIBLE)
    with pytest.raises(ValidationError):
        application_decide(application=application, action="offer", decided_by=world.harriet)


def test_it_ignores_the_same_decision_twice(world: World) -> None:
    application = make_application(recruiting_cohort(world.programme))
    application_decide(application=application, action="waitlist", decided_by=world.harriet)
    application_decide(application=application, action="waitlist", decided_by=world.harriet)
    assert Application.history.filter(id=application.pk, stage=Stage.WAITLISTED).count() == 1


def test_it_makes_an_accepted_applicant_a_mentee_with_an_account(
    world: World, django_capture_on_commit_callbacks
) -> None:
    cohort = recruiting_cohort(world.programme)
    application = make_application(cohort, stage=Stage.OFFERED, referred_by=world.partner)
    token = links.token_for(application, links.OFFER)
    client = Client()
    assert client.get(reverse("applications:offer", args=[token])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("applications:offer", args=[token]))
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.stage == Stage.ACCEPTED
    person = Person.objects.get(email="yasmin@example.com")
    assert application.person == person
    assert person.is_external
    assert person.referred_by == world.partner
    assert person.user is not None
    assert not person.user.has_usable_password()
    assert Enrolment.objects.get(cohort=cohort, person=person).role == Enrolment.Role.MENTEE
    assert DiversityProfile.objects.get(person=person).free_school_meals == "yes"
    assert MatchProfile.objects.get(person=person).tags == ["Music production", "Marketing"]
    [invitation] = mail.outbox
    assert re.search(r"/accounts/password/reset/key/\S+", invitation.body)
    # Accepting again (a second click) creates nothing more.
    client.post(reverse("applications:offer", args=[token]))
    assert Enrolment.objects.filter(person=person).count() == 1
    assert len(mail.outbox) == 1


def test_it_refuses_an_offer_past_its_deadline(world: World) -> None:
    application = make_application(recruiting_cohort(world.programme), stage=Stage.OFFERED)
    Application.objects.filter(pk=application.pk).update(
        offer_deadline=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="deadline"):
        application_accept(application=application)
    assert not Person.objects.filter(email=application.email).exists()


def test_it_saves_the_cohort_settings_with_its_version(world: World, as_user) -> None:
    cohort = recruiting_cohort(world.programme)
    client = as_user(world.harriet)
    url = reverse("applications:settings", args=[cohort.pk])
    page = client.get(url)
    assert page.status_code == 200
    version = page.context["form"].initial["version"]
    data = {
        "min_age": 16,
        "max_age": 24,
        "criteria": ["free_school_meals"],
        "require_right_to_take_part": "on",
        "acceptance_days": 7,
        "retention_days": 30,
        "version": version,
    }
    assert client.post(url, data).status_code == 302
    settings = cohort.application_settings
    assert (settings.min_age, settings.criteria) == (16, ["free_school_meals"])
    # The same page sent again is out of date: someone saved since it was shown.
    stale = client.post(url, data | {"min_age": 17})
    assert stale.status_code == 200
    cohort.application_settings.refresh_from_db()
    assert cohort.application_settings.min_age == 16
