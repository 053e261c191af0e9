"""Browser fixtures: one Chromium for the whole session, a fresh tab per test, and axe-core
checking every page that tab shows (amplify/tests/browser/axe.py)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches

from amplify.conftest import World, build_world
from amplify.tests.browser.axe import Auditor
from amplify.tests.browser.chromium import ARGS, CHROMIUM, DESKTOP


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is missing at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls in the tests
    # are ordinary blocking set-up, not async code. Only while a browser is open.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as p:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def axe(chromium: Any, live_server: Any, transactional_db: None) -> Iterator[Auditor]:
    """A tab in a fresh context (no cookies), with axe-core watching it. The test fails if
    axe finds a serious or critical violation on any page the tab showed."""
    context = chromium.new_context(base_url=live_server.url, viewport=DESKTOP)
    auditor = Auditor()
    auditor.attach(context)
    yield auditor
    try:
        auditor.settle()  # the last page, which no later request waited for
    finally:
        context.close()
    if auditor.unfinished and not auditor.checked:
        auditor.errors.append("axe finished no check at all")
    if auditor.violations or auditor.errors:
        pytest.fail(auditor.report(), pytrace=False)
    if os.environ.get("AMPLIFY_AXE_REPORT"):
        print(auditor.report())


@pytest.fixture
def page(axe: Auditor) -> Any:
    return axe.page


@pytest.fixture
def live_world(transactional_db: None, django_db_serialized_rollback: None) -> World:
    # The flush after a live-server test empties every table, reference data (countries,
    # languages) included; a serialized rollback restores it for the next test.
    # The cache outlives the flush: it remembers each TOTP code used (a replay is refused)
    # and each sign-in (rate limits), keyed by user ids the next world reuses.
    for cache in caches.all():
        cache.clear()
    return build_world()
