"""Raising a concern: from a mentee's or mentor's page, to the leads only, once."""

from __future__ import annotations

import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from amplify.conftest import World
from amplify.safeguarding.models import Concern
from amplify.safeguarding.tests.conftest import WHAT, WORDS, Leads, raise_one


def form(**extra: str) -> dict[str, str]:
    data = {
        "what_happened": WHAT,
        "exact_words": WORDS,
        "who_was_involved": "Bea",
        "happened_on": timezone.localdate().isoformat(),
        "urgency": "same_day",
        "request_key": str(uuid.uuid4()),
    }
    return data | extra


def test_it_offers_raise_a_concern_on_a_mentees_and_a_mentors_page(
    world: World, leads: Leads, as_user
) -> None:
    raise_url = reverse("safeguarding:raise", args=[world.person(world.bea).pk])
    page = as_user(world.alice).get(reverse("people:detail", args=[world.person(world.bea).pk]))
    assert raise_url in page.content.decode()
    mentor = world.person(world.alice)
    page = as_user(world.harriet).get(reverse("people:detail", args=[mentor.pk]))
    assert reverse("safeguarding:raise", args=[mentor.pk]) in page.content.decode()
    # Not on the page of someone who is no mentee or mentor.
    page = as_user(world.harriet).get(reverse("people:detail", args=[world.person(world.otto).pk]))
    assert "/safeguarding/raise/" not in page.content.decode()


def test_it_offers_it_on_the_home_page_of_a_mentee(world: World, leads: Leads, as_user) -> None:
    page = as_user(world.bea).get("/").content.decode()
    assert reverse("safeguarding:raise", args=[world.person(world.bea).pk]) in page


def test_it_sends_the_concern_to_the_leads_only_without_its_content(
    world: World, leads: Leads, as_user, django_capture_on_commit_callbacks
) -> None:
    url = reverse("safeguarding:raise", args=[world.person(world.bea).pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(world.alice).post(url, form())
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert (concern.about, concern.raised_by) == (world.person(world.bea), world.alice)
    assert sorted(m.to[0] for m in mail.outbox) == ["desmond@sony.example", "lena@sony.example"]
    for message in mail.outbox:
        body = message.body + message.alternatives[0][0]
        assert reverse("safeguarding:concern", args=[concern.pk]) in body
        assert WHAT not in body
        assert WORDS not in body
        assert "Bea" not in body + message.subject


def test_it_raises_one_concern_for_a_form_sent_twice(world: World, leads: Leads, as_user) -> None:
    url = reverse("safeguarding:raise", args=[world.person(world.bea).pk])
    data = form()
    client = as_user(world.alice)
    client.post(url, data)
    client.post(url, data)
    assert Concern.objects.count() == 1


def test_it_names_the_field_that_is_missing(world: World, leads: Leads, as_user) -> None:
    url = reverse("safeguarding:raise", args=[world.person(world.bea).pk])
    response = as_user(world.alice).post(url, form(what_happened="", happened_on="2099-01-01"))
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"what_happened"}
    assert not Concern.objects.exists()
    response = as_user(world.alice).post(url, form(happened_on="2099-01-01"))
    assert "happened_on" in response.context["form"].errors
    assert not Concern.objects.exists()


def test_it_refuses_to_record_a_concern_nobody_would_read(world: World, as_user) -> None:
    url = reverse("safeguarding:raise", args=[world.person(world.bea).pk])
    response = as_user(world.alice).post(url, form())
    assert "has no safeguarding lead yet" in response.content.decode()
    assert not Concern.objects.exists()


def test_it_shows_the_raiser_that_it_was_received_not_the_leads_notes(
    world: World, leads: Leads, as_user
) -> None:
    from amplify.safeguarding.services import concern_act

    concern = raise_one(world)
    concern_act(concern=concern, by=leads.lena, note="Called the LADO", status="in_progress")
    page = as_user(world.alice).get(reverse("safeguarding:mine")).content.decode()
    assert "In progress" in page
    assert "LADO" not in page
    assert WHAT not in page


@pytest.mark.parametrize("who", ["dan", "otto", "pat"])
def test_it_is_a_404_to_raise_about_someone_one_cannot_see(
    world: World, leads: Leads, as_user, who: str
) -> None:
    target = world.person(world.alice if who != "pat" else world.dan)
    response = as_user(getattr(world, who)).get(reverse("safeguarding:raise", args=[target.pk]))
    assert response.status_code == 404


def test_it_lets_a_partner_raise_about_a_young_person_she_referred(
    world: World, leads: Leads, as_user
) -> None:
    url = reverse("safeguarding:raise", args=[world.person(world.bea).pk])
    assert as_user(world.pat).post(url, form()).status_code == 302
    assert Concern.objects.get().raised_by == world.pat
