"""Outreach partners refer young people, one at a time or from a file, and follow the
stage of their own referrals only."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from amplify.applications.models import Application, Stage
from amplify.applications.tests.factories import make_application, recruiting_cohort
from amplify.conftest import World
from amplify.people.tests.factories import ExternalPersonFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_refers_one_person_and_emails_her_an_invitation(
    world: World, as_user, django_capture_on_commit_callbacks
) -> None:
    cohort = recruiting_cohort(world.programme)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(world.pat).post(
            reverse("applications:referral-add"),
            {"cohort": cohort.pk, "name": "Rae Referred", "email": "rae@example.com"},
        )
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.stage, application.referred_by) == (Stage.REFERRED, world.partner)
    [invitation] = mail.outbox
    assert "/applications/continue/" in invitation.body
    assert world.partner.name in invitation.subject


def test_it_refers_everyone_in_a_valid_file(world: World, as_user) -> None:
    cohort = recruiting_cohort(world.programme)
    content = b"name,email\nRae One,rae1@example.com\nRae Two,rae2@example.com\n"
    response = as_user(world.pat).post(
        reverse("applications:referral-upload"),
        {"cohort": cohort.pk, "file": SimpleUploadedFile("r.csv", content)},
    )
    assert response.status_code == 302
    assert Application.objects.filter(referred_by=world.partner).count() == 2


def test_it_saves_nothing_from_a_file_with_one_bad_row_and_numbers_the_rows(
    world: World, as_user
) -> None:
    cohort = recruiting_cohort(world.programme)
    make_application(cohort, email="taken@example.com")
    content = (
        b"name,email\nRae One,rae1@example.com\n,rae2@example.com\nRae Three,not-an-email\n"
        b"Rae Four,rae1@example.com\nRae Five,taken@example.com\n"
    )
    response = as_user(world.pat).post(
        reverse("applications:referral-upload"),
        {"cohort": cohort.pk, "file": SimpleUploadedFile("r.csv", content)},
    )
    assert response.status_code == 200
    errors = [(e["row"], e["column"]) for e in response.context["row_errors"]]
    assert errors == [(3, "name"), (4, "email"), (5, "email"), (6, "email")]
    assert Application.objects.count() == 1  # only the one that was there


def test_it_names_a_missing_column(world: World, as_user) -> None:
    cohort = recruiting_cohort(world.programme)
    response = as_user(world.pat).post(
        reverse("applications:referral-upload"),
        {"cohort": cohort.pk, "file": SimpleUploadedFile("r.csv", b"full name,email\nA,a@x.io\n")},
    )
    assert "Missing column “name”" in response.content.decode()


def test_it_shows_a_partner_only_her_own_referrals(world: World, as_user) -> None:
    cohort = recruiting_cohort(world.programme)
    make_application(
        cohort, email="mine@example.com", name="Mine Referral", referred_by=world.partner
    )
    other = PartnerFactory(name="Other Partner", slug="other-partner")
    make_application(cohort, email="theirs@example.com", name="Their Referral", referred_by=other)
    response = as_user(world.pat).get(reverse("applications:referrals"))
    text = response.content.decode()
    assert "Mine Referral" in text
    assert "Their Referral" not in text
    # Partner staff elsewhere see the other one only.
    other_staff = UserFactory(email="sam@other.example", role="partner")
    ExternalPersonFactory(email=other_staff.email, user=other_staff, partner=other)
    theirs = as_user(other_staff).get(reverse("applications:referrals")).content.decode()
    assert "Their Referral" in theirs
    assert "Mine Referral" not in theirs


def test_it_shows_a_partner_the_stage_but_not_the_answers(world: World, as_user) -> None:
    cohort = recruiting_cohort(world.programme)
    application = make_application(cohort, referred_by=world.partner)
    response = as_user(world.pat).get(reverse("applications:referrals"))
    assert b"Eligible" in response.content
    assert b"E1 6AN" not in response.content
    detail = as_user(world.pat).get(reverse("applications:detail", args=[application.pk]))
    assert detail.status_code == 403


def test_it_puts_referrals_in_the_partners_menu_only(world: World, as_user) -> None:
    url = reverse("applications:referrals")
    assert url.encode() in as_user(world.pat).get("/").content
    assert url.encode() not in as_user(world.harriet).get("/").content
