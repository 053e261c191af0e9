"""Every role's main pages in a real browser, at a desktop and at a phone's width, so that
axe-core checks each of them (the `page` fixture, amplify/tests/browser/axe.py) and the test
fails on any serious or critical WCAG 2.2 AA violation. A screenshot of each role's home at
both widths is saved under var/test-screenshots/ to be looked at.

A role's main pages are found as a person finds them: her home, every link of her menu, the
first cohort, event and person her home links to, and that cohort's tabs. Each role signs
in once and sees the same pages at both widths."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from amplify.conftest import World, _user
from amplify.events.tests.factories import EventFactory
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Enrolment, Pairing
from amplify.programmes.tests.factories import EnrolmentFactory, PairingFactory
from amplify.tests.browser.chromium import DESKTOP, PHONE, SHOTS, sign_in, totp_code

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Role:
    email: str
    staff: bool = False  # signs in with a second factor


# The personas of amplify/conftest.py, and three more in the leadership cohort (below).
ROLES = {
    "programme-manager": Role("harriet@sony.example", staff=True),
    "impact-admin": Role("ina@sony.example", staff=True),
    "administrator": Role("ada@sony.example", staff=True),
    "participant": Role("paula@sony.example"),
    "coach": Role("colin@sony.example"),
    "sponsor": Role("sian@sony.example"),
    "mentor": Role("alice@sony.example"),
    "mentee": Role("bea@example.com"),
    "outreach-partner": Role("pat@creativementor.example"),
}


def add_leadership_roles(world: World) -> None:
    """Paula takes part in the leadership cohort, Colin coaches her, Sian sponsors it; the
    cohort has an upcoming global week."""
    R = Enrolment.Role
    people = {}
    for key, role in (("paula", R.PARTICIPANT), ("colin", R.COACH), ("sian", R.SPONSOR)):
        user = _user(f"{key}@sony.example")
        people[key] = PersonFactory(name=f"{key.capitalize()} Staff", email=user.email, user=user)
        EnrolmentFactory(cohort=world.leadership_cohort, person=people[key], role=role)
    PairingFactory(
        cohort=world.leadership_cohort,
        kind=Pairing.Kind.COACHING,
        mentor=people["colin"],
        mentee=people["paula"],
    )
    EventFactory(
        cohort=world.leadership_cohort,
        title="Global week",
        starts_at=timezone.now() + timedelta(days=21),
    )


# Links whose pages are one of a kind the walk visits once: the first of each.
DETAIL_PREFIXES = ("/programmes/cohorts/", "/events/", "/people/")


def _links(page: Any, selector: str) -> list[str]:
    hrefs = page.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))")
    return [h for h in hrefs if h and h.startswith("/") and not h.endswith((".ics", ".csv"))]


def main_pages(page: Any) -> list[str]:
    """Home, the menu, the first cohort, event and person linked from home, the cohort's
    tabs: the pages a person of this role uses, found from what she is shown."""
    page.goto("/")
    pages = ["/", *_links(page, "nav a")]
    details = [h for h in _links(page, "main a") if urlsplit(h).path.rstrip("/")[-1:].isdigit()]
    for prefix in DETAIL_PREFIXES:
        first = next((h for h in details if h.startswith(prefix)), None)
        if first:
            pages.append(first)
            if prefix == "/programmes/cohorts/":
                page.goto(first)
                pages += _links(page, "main .tabs a")
    return list(dict.fromkeys(pages))  # once each, in order


@pytest.mark.parametrize("role", ROLES)
def test_each_main_page_of_a_role_passes_axe(page, live_world: World, role: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    add_leadership_roles(live_world)
    # Given a person of this role, signed in once
    who = ROLES[role]
    sign_in(page, who.email, code=totp_code() if who.staff else None)
    pages = main_pages(page)
    assert len(pages) > 1, pages
    # When she opens each of her main pages, on a desktop and on a phone
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for url in pages:
            response = page.goto(url)
            # Then each page is there for her (axe checks it as she leaves it)
            assert response is not None, url
            assert response.ok, f"{url}: {response.status}"
        page.goto("/")
        page.screenshot(path=str(SHOTS / f"home-{role}-{viewport['width']}.png"), full_page=True)
