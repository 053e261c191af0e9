"""Fixtures of the browser tests: a Chromium tab on the live server, and the shared world
built so that the live server sees it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache

from amplify.conftest import World, build_world
from amplify.tests.browser import ARGS, CHROMIUM


@pytest.fixture
def page(live_server) -> Iterator[object]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is missing at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # are ordinary blocking set-up, not async code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 860}
        )
        yield context.new_page()
        browser.close()


@pytest.fixture
def live_world(transactional_db: None, django_db_serialized_rollback: None) -> World:
    # The flush after a live-server test empties every table, reference data (countries,
    # languages) included; a serialized rollback restores it for the next test.
    # The cache outlives the tables: allauth remembers each used TOTP code there by user id,
    # and a new world reuses the ids, so a code typed in the last test would be refused.
    cache.clear()
    return build_world()
