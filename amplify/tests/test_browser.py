"""In a real browser: the programme manager opens a cohort and sees its people; a mentor
replies to an event. Playwright drives Debian's Chromium; no browser is downloaded."""

import pytest

from amplify.conftest import World
from amplify.events.models import Rsvp
from amplify.tests.browser import SHOTS, sign_in, totp_code

# The `page` fixture (amplify/tests/conftest.py) runs axe-core on every page a test shows.
pytestmark = pytest.mark.browser


def test_a_manager_opens_a_cohort_and_a_mentor_replies(page, live_world: World) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Given the programme manager, who signs in with her second factor
    sign_in(page, "harriet@sony.example", code=totp_code())
    # When she opens the programme, then its cohort, then the cohort's people
    page.get_by_role("link", name="Programmes").first.click()
    page.get_by_role("link", name="Positive Influence").first.click()
    page.get_by_role("link", name=live_world.cohort.name).click()
    page.get_by_role("link", name="People", exact=True).last.click()
    # Then she sees the mentors and mentees
    roster = page.locator("#roster")
    for name in ("Alice Staff", "Bea Young", "Carl Staff", "Dan Young"):
        assert roster.get_by_text(name).is_visible()
    page.screenshot(path=str(SHOTS / "cohort-people.png"), full_page=True)
    page.get_by_role("button", name="Sign out").click()

    # Given a mentor of the cohort
    sign_in(page, "alice@sony.example")
    # When she opens the event and answers "Going"
    page.get_by_role("link", name="Launch evening").first.click()
    page.get_by_role("button", name="Going", exact=True).click()
    # Then the reply shows at once (htmx) and is stored
    page.get_by_text("You replied “going”").wait_for()
    going = page.get_by_role("button", name="Going", exact=True)
    assert going.get_attribute("aria-pressed") == "true"
    page.screenshot(path=str(SHOTS / "event-rsvp.png"), full_page=True)
    rsvp = Rsvp.objects.get(event=live_world.event)
    assert rsvp.person.email == "alice@sony.example"
    assert rsvp.response == "going"


def test_a_manager_matches_locks_and_publishes(page, live_world: World) -> None:
    from amplify.matching.tests.cohorts import build_matchable
    from amplify.programmes.models import Pairing

    SHOTS.mkdir(parents=True, exist_ok=True)
    cohort = build_matchable(live_world).cohort
    sign_in(page, "harriet@sony.example", code=totp_code())
    # When she opens the cohort's matching tab and runs the engine with the default weights
    page.goto(f"/matching/cohort/{cohort.pk}/")
    page.get_by_role("button", name="Run matching").click()
    # Then the run is certified and explains its pairs
    page.get_by_text("Certified optimal").wait_for()
    assert page.get_by_text("Not matched (2)").is_visible()
    # When she locks a pair (htmx swaps the button in place) and publishes
    page.get_by_role("button", name="Lock", exact=True).first.click()
    page.get_by_role("button", name="Locked", exact=True).wait_for()
    page.screenshot(path=str(SHOTS / "matching-review.png"), full_page=True)
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Published: 2 new pairs").wait_for()
    assert Pairing.objects.filter(cohort=cohort).count() == 2


def test_htmx_works_under_the_content_security_policy(page, live_world: World) -> None:
    from amplify.people.models import PeopleImport

    # Every console message and script error, to prove nothing was blocked by the policy.
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    sign_in(page, "harriet@sony.example", code=totp_code())
    # When she filters the cohort's people (an htmx request and swap)
    page.goto(f"/programmes/cohorts/{live_world.cohort.pk}/people/")
    page.get_by_label("Filter this cohort").fill("Bea")
    page.wait_for_url("**q=Bea**")
    roster = page.locator("#roster")
    roster.get_by_text("Bea Young").wait_for()
    assert roster.get_by_text("Alice Staff").count() == 0
    # And looks for someone to enrol (htmx fills the candidates)
    page.get_by_label("Search people to enrol").fill("Otto")
    page.locator("#candidates").get_by_text("Otto Staff").wait_for()
    # And opens an import still being checked, which polls: its requests say they are polls
    job = PeopleImport.objects.create(
        uploaded_by=live_world.harriet, filename="x.csv", content=b"x", size=1
    )
    page.goto(f"/people/imports/{job.pk}/")
    with page.expect_request(
        lambda r: f"/people/imports/{job.pk}" in r.url and "hx-request" in r.headers
    ) as polled:
        pass
    assert polled.value.headers.get("x-amplify-poll") == "1"
    # Then the policy was sent and nothing broke it
    response = page.goto("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    blocked = [m for m in console if "Content Security Policy" in m or m.startswith("pageerror")]
    assert blocked == []
