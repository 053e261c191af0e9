"""In a real browser with JavaScript off: a manager closes a cohort through its confirmation,
then reopens it. Nothing depends on a script (no JS confirm())."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)

from amplify.conftest import TOTP_SECRET, World
from amplify.programmes.models import Cohort
from amplify.tests.browser import SHOTS, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def page(chromium, live_server) -> Iterator[object]:
    """A tab with JavaScript off (axe needs scripts, so this one page is not audited: the
    other browser tests audit the same pages with scripts on)."""
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 860}, java_script_enabled=False
    )
    yield context.new_page()
    context.close()


def test_a_manager_closes_and_reopens_a_cohort_without_javascript(page, live_world: World) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    code = format_hotp_value(hotp_value(TOTP_SECRET, next(yield_hotp_counters_from_time())))
    sign_in(page, "harriet@sony.example", code=code)
    page.goto(live_world.cohort.get_absolute_url())
    # The running cohort's main button is the next useful thing, not closing it
    assert page.locator(".page-head .btn-primary").inner_text() == "Plan an event"
    page.get_by_role("link", name="Close the cohort…").click()
    # The confirmation says what will happen before anything does
    page.get_by_text("4 active enrolments will be marked completed.").wait_for()
    page.screenshot(path=str(SHOTS / "cohort-close-confirm.png"), full_page=True)
    assert Cohort.objects.get(pk=live_world.cohort.pk).status == Cohort.Status.RUNNING
    page.get_by_role("button", name="Close the cohort").click()
    page.get_by_text("people took part").wait_for()
    assert Cohort.objects.get(pk=live_world.cohort.pk).status == Cohort.Status.CLOSED
    page.get_by_role("link", name="Reopen…").click()
    page.get_by_role("button", name="Reopen the cohort").click()
    page.get_by_text("people taking part").wait_for()
    cohort = Cohort.objects.get(pk=live_world.cohort.pk)
    assert cohort.status == Cohort.Status.RUNNING
    assert cohort.enrolments.active().count() == 4
