"""At phone width (390 px): the way to sign out is on screen, a long email address does not
make the page scroll sideways, and an error page keeps the product's layout."""

import pytest

from amplify.conftest import World
from amplify.people.models import Person
from amplify.tests.browser import sign_in

pytestmark = pytest.mark.browser
LONG_EMAIL = "bartholomew.featherstonehaugh-worthington.the-third@creative-mentor-network.example"


def _fits(tab) -> bool:
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_phone_shows_sign_out_and_no_sideways_scroll(page, live_world: World) -> None:
    # Given Bea's mentor, and Bea with a very long email address
    bea = Person.objects.get(user=live_world.bea)
    Person.objects.filter(pk=bea.pk).update(email=LONG_EMAIL)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "alice@sony.example")
    # Then the way to sign out is visible without opening anything
    assert page.get_by_role("button", name="Sign out").is_visible()
    # And Bea's page and the directory fit the screen's width
    page.goto(f"/people/{bea.pk}/")
    assert page.get_by_text(LONG_EMAIL).first.is_visible()
    assert _fits(page)
    page.goto("/people/")
    assert _fits(page)
    # And a page that does not exist explains itself in the layout, with a way home
    page.goto("/no-such-page/")
    assert page.get_by_role("heading", name="There is nothing here for you").is_visible()
    assert page.get_by_role("link", name="Go to your home page").is_visible()
    assert _fits(page)
