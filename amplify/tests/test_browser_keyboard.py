"""By keyboard alone, in a real browser: the skip link comes first and leads to the page's
content; an htmx swap keeps focus where the person was and says what changed."""

from __future__ import annotations

import pytest

from amplify.conftest import World
from amplify.tests.browser.chromium import sign_in, totp_code

pytestmark = pytest.mark.browser


def focused(page) -> str:
    """The focused element, as `tag#id.class name=value: text`."""
    return page.evaluate(
        """() => { const e = document.activeElement;
          return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
            + (e.getAttribute("name") ? " name=" + e.getAttribute("name") : "")
            + (e.getAttribute("value") ? " value=" + e.getAttribute("value") : "")
            + ": " + e.textContent.trim().slice(0, 40); }"""
    )


def test_the_skip_link_comes_first_and_leads_to_the_content(page, live_world: World) -> None:
    sign_in(page, "alice@sony.example")
    # When she presses Tab once on her home page
    page.keyboard.press("Tab")
    # Then the skip link has focus, and shows
    link = page.get_by_role("link", name="Skip to main content")
    assert focused(page).startswith("a: Skip to main content")
    assert link.bounding_box()["y"] >= 0
    # And Enter takes her to the content: the next Tab reaches the page, not the menu
    page.keyboard.press("Enter")
    assert focused(page).startswith("main#main")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


def test_a_reply_keeps_focus_on_the_button_pressed(page, live_world: World) -> None:
    sign_in(page, "alice@sony.example")
    page.goto(f"/events/{live_world.event.pk}/")
    # When she answers "Going" from the keyboard (htmx swaps the reply card)
    page.get_by_role("button", name="Going", exact=True).focus()
    page.keyboard.press("Enter")
    page.get_by_text("You replied “going”").wait_for()
    # Then focus is on the same button in the new card, now pressed, not lost on the page
    page.wait_for_function("() => document.activeElement !== document.body")
    assert focused(page) == "button name=response value=going: Going"
    going = page.get_by_role("button", name="Going", exact=True)
    assert going.get_attribute("aria-pressed") == "true"


def test_filtering_keeps_focus_in_the_box_and_says_how_many(page, live_world: World) -> None:
    sign_in(page, "harriet@sony.example", code=totp_code())
    page.goto(f"/programmes/cohorts/{live_world.cohort.pk}/people/")
    # When she types in the filter (htmx swaps the roster below it)
    box = page.get_by_label("Filter this cohort")
    box.press_sequentially("Bea")
    page.wait_for_url("**q=Bea**")
    page.locator("#roster").get_by_text("Bea Young").wait_for()
    # Then she is still typing in the box, and the live region said what was found
    assert focused(page).startswith("input name=q")
    announcer = page.locator("#announcer")
    page.wait_for_function("() => document.getElementById('announcer').textContent !== ''")
    assert announcer.text_content() == "1 result"
    assert announcer.get_attribute("aria-live") == "polite"
