from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

FAKE_PDF = b"%PDF-1.7\n% a stand-in: most tests need the book, not its typesetting\n%%EOF\n"


@pytest.fixture
def quick_pdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Replace the renderer by a stand-in that records what it was asked to print."""
    printed: list[Any] = []

    def fake(book: Any, snapshot: Any, *, progress: Any) -> bytes:
        printed.append(snapshot)
        progress("Laying out the pages", 40)
        return FAKE_PDF

    monkeypatch.setattr("amplify.talentbook.render.book_pdf", fake)
    return printed
