"""In a real browser, the Content-Security-Policy refuses nothing Amplify itself sends: every
page of every role, the htmx swaps on them and the admin load without one violation (no
inline style or script). Each page whose look comes from app.css classes (not style="…") is
photographed at desktop and phone widths into var/test-screenshots/csp/ for a person to check.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from amplify.conftest import World
from amplify.core.matching.profiles import DEFAULT_WEIGHTS, Criterion
from amplify.matching import grouping, services
from amplify.matching.tests.cohorts import build_matchable, profile
from amplify.matching.tests.test_grouping import PEOPLE, ZONES
from amplify.people.models import PeopleImport
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Enrolment
from amplify.programmes.tests.factories import EnrolmentFactory
from amplify.tests.browser import SHOTS, sign_in, totp_code

pytestmark = pytest.mark.browser

# Recorded in the page itself before any of its own markup or script runs (an init script is
# not subject to the policy), so a violation while parsing counts too.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.effectiveDirective + " " + (e.blockedURI || "inline") +
    " at " + (e.sourceFile || location.pathname) + ":" + e.lineNumber + " " + (e.sample || ""));
});
"""
WIDTHS = (1280, 390)


class Walk:
    """One signed-in browser tab that visits pages and keeps every violation it saw."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.violations: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.violations.append(f"pageerror: {error}"))
        (SHOTS / "csp").mkdir(parents=True, exist_ok=True)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.violations.append(f"console {self.page.url}: {message.text}")

    def collect(self) -> None:
        # The events are queued tasks: give the page a moment to deliver them.
        self.page.wait_for_timeout(50)
        seen = self.page.evaluate("window.__cspViolations || []")
        self.violations += [f"{self.page.url}: {v}" for v in seen]
        self.page.evaluate("window.__cspViolations = []")

    def visit(self, path: str, shot: str | None = None) -> None:
        response = self.page.goto(path)
        assert response is not None
        assert response.status == 200, path
        assert self.page.url.endswith(path), f"{path} led to {self.page.url}"
        self.collect()
        if shot:
            self.photograph(shot)

    def photograph(self, name: str) -> None:
        for width in WIDTHS:
            self.page.set_viewport_size({"width": width, "height": 860})
            self.page.screenshot(path=str(SHOTS / "csp" / f"{name}-{width}.png"), full_page=True)
        self.page.set_viewport_size({"width": WIDTHS[0], "height": 860})

    def sign_out(self) -> None:
        self.page.get_by_role("button", name="Sign out").click()
        self.page.wait_for_url("**/accounts/login/**")


def _runs(world: World) -> dict[str, Any]:
    """A matching cohort with two ready runs that pair differently, and a leadership cohort
    with home groups formed."""
    m = build_matchable(world)
    weights = {c.value: w for c, w in DEFAULT_WEIGHTS.items()}
    # Not queued: executed here, once (the live server's transaction would also run a queued task).
    first = services.matching_run_start(
        cohort=m.cohort, created_by=world.harriet, weights=weights, queue=False
    )
    services.matching_run_execute(run=first)
    only_seniority = {c.value: 0 for c in Criterion} | {Criterion.SENIORITY.value: 5}
    second = services.matching_run_start(
        cohort=m.cohort, created_by=world.harriet, weights=only_seniority, queue=False
    )
    services.matching_run_execute(run=second)
    world.leadership.managers.add(world.person(world.harriet))
    Enrolment.objects.filter(cohort=world.leadership_cohort).delete()
    for n, (country, family) in enumerate(PEOPLE):
        person = PersonFactory(
            name=f"Participant {n:02d}", country_id=country, time_zone=ZONES[country]
        )
        EnrolmentFactory(
            cohort=world.leadership_cohort, person=person, role=Enrolment.Role.PARTICIPANT
        )
        profile(person, job_family=family, seniority=3)
    groups = grouping.grouping_run_start(
        cohort=world.leadership_cohort, created_by=world.harriet, queue=False
    )
    grouping.grouping_run_execute(run=groups)
    job = PeopleImport.objects.create(
        uploaded_by=world.harriet,
        filename="hr.csv",
        content=b"x",
        size=1,
        status=PeopleImport.Status.INVALID,
        rows_total=3,
        error_count=5,
        errors=[{"row": 2, "column": "email", "message": "Not an email address."}],
        warnings=["Two columns were not recognised."],
    )
    return {"matchable": m, "first": first, "second": second, "groups": groups, "job": job}


def test_no_page_of_any_role_breaks_the_policy(page, live_world: World) -> None:
    world = live_world
    made = _runs(world)
    m, cohort, event = made["matchable"], world.cohort, world.event
    walk = Walk(page)

    # Anyone: the sign-in page
    walk.visit("/accounts/login/", shot="login")

    # The programme manager: programmes, cohorts, people, events, matching, imports
    sign_in(page, "harriet@sony.example", code=totp_code())
    walk.collect()
    walk.visit("/", shot="home-manager")
    walk.visit("/programmes/", shot="programme-list")
    walk.visit(f"/programmes/{world.programme.slug}/", shot="programme-detail")
    walk.visit(f"/programmes/{world.programme.slug}/edit/", shot="programme-form")
    walk.visit(f"/programmes/cohorts/{cohort.pk}/", shot="cohort-detail")
    walk.visit(f"/programmes/cohorts/{cohort.pk}/edit/", shot="cohort-form")
    walk.visit(f"/programmes/cohorts/{cohort.pk}/pairs/", shot="cohort-pairs")
    walk.visit(f"/programmes/cohorts/{cohort.pk}/history/", shot="cohort-history")
    walk.visit(f"/programmes/cohorts/{cohort.pk}/people/", shot="cohort-people")
    # htmx: the candidates fragment (a role <select> per person) swapped into the page
    page.get_by_label("Search people to enrol").fill("Otto")
    page.locator("#candidates").get_by_text("Otto Staff").wait_for()
    walk.collect()
    walk.photograph("cohort-people-candidates")
    walk.visit(f"/events/cohort/{cohort.pk}/", shot="cohort-events")
    walk.visit(f"/events/{event.pk}/", shot="event-detail-manager")
    walk.visit(f"/events/{event.pk}/edit/", shot="event-form")
    walk.visit(f"/matching/cohort/{m.cohort.pk}/", shot="matching-runs")
    # A weight slider shows its value as it moves (app.js, not an inline handler)
    page.locator("input[type=range]").first.fill("5")
    assert page.locator(".weights output").first.text_content() == "5"
    walk.visit(f"/matching/runs/{made['first'].pk}/", shot="run-detail")
    # htmx: a pair's lock button swapped in place
    page.get_by_role("button", name="Lock", exact=True).first.click()
    page.get_by_role("button", name="Locked", exact=True).first.wait_for()
    walk.collect()
    walk.visit(
        f"/matching/runs/{made['second'].pk}/compare/{made['first'].pk}/", shot="run-compare"
    )
    walk.visit(f"/matching/cohort/{world.leadership_cohort.pk}/groups/", shot="groups")
    walk.visit(f"/matching/groups/{made['groups'].pk}/", shot="grouping-detail")
    walk.visit("/people/imports/", shot="import-list")
    walk.visit(f"/people/imports/{made['job'].pk}/", shot="import-detail")
    walk.visit("/people/add/", shot="person-add")
    walk.visit(f"/people/{m.mo.pk}/", shot="person-detail")
    walk.visit("/account/tokens/", shot="tokens")
    walk.visit("/api/docs")
    page.get_by_text("Amplify API").first.wait_for()  # Swagger UI drew itself
    walk.collect()
    walk.visit("/")
    walk.sign_out()

    # A mentor: her home, the event she replies to (htmx), her match and profile
    services.matching_run_publish(run=made["first"], published_by=world.harriet, notify=False)
    sign_in(page, "alice@sony.example")
    walk.collect()
    walk.visit("/", shot="home-mentor")
    walk.visit(f"/events/{event.pk}/", shot="event-detail")
    page.get_by_role("button", name="Going", exact=True).click()
    page.get_by_text("You replied “going”").wait_for()
    walk.collect()
    walk.visit("/matching/my-match/", shot="my-match")
    walk.visit("/matching/profile/", shot="match-profile")
    walk.visit(f"/people/{world.person(world.alice).pk}/")
    walk.visit(f"/people/{world.person(world.alice).pk}/edit/", shot="person-edit")
    walk.sign_out()

    # Her mentee, and an outreach partner
    for email in ("bea@example.com", "pat@creativementor.example"):
        sign_in(page, email)
        walk.collect()
        walk.visit("/")
        if email.startswith("bea"):  # a partner has no agenda or match of her own
            walk.visit("/events/")
            walk.visit("/matching/my-match/")
        walk.sign_out()

    # An employee without a second factor yet sets one up: the QR code is a data: image
    sign_in(page, "otto@sony.example")
    page.goto("/accounts/2fa/totp/activate/")
    page.fill("input[name=password]", "correct horse battery")  # allauth asks again first
    page.click("button[type=submit]")
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    page.locator("img[src^='data:']").wait_for()
    walk.collect()
    walk.visit("/privacy/")
    walk.sign_out()

    # The impact admin: organisation figures and diversity data
    sign_in(page, "ina@sony.example", code=totp_code())
    walk.collect()
    walk.visit("/", shot="home-impact")
    walk.visit("/diversity/", shot="diversity-index")
    walk.visit(f"/diversity/people/{world.person(world.bea).pk}/", shot="diversity-profile")
    walk.visit("/diversity/access-log/")
    walk.sign_out()

    assert walk.violations == [], "\n".join(walk.violations)


def test_the_admin_breaks_no_policy(page, live_world: World) -> None:
    world = live_world
    made = _runs(world)
    walk = Walk(page)
    sign_in(page, "ada@sony.example", code=totp_code())
    walk.collect()
    person = world.person(world.bea)
    for path in (
        "/admin/",
        "/admin/people/person/",
        f"/admin/people/person/{person.pk}/change/",
        f"/admin/people/person/{person.pk}/history/",
        "/admin/programmes/cohort/add/",
        f"/admin/programmes/cohort/{world.cohort.pk}/change/",
        f"/admin/matching/matchingrun/{made['first'].pk}/change/",
        "/admin/events/event/",
    ):
        walk.visit(path)
    # The date and time widgets draw their calendars with script
    page.goto(f"/admin/events/event/{world.event.pk}/change/")
    page.locator(".datetimeshortcuts a").first.click()
    walk.collect()
    assert walk.violations == [], "\n".join(walk.violations)


def test_the_recorder_sees_a_violation(page, live_world: World) -> None:
    # Given a page of ours with an inline style slipped in (as a template regression would)
    walk = Walk(page)
    walk.visit("/accounts/login/")
    page.evaluate(
        """() => { const d = document.createElement('div');
        d.innerHTML = '<span style="color:red">x</span>'; document.body.append(d); }"""
    )
    walk.collect()
    # Then the walk records it, so the tests above would fail
    assert any(re.search(r"style-src", v) for v in walk.violations), walk.violations
