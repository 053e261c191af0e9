"""Quoting what a file holds inside a message, briefly: a binary or runaway cell must not turn
an error message into kilobytes of its content."""

from __future__ import annotations

from amplify.core.text import control_character_at

EXCERPT_LENGTH = 60


def excerpt(value: str, limit: int = EXCERPT_LENGTH) -> str:
    """`value` cut to `limit` characters (with "…"), control characters written as escapes
    (\\x00, \\n) so that they are visible and harmless in a page, a CSV or a log."""
    cut = value[:limit]
    if control_character_at(cut) is not None:
        cut = "".join(
            char if control_character_at(char) is None else repr(char)[1:-1] for char in cut
        )
    return cut + "…" if len(value) > limit else cut
