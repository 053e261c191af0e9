"""In a real browser: Bea, a mentee with no need to sign in, answers a survey from the link
she was emailed, saves it half done, comes back, submits, and is thanked; the link then
says she has answered."""

import re

import pytest
from django.core import mail

from amplify.conftest import World
from amplify.surveys import invitations
from amplify.surveys.models import Response
from amplify.surveys.tests.factories import wave_of_every_kind
from amplify.tests.browser import SHOTS

# The `page` fixture (amplify/tests/conftest.py) runs axe-core on every page a test shows.
pytestmark = pytest.mark.browser


def test_a_mentee_answers_a_survey_from_her_emailed_link(page, live_world: World) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Given the end-of-programme survey, launched to the cohort's mentors and mentees
    wave = wave_of_every_kind(cohort=live_world.cohort)
    mail.outbox.clear()
    invitations.wave_launch(wave=wave, by=live_world.harriet)
    [email] = [m for m in mail.outbox if m.to == [live_world.bea.email]]
    link = re.search(r"https?://[^/\s]+(/survey/\S+/)", email.body)
    assert link
    path = link.group(1)
    # When Bea opens it, not signed in, and answers the first two questions
    page.goto(path)
    page.get_by_role("heading", name="End of programme").wait_for()
    assert page.get_by_text("Your answers are kept under a code, not your name").is_visible()
    first = page.get_by_role("group", name=re.compile("Question barriers_understood"))
    first.get_by_label("Agree", exact=True).check()
    page.get_by_role("group", name=re.compile("Question would_recommend")).get_by_label(
        "9", exact=True
    ).check()
    page.screenshot(path=str(SHOTS / "survey-answer.png"), full_page=True)
    # And saves them to finish later
    page.get_by_role("button", name="Save and finish later").click()
    page.get_by_text("Your answers are saved").wait_for()
    # When she comes back with the same link, her answers are there
    page.goto(path)
    assert (
        page.get_by_role("group", name=re.compile("Question barriers_understood"))
        .get_by_label("Agree", exact=True)
        .is_checked()
    )
    # And submitting without the required yes/no lists it at the top
    page.get_by_role("button", name="Submit").click()
    page.locator("#error-summary").wait_for()
    assert page.locator("#error-summary").get_by_role("link").count() == 1
    page.get_by_role("group", name=re.compile("Question keep_meeting")).get_by_label(
        "Yes", exact=True
    ).check()
    page.get_by_label("Question comments?").fill("The office visit was the best part.")
    page.get_by_role("button", name="Submit").click()
    # Then she is thanked, and her answer is recorded once, under a code
    page.get_by_role("heading", name="Thank you").wait_for()
    [response] = Response.objects.filter(wave=wave)
    assert response.respondent is None
    assert response.pseudonym
    # And a second visit says she has answered
    page.goto(path)
    page.get_by_text("You have already answered this survey, thank you.").wait_for()
    assert page.get_by_role("button", name="Submit").count() == 0
