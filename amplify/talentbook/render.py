"""The PDF of a book: WeasyPrint, from the same templates as the web edition, with a print
stylesheet (A4, a cover, the contents with page numbers, a spread per person, the index).

Images come from Django's storage only (the book's own copies of the photos): the fetcher
refuses every other address, so nothing in a page can make the renderer reach the network.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.translation import gettext_noop
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from amplify.talentbook.edition import edition_context

STORAGE_SCHEME = "amplify-storage:"
PRINT_STYLESHEET = "talentbook/print.css"
LAYING_OUT = gettext_noop("Laying out the pages")


class StorageFetcher(URLFetcher):
    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if not url.startswith(STORAGE_SCHEME):
            raise ValueError("The talent book reads images from its own storage only.")
        name = url.removeprefix(STORAGE_SCHEME)
        with default_storage.open(name, "rb") as stored:
            body = stored.read()
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def print_stylesheet() -> str:
    found = finders.find(PRINT_STYLESHEET)
    return Path(str(found)).read_text(encoding="utf-8")


def book_html(book: Any, snapshot: Mapping[str, Any]) -> str:
    context = edition_context(snapshot, photo_src=lambda p: f"{STORAGE_SCHEME}{p['photo']}")
    return render_to_string("talentbook/book_print.html", {**context, "book": book})


class _LayoutProgress(logging.Handler):
    """WeasyPrint logs each page it lays out ("Step 5 - Creating layout - Page 12"): the
    bar moves with them from 40 % to 80 %, against the pages a book of this size takes."""

    def __init__(self, expected_pages: int, progress: Callable[[str, int], None]) -> None:
        super().__init__()
        self.expected = max(1, expected_pages)
        self.progress = progress
        self.shown = 40

    def emit(self, record: logging.LogRecord) -> None:
        match = re.search(r"Creating layout - Page (\d+)", record.getMessage())
        if not match:
            return
        percent = min(79, 40 + 40 * int(match[1]) // self.expected)
        if percent > self.shown:
            self.shown = percent
            self.progress(LAYING_OUT, percent)


def book_pdf(
    book: Any, snapshot: Mapping[str, Any], *, progress: Callable[[str, int], None]
) -> bytes:
    """The PDF bytes. `progress(stage, percent)` is told as layout and writing begin."""
    html = book_html(book, snapshot)
    progress(LAYING_OUT, 40)
    # A cover, the contents, two pages a person (a spread), the index.
    watcher = _LayoutProgress(4 + 2 * len(snapshot.get("people", [])), progress)
    logger = logging.getLogger("weasyprint.progress")
    logger.addHandler(watcher)
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.INFO)
    logger.propagate = False  # the steps move the bar; they are not for the worker's log
    try:
        document = HTML(string=html, url_fetcher=StorageFetcher(), base_url="/").render(
            stylesheets=[CSS(string=print_stylesheet())]
        )
    finally:
        logger.removeHandler(watcher)
        logger.setLevel(level)
        logger.propagate = propagate
    progress(gettext_noop("Writing the PDF"), 80)
    return bytes(document.write_pdf())
