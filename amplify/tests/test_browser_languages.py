"""In a real browser: a mentor changes the interface to Japanese with the switcher, by
keyboard alone and with no script needed, and her pages stay in Japanese."""

import pytest

from amplify.conftest import World
from amplify.tests.browser import SHOTS, sign_in

pytestmark = pytest.mark.browser


def test_a_mentor_switches_to_japanese_by_keyboard(page, live_world: World) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Given a mentor signed in, her browser asking for English
    sign_in(page, live_world.alice.email)
    assert page.locator("html").get_attribute("lang") == "en-gb"
    # When she picks Japanese in the switcher and presses Enter on its button
    page.get_by_label("Language").select_option("ja")
    page.get_by_role("button", name="Change language").focus()
    with page.expect_navigation():  # the form posts, then comes back to this page
        page.keyboard.press("Enter")
    # Then the page, and the next one, are in Japanese
    assert page.locator("html").get_attribute("lang") == "ja"
    page.get_by_text("あなたのコホート").wait_for()
    page.screenshot(path=str(SHOTS / "home-mentor-ja-1280.png"), full_page=True)
    page.get_by_role("link", name="イベント").first.click()
    assert page.locator("html").get_attribute("lang") == "ja"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    page.screenshot(path=str(SHOTS / "home-mentor-ja-390.png"), full_page=True)
    # And Spanish, the same way
    page.get_by_label("言語").select_option("es")
    page.get_by_role("button", name="言語を変更").click()
    page.get_by_text("Sus cohortes").wait_for()
    page.set_viewport_size({"width": 1280, "height": 860})
    page.screenshot(path=str(SHOTS / "home-mentor-es-1280.png"), full_page=True)
