"""At phone width (390 px): the way to sign out is on screen, a long email address does not
make the page scroll sideways, and an error page keeps the product's layout."""

import pytest

from amplify.conftest import World
from amplify.people.models import Person
from amplify.programmes.models import Pairing
from amplify.tests.browser import SHOTS, resize, settled, sign_in, totp_code
from amplify.tests.browser.chromium import DESKTOP, PHONE

pytestmark = pytest.mark.browser
LONG_EMAIL = "bartholomew.featherstonehaugh-worthington.the-third@creative-mentor-network.example"


def _fits(tab) -> bool:
    return tab.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def test_a_phone_shows_sign_out_and_no_sideways_scroll(page, live_world: World) -> None:
    # Given Bea's mentor, and Bea with a very long email address
    bea = Person.objects.get(user=live_world.bea)
    Person.objects.filter(pk=bea.pk).update(email=LONG_EMAIL)
    resize(page, {"width": 390, "height": 844})
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


HEADER = "employee_id,name,email,country,division,job_title,manager_employee_id,languages,time_zone"
# An HR file whose rows have errors: the import page lists them in its error table.
BAD_FILE = f"""{HEADER}
E9,Zed Longname-Featherstonehaugh,not-an-email,GB,Sony Music UK,Head of Global Strategy,E404,en,
E8,Yan Report,yan@sony.example,XX,No Such Division,Manager,,en,Mars/Olympus
""".encode()


def _overflowing(tab, urls: list[str], name: str) -> list[str]:
    """The pages among `urls` that scroll sideways at this width; a screenshot of each."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    wide = []
    for url in urls:
        response = tab.goto(url)
        assert response is not None, url
        assert response.ok, f"{url}: {response.status}"
        settled(tab)
        width = tab.viewport_size["width"]
        slug = "-".join(p if not p.isdigit() else "n" for p in url.split("/") if p) or "home"
        tab.screenshot(path=str(SHOTS / f"fit-{name}-{slug}-{width}.png"), full_page=True)
        if not _fits(tab):
            wide.append(f"{url}: {tab.evaluate('document.scrollingElement.scrollWidth')}px")
    return wide


def _long_email(world: World) -> Person:
    bea = Person.objects.get(user=world.bea)
    Person.objects.filter(pk=bea.pk).update(email=LONG_EMAIL)
    return bea


def test_a_managers_tables_fit_a_phone(page, live_world: World) -> None:
    from amplify.matching import services as matching
    from amplify.matching.tests.cohorts import build_matchable
    from amplify.matching.tests.test_services import WEIGHTS
    from amplify.people.services import people_import_start

    # Given a cohort in matching with a run to review, an import with errors, and a mentee
    # with a very long email address
    _long_email(live_world)
    m = build_matchable(live_world)
    run = matching.matching_run_start(
        cohort=m.cohort, created_by=live_world.harriet, weights=WEIGHTS
    )
    run.refresh_from_db()  # the tests run tasks at once
    job = people_import_start(user=live_world.harriet, filename="hr.csv", content=BAD_FILE)
    cohort = live_world.cohort.pk
    urls = [
        "/people/",
        f"/programmes/cohorts/{cohort}/",
        f"/programmes/cohorts/{cohort}/people/",
        f"/programmes/cohorts/{cohort}/pairs/",
        f"/programmes/cohorts/{cohort}/history/",
        f"/matching/cohort/{m.cohort.pk}/",
        f"/matching/runs/{run.pk}/",
        "/events/",
        f"/events/{live_world.event.pk}/",
        f"/events/cohort/{cohort}/",
        "/people/imports/",
        f"/people/imports/{job.pk}/",
        # The mentoring programme's cohort pages (issue 9)
        f"/meetings/cohorts/{cohort}/",
        f"/mentoring/manage/cohorts/{cohort}/",
        f"/training/cohorts/{cohort}/",
        f"/volunteering/cohort/{cohort}/volunteers/",
        f"/outcomes/cohorts/{cohort}/",
        f"/outcomes/cohorts/{cohort}/showcase/",
    ]
    sign_in(page, "harriet@sony.example", code=totp_code())
    # When she opens each of them at a desktop's width and a phone's
    for viewport, name in ((DESKTOP, "manager"), (PHONE, "manager")):
        resize(page, viewport)
        # Then none of them scrolls sideways: a wide table scrolls inside its own box
        assert _overflowing(page, urls, name) == []


def test_a_mentors_and_an_impact_admins_pages_fit_a_phone(page, live_world: World) -> None:
    from amplify.diversity.services import diversity_profile_save

    # Given Bea, with a very long email address and a diversity profile
    bea = _long_email(live_world)
    diversity_profile_save(
        person=bea, changed_by=live_world.ina, consent_given=True, gender="woman"
    )
    cohort = live_world.cohort.pk
    pair = Pairing.objects.get(mentor__user=live_world.alice, mentee=bea).pk
    mentor = [
        "/",
        "/people/",
        f"/people/{bea.pk}/",
        f"/programmes/cohorts/{cohort}/",
        f"/programmes/cohorts/{cohort}/pairs/",
        f"/events/cohort/{cohort}/",
        "/events/",
        f"/events/{live_world.event.pk}/",
        "/matching/my-match/",
        "/mentoring/",
        "/meetings/",
        "/training/",
        f"/meetings/pairs/{pair}/",
        f"/mentoring/pairs/{pair}/",
    ]
    impact = ["/", "/people/", f"/people/{bea.pk}/", "/diversity/", "/diversity/access-log/"]
    for email, urls, name in (
        ("alice@sony.example", mentor, "mentor"),
        ("ina@sony.example", impact, "impact-admin"),
    ):
        # When each signs in and opens her pages at a desktop's width and a phone's, then
        # none scrolls sideways
        resize(page, DESKTOP)
        sign_in(page, email, code=totp_code() if name == "impact-admin" else None)
        for viewport in (DESKTOP, PHONE):
            resize(page, viewport)
            assert _overflowing(page, urls, name) == []
        page.get_by_role("button", name="Sign out").click()


def _rows_of_figures(tab) -> list[int]:
    """How many of the home page's figures sit on each row, top to bottom."""
    tops = tab.eval_on_selector_all(
        ".stats .stat", "els => els.map(e => Math.round(e.getBoundingClientRect().top))"
    )
    return [tops.count(top) for top in sorted(set(tops))]


def test_a_partners_home_shows_four_figures_in_one_row_or_two(page, live_world: World) -> None:
    bea = _long_email(live_world)
    sign_in(page, "pat@creativementor.example")
    urls = ["/", "/people/", f"/people/{bea.pk}/"]
    # On a desktop: one row of four figures
    resize(page, DESKTOP)
    assert _overflowing(page, urls, "partner") == []
    page.goto("/")
    assert _rows_of_figures(page) == [4]
    # On a phone: two rows of two, and nothing scrolls sideways
    resize(page, PHONE)
    assert _overflowing(page, urls, "partner") == []
    page.goto("/")
    assert _rows_of_figures(page) == [2, 2]
