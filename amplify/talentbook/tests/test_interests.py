""" "I'd like to meet": an executive reading the book; the person and the managers told."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from amplify.conftest import World
from amplify.talentbook import services
from amplify.talentbook.models import Interest
from amplify.talentbook.tests.factories import issued_book, lena_with_everything, page_for


@pytest.fixture
def book(world: World, quick_pdf):
    lena_with_everything(world)
    page_for(world, "leo")
    return issued_book(world)


def test_it_tells_the_person_and_the_manager(
    world: World, book, as_user, django_capture_on_commit_callbacks
) -> None:
    # Given Sam, the cohort's sponsor, reading Lena in the book
    client = as_user(world.sam)
    url = reverse("talentbook:entry", args=[book.pk, world.person(world.lena).pk])
    assert b"like to meet</h2>" in client.get(url).content
    # When he says he would like to meet her
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("talentbook:meet", args=[book.pk, world.person(world.lena).pk]),
            {"note": "Your streaming work: coffee in Stockholm?"},
        )
    # Then it is recorded, and Lena and Max are told
    assert response.status_code == 302
    interest = Interest.objects.get()
    assert interest.executive == world.person(world.sam)
    assert interest.note.startswith("Your streaming")
    assert sorted(m.to[0] for m in mail.outbox) == ["lena.lee@sony.example", "max@sony.example"]
    assert all("would like to meet" in m.subject for m in mail.outbox)
    # And Max sees it on Lena's talent page
    page = world.person(world.lena).talent_pages.get()
    shown = as_user(world.max).get(page.get_absolute_url()).content.decode()
    assert "coffee in Stockholm" in shown


def test_it_registers_an_interest_once(world: World, book) -> None:
    lena, sam = world.person(world.lena), world.person(world.sam)
    services.interest_register(book=book, person=lena, executive=sam, registered_by=world.sam)
    with pytest.raises(ValidationError, match="already"):
        services.interest_register(book=book, person=lena, executive=sam, registered_by=world.sam)


def test_it_is_for_the_executives_only(world: World, book, as_user) -> None:
    # Given Leo, a participant reading the book he is in
    with pytest.raises(PermissionDenied):
        services.interest_register(
            book=book,
            person=world.person(world.lena),
            executive=world.person(world.leo),
            registered_by=world.leo,
        )
    # Then the page offers him no button, and a post is refused
    url = reverse("talentbook:entry", args=[book.pk, world.person(world.lena).pk])
    assert b"like to meet</h2>" not in as_user(world.leo).get(url).content
    meet = reverse("talentbook:meet", args=[book.pk, world.person(world.lena).pk])
    assert as_user(world.leo).post(meet, {"note": ""}).status_code == 403
    assert not Interest.objects.exists()
