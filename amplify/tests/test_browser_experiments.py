"""In a real browser: a participant writes her experiment's test card and submits it, and
her executive sponsor approves it."""

import pytest

from amplify.conftest import World
from amplify.experiments.models import Experiment, Stage
from amplify.tests.browser import SHOTS, sign_in

# The `page` fixture (amplify/tests/conftest.py) runs axe-core on every page a test shows.
pytestmark = pytest.mark.browser


def test_a_participant_submits_her_test_card_and_her_sponsor_approves_it(
    page, live_world: World
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Given Lena on her experiment page
    sign_in(page, "lena.lee@sony.example")
    page.goto("/experiments/")
    # When she starts an experiment and fills Strategyzer's test card
    page.get_by_label("Your experiment's title").fill("Streaming for the over-sixties")
    page.get_by_role("button", name="Start it").click()
    page.get_by_text("write its test card").wait_for()
    page.get_by_label("We believe that…").fill("Older listeners would stream if shown how.")
    page.get_by_label("How critical is it?").select_option("3")
    page.get_by_label("To verify that, we will…").fill("Send 500 lapsed buyers a playlist.")
    page.get_by_label("Test cost", exact=True).select_option("1")
    page.get_by_label("Data reliability", exact=True).select_option("2")
    page.get_by_label("And measure…").fill("Who streams it twice in a month.")
    page.get_by_label("Time required", exact=True).select_option("1")
    page.get_by_label("We are right if…").fill("At least 10% stream it twice.")
    page.get_by_label("Streaming and audiences").check()
    page.get_by_label("Executive sponsor").select_option(label="Sam Staff")
    page.screenshot(path=str(SHOTS / "experiment-test-card.png"), full_page=True)
    page.get_by_role("button", name="Save and submit to my sponsor").click()
    # Then it is submitted to Sam
    page.get_by_text("your sponsor is told").wait_for()
    experiment = Experiment.objects.get(owner__user=live_world.lena)
    assert experiment.stage == Stage.SUBMITTED

    # Given Sam, her sponsor, on his page
    page.context.clear_cookies()
    sign_in(page, "sam@sony.example")
    page.goto("/experiments/sponsor/")
    assert page.locator("#waiting").get_by_text("Streaming for the over-sixties").is_visible()
    # When he approves it with a word
    page.get_by_role("link", name="Approve or return").click()
    page.get_by_label("A word for the owner (optional)").fill("Small and cheap: go.")
    page.get_by_role("button", name="Approve", exact=True).click()
    # Then it is approved
    page.get_by_text("the owner is told and can start").wait_for()
    page.screenshot(path=str(SHOTS / "experiment-approved.png"), full_page=True)
    experiment.refresh_from_db()
    assert experiment.stage == Stage.APPROVED
