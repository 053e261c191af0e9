"""The respondent's pages: the emailed link works without signing in; a draft is saved and
resumed; errors are listed at the top; a second visit says she has answered."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from amplify.conftest import World
from amplify.surveys import answering
from amplify.surveys.models import Invitation, Mode, Response, Wave
from amplify.surveys.tests.respondent import COMPLETE, emailed_link, invitation_of, launched

FORM = {
    "barriers_understood": "4",
    "would_recommend": "9",
    "keep_meeting": "yes",
    "hours_a_month": "6",
    "heard_from": "school",
    "liked_most": ["events", "meetings"],
    "comments": "Good.",
}


@pytest.fixture
def wave(world: World, django_capture_on_commit_callbacks) -> Wave:
    return launched(world, django_capture_on_commit_callbacks)


def test_bea_answers_from_her_link_without_signing_in(world: World, wave: Wave) -> None:
    link = emailed_link(world.bea.email)
    client = Client()
    page = client.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert "End of programme" in html
    assert "Asked by the team of Positive Influence" in html
    assert "Your answers are kept under a code, not your name" in html
    assert "Strongly agree" in html
    assert "Save and finish later" in html
    assert '<legend class="label" id="id_barriers_understood_legend">1. Question' in html
    # Save part of it, come back: it is there.
    saved = client.post(link, {"barriers_understood": "2", "save": "1"}, follow=True)
    assert "Your answers are saved" in saved.content.decode()
    assert re.search(r'name="barriers_understood" value="2"[^>]* checked', saved.content.decode())
    assert invitation_of(world, world.bea, wave).draft == {"barriers_understood": 2}
    # Submit without the required answers: listed at the top, linking to each.
    missing = client.post(link, {"barriers_understood": "2", "submit": "1"}).content.decode()
    assert 'id="error-summary"' in missing
    assert 'href="#id_would_recommend_0"' in missing
    assert "Answer this question: it is required." in missing
    done = client.post(link, {**FORM, "submit": "1"})
    assert done.status_code == 200
    assert "Thank you" in done.content.decode()
    assert Response.objects.filter(wave=wave).count() == 1
    again = client.get(link).content.decode()
    assert "You have already answered this survey, thank you." in again
    assert "Submit" not in again
    client.post(link, {**FORM, "submit": "1"})
    assert Response.objects.filter(wave=wave).count() == 1


def test_a_bad_altered_or_replaced_link_is_a_clear_404(world: World, wave: Wave) -> None:
    link = emailed_link(world.bea.email)
    client = Client()
    for bad in ("/survey/nonsense/", link[:-3] + "x/", "/survey/" + "a" * 300 + "/"):
        page = client.get(bad)
        assert page.status_code == 404
        assert "This survey link does not work" in page.content.decode()
    Invitation.objects.filter(person__user=world.bea).update(
        key="00000000-0000-4000-8000-000000000000"
    )
    assert client.get(link).status_code == 404


def test_a_closed_wave_says_when_it_closed(world: World, wave: Wave) -> None:
    link = emailed_link(world.bea.email)
    now = timezone.now()
    Wave.objects.filter(pk=wave.pk).update(
        opens_at=now - timedelta(days=20), closes_at=now - timedelta(days=2)
    )
    page = Client().get(link).content.decode()
    assert "This survey closed on" in page
    assert "Submit" not in page


@pytest.mark.parametrize(
    ("mode", "text"),
    [
        (Mode.ATTRIBUTED, "Your name is kept with your answers; the programme team can see"),
        (Mode.ANONYMOUS, "Nothing links your answers to you."),
    ],
)
def test_the_mode_is_told_in_plain_words(
    world: World, django_capture_on_commit_callbacks, mode: str, text: str
) -> None:
    launched(world, django_capture_on_commit_callbacks, mode=mode)
    assert text in Client().get(emailed_link(world.dan.email)).content.decode()


def test_a_signed_in_person_finds_her_surveys_and_only_hers(
    world: World, wave: Wave, as_user
) -> None:
    bea = invitation_of(world, world.bea, wave)
    dan = invitation_of(world, world.dan, wave)
    client = as_user(world.bea)
    home = client.get("/").content.decode()
    assert "A survey waits for you" in home
    assert f"/survey/mine/{bea.pk}/" in home
    mine = client.get("/survey/mine/").content.decode()
    assert "End of programme" in mine
    assert f"/survey/mine/{bea.pk}/" in mine
    assert f"/survey/mine/{dan.pk}/" not in mine
    assert client.get(f"/survey/mine/{dan.pk}/").status_code == 404
    assert client.get("/survey/mine/999999/").status_code == 404
    page = client.post(f"/survey/mine/{bea.pk}/", {**FORM, "submit": "1"})
    assert "Thank you" in page.content.decode()
    assert "A survey waits for you" not in client.get("/").content.decode()
    assert "No survey waits for you." in client.get("/survey/mine/").content.decode()
    # Otto, in no cohort, has nothing waiting; staff have no card either.
    assert "A survey waits for you" not in as_user(world.otto).get("/").content.decode()


def test_mine_asks_anonymous_visitors_to_sign_in(world: World) -> None:
    page = Client().get("/survey/mine/")
    assert page.status_code == 302
    assert "login" in page["Location"]


def test_her_page_never_shows_anyone_elses_answers(world: World, wave: Wave) -> None:
    answering.survey_submit(
        invitation=invitation_of(world, world.dan, wave),
        answers={**COMPLETE, "comments": "Dan's secret words"},
    )
    assert "Dan's secret words" not in Client().get(emailed_link(world.bea.email)).content.decode()
    assert len(mail.outbox) == 4
