"""In a real browser: a mentor changes the interface to Japanese with the switcher, by
keyboard alone and with no script needed, and her pages stay in Japanese."""

import pytest

from amplify.conftest import World
from amplify.tests.browser import SHOTS, resize, settled, sign_in

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
    resize(page, {"width": 390, "height": 844})
    page.goto("/")
    settled(page)
    page.screenshot(path=str(SHOTS / "home-mentor-ja-390.png"), full_page=True)
    # And Spanish, the same way
    page.get_by_label("言語").select_option("es")
    page.get_by_role("button", name="言語を変更").click()
    page.get_by_text("Sus cohortes").wait_for()
    # The screenshot waits for the desktop's layout (the menu a column beside the page again),
    # not the phone's still reflowing
    resize(page, {"width": 1280, "height": 860})
    assert page.evaluate("document.querySelector('main').getBoundingClientRect().left") >= 240
    page.screenshot(path=str(SHOTS / "home-mentor-es-1280.png"), full_page=True)
