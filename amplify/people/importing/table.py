"""What a reader gives the dry run: a header row, then data rows of strings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple


class UnreadableFile(ValueError):
    """The file is not a CSV or XLSX file we can read; the message says why."""


class Line(NamedTuple):
    # The row number as a spreadsheet shows it; the header is row 1.
    number: int
    cells: list[str]
    # Why the row could not be read (its cells are then not checked), or None.
    problem: str | None = None


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[Line]
    warnings: list[str] = field(default_factory=list)
    # How the text was decoded ("UTF-8", "Shift-JIS (cp932)"); None for XLSX.
    encoding: str | None = None


def too_many_rows(max_rows: int) -> str:
    return (
        f"The file has more than {max_rows:,} rows, the most one import takes: split it "
        "into smaller files and import each."
    )
