"""Debian's Chromium driven by Playwright: no browser is downloaded."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)

from amplify.conftest import TOTP_SECRET

CHROMIUM = os.environ.get("AMPLIFY_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}
PASSWORD = "correct horse battery"  # the factories' password
SHOTS = Path(__file__).resolve().parents[3] / "var" / "test-screenshots"


# True once the window has its new width and the page's main box has kept the same size and
# place over two animation frames: the layout has settled after a resize (media queries
# applied, wrapped lines reflowed), so a screenshot or a measurement shows the new layout.
_SETTLED = """width => new Promise(resolve => {
  if (window.innerWidth !== width) { resolve(false); return; }
  const main = document.querySelector("main") || document.body;
  const box = () => JSON.stringify(main.getBoundingClientRect());
  const before = box();
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(box() === before)));
})"""


def resize(page: Any, viewport: dict[str, int]) -> None:
    """Set the viewport, then wait until the page's layout has settled at that size."""
    page.set_viewport_size(viewport)
    page.wait_for_function(_SETTLED, arg=viewport["width"])


def settled(page: Any) -> None:
    """Wait until the current page's layout is still (after a navigation or a swap)."""
    page.wait_for_function(_SETTLED, arg=page.viewport_size["width"])


def totp_code() -> str:
    """The staff personas' current TOTP code (they share one secret)."""
    return format_hotp_value(hotp_value(TOTP_SECRET, next(yield_hotp_counters_from_time())))


def sign_in(page: Any, email: str, *, code: str | None = None) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    if code:
        page.wait_for_url("**/2fa/authenticate/")
        page.fill("input[name=code]", code)
        with page.expect_navigation():  # away when accepted, the same page again when not
            page.click("button[type=submit]")
        if "/2fa/authenticate/" in page.url:
            # The 30-second window turned between making the code and sending it (a loaded
            # machine, pages held for axe): the next window's code is the staff's too.
            page.fill("input[name=code]", totp_code())
            page.click("button[type=submit]")
    # Signed in once the browser has left the sign-in and second-factor pages (a refused
    # code stays on them).
    page.wait_for_url(lambda url: "/accounts/" not in url)
