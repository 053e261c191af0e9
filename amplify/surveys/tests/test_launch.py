"""Launching a wave: one invitation per person of the audience, an email with her link,
refused when already launched or closed; newcomers invited by the periodic job."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from amplify.conftest import World
from amplify.people.models import Person
from amplify.programmes.models import Enrolment
from amplify.programmes.tests.factories import EnrolmentFactory
from amplify.surveys import invitations, links
from amplify.surveys.models import Invitation
from amplify.surveys.tests.factories import WaveFactory, wave_of_every_kind
from amplify.surveys.tests.respondent import emailed_link, launched

SITE = "https://amplify.example.com"


@pytest.fixture(autouse=True)
def _site(settings) -> None:
    settings.SITE_ROOT = SITE


def test_it_invites_each_active_person_of_the_audience_once_and_emails_her_link(
    world: World, django_capture_on_commit_callbacks
) -> None:
    # Alice is also a mentee (two roles), Dan withdrew, Harriet manages (never an audience).
    EnrolmentFactory(cohort=world.cohort, person=world.person(world.alice), role="mentee")
    Enrolment.objects.filter(person=world.person(world.dan)).update(status="withdrawn")
    wave = launched(world, django_capture_on_commit_callbacks, audience=["mentee", "mentor"])
    people = dict(Invitation.objects.filter(wave=wave).values_list("person__name", "role"))
    assert people == {"Alice Staff": "mentee", "Bea Young": "mentee", "Carl Staff": "mentor"}
    assert wave.launched_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.alice.email, world.bea.email, world.carl.email]
    )
    to_bea = next(m for m in mail.outbox if m.to == [world.bea.email])
    assert to_bea.subject == "Positive Influence asks for your views: End of programme"
    assert "kept under a code, not your name" in to_bea.body
    path = emailed_link(world.bea.email)
    assert path.startswith("/survey/")
    bea = Invitation.objects.get(wave=wave, person__user=world.bea)
    assert links.invitation_for(path.split("/")[2]) == bea
    html = to_bea.alternatives[0][0]
    assert SITE + path in html


def test_it_writes_in_the_recipients_language(
    world: World, django_capture_on_commit_callbacks
) -> None:
    Person.objects.filter(user=world.bea).update(interface_language="es")
    launched(world, django_capture_on_commit_callbacks)
    to_bea = next(m for m in mail.outbox if m.to == [world.bea.email])
    to_alice = next(m for m in mail.outbox if m.to == [world.alice.email])
    assert to_bea.subject == "Positive Influence quiere conocer tu opinión: End of programme"
    assert "Tu enlace personal" in to_bea.body
    assert to_alice.subject == "Positive Influence asks for your views: End of programme"


def test_a_second_launch_invites_nobody_new_and_says_so(
    world: World, django_capture_on_commit_callbacks
) -> None:
    wave = launched(world, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with pytest.raises(ValidationError, match="already sent"):
        invitations.wave_launch(wave=wave, by=world.harriet)
    assert Invitation.objects.filter(wave=wave).count() == 4
    assert mail.outbox == []


def test_a_closed_wave_or_one_without_questions_is_not_launched(world: World) -> None:
    now = timezone.now()
    closed = wave_of_every_kind(
        cohort=world.cohort, opens_at=now - timedelta(days=20), closes_at=now - timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="closed on"):
        invitations.wave_launch(wave=closed, by=world.harriet)
    empty = WaveFactory(cohort=world.cohort)
    with pytest.raises(ValidationError, match="at least one question"):
        invitations.wave_launch(wave=empty, by=world.harriet)
    assert not Invitation.objects.exists()


def test_a_wave_launched_before_it_opens_invites_now(
    world: World, django_capture_on_commit_callbacks
) -> None:
    now = timezone.now()
    wave = launched(
        world,
        django_capture_on_commit_callbacks,
        opens_at=now + timedelta(days=2),
        closes_at=now + timedelta(days=16),
    )
    assert Invitation.objects.filter(wave=wave).count() == 4


def test_people_enrolled_after_the_launch_are_invited_once(
    world: World, django_capture_on_commit_callbacks
) -> None:
    wave = launched(world, django_capture_on_commit_callbacks)
    otto = world.person(world.otto)
    EnrolmentFactory(cohort=world.cohort, person=otto, role="mentor")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations.wave_invite_newcomers(wave=wave) == 1
        assert invitations.wave_invite_newcomers(wave=wave) == 0
    assert [m.to for m in mail.outbox] == [[otto.email]]


def test_a_renewed_link_replaces_the_old_one(
    world: World, django_capture_on_commit_callbacks
) -> None:
    wave = launched(world, django_capture_on_commit_callbacks)
    old = emailed_link(world.bea.email)
    bea = Invitation.objects.get(wave=wave, person__user=world.bea)
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invitation_renew(invitation=bea)
    new = emailed_link(world.bea.email)
    assert new != old
    assert links.invitation_for(old.split("/")[2]) is None
    assert links.invitation_for(new.split("/")[2]) == bea
