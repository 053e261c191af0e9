"""In a real browser: a mentee logs a meeting with her mentor, and her mentor confirms it."""

import pytest

from amplify.conftest import World
from amplify.meetings.models import Meeting
from amplify.meetings.tests.factories import alice_and_bea
from amplify.tests.browser import SHOTS, sign_in

# The `page` fixture (amplify/tests/conftest.py) runs axe-core on every page a test shows.
pytestmark = pytest.mark.browser


def test_a_mentee_logs_a_meeting_and_her_mentor_confirms_it(page, live_world: World) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pairing = alice_and_bea(live_world)
    # Given Bea on her meetings page
    sign_in(page, "bea@example.com")
    page.goto(f"/meetings/pairs/{pairing.pk}/")
    # When she logs today's meeting: 45 minutes in person, about career paths
    page.get_by_label("Minutes").fill("45")
    page.get_by_label("In person").check()
    page.get_by_label("Career paths").check()
    page.get_by_label("Notes").fill("Talked through the label's graduate scheme")
    page.screenshot(path=str(SHOTS / "meeting-log.png"), full_page=True)
    page.get_by_role("button", name="Log meeting").click()
    # Then it is in the history, waiting for Alice
    page.get_by_text("Your meeting is logged.").wait_for()
    history = page.locator("#meeting-history")
    assert history.get_by_text("Career paths").is_visible()
    assert history.get_by_text("Waiting for Alice Staff").is_visible()
    meeting = Meeting.objects.get()
    assert (meeting.duration_minutes, meeting.mode) == (45, "in_person")

    # Given Alice, her mentor
    page.context.clear_cookies()
    sign_in(page, "alice@sony.example")
    page.goto(f"/meetings/pairs/{pairing.pk}/")
    # When she confirms the meeting
    page.locator("#meeting-history").get_by_role("button", name="Confirm").click()
    # Then it shows as confirmed
    page.get_by_text("the meeting is confirmed").wait_for()
    assert page.locator("#meeting-history tbody").get_by_text("Confirmed").is_visible()
    page.screenshot(path=str(SHOTS / "meeting-confirmed.png"), full_page=True)
    meeting.refresh_from_db()
    assert meeting.confirmed_by == pairing.mentor
