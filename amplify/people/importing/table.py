"""What a reader gives the dry run: a header row, then data rows of strings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.utils.translation import gettext_noop

from amplify.home.storedtext import english
from amplify.people.importing import limits

NOT_OPENED = gettext_noop("The XLSX file could not be opened (%(error)s).")


@dataclass(frozen=True)
class Message:
    """A sentence for the user kept as its English msgid and parameters, so that the import
    stores it that way and each reader sees it in her language (amplify.home.storedtext).
    The msgid is marked with gettext_noop where it is written."""

    msgid: str
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return english(self.msgid, self.params)

    def as_dict(self) -> dict[str, Any]:
        """As an import stores it: `message` is the English sentence, for old clients."""
        stored: dict[str, Any] = {"message": str(self), "msgid": self.msgid}
        if self.params:
            stored["params"] = self.params
        return stored


class UnreadableFile(ValueError):
    """The file is not a CSV or XLSX file we can read; the message says why (in English as
    the exception's text, as `message` for the user's language)."""

    def __init__(self, msgid: str, /, **params: Any) -> None:
        self.message = Message(msgid, params)
        super().__init__(str(self.message))


class Line(NamedTuple):
    # The row number as a spreadsheet shows it; the header is row 1.
    number: int
    cells: list[str]
    # Why the row could not be read (its cells are then not checked), or None.
    problem: Message | None = None


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[Line]
    warnings: list[Message] = field(default_factory=list)
    # How the text was decoded ("UTF-8", "Shift-JIS (cp932)"); None for XLSX.
    encoding: str | None = None


def too_many_rows(max_rows: int) -> Message:
    return Message(
        gettext_noop(
            "The file has more than %(rows)s rows, the most one import takes: split it into "
            "smaller files and import each."
        ),
        {"rows": f"{max_rows:,}"},
    )


def too_many_cells() -> Message:
    return Message(
        gettext_noop("This row has more than %(cells)s cells."), {"cells": limits.MAX_COLUMNS}
    )
