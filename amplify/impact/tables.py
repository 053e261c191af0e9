"""A report table as every output receives it: the page, the CSV and XLSX exports and the
PDF all render the same `Table`, so what one shows the others show, suppression included.

Cells hold either a `Figure`, a disclosure-controlled count (`amplify.core.disclosure.Cell`)
or plain text (a label). The exports write the table's `definitions` on a second sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from amplify.core.disclosure import Cell
from amplify.impact.figures import Figure

Value = Figure | Cell | str | None


@dataclass
class Table:
    key: str  # stable, for file names and anchors
    title: str
    columns: list[str]
    rows: list[list[Value]] = field(default_factory=list)
    # (term, definition) pairs: every indicator and column the table uses.
    definitions: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""  # e.g. why a breakdown was refused

    def text_rows(self) -> list[list[str]]:
        """Every cell as the text a reader sees ("fewer than 5" for a hidden one)."""
        return [[cell_text(value) for value in row] for row in self.rows]


def cell_text(value: Value) -> str:
    from django.utils.translation import gettext as _

    if value is None:
        return ""
    if isinstance(value, Figure):
        return value.display()
    if isinstance(value, Cell):
        return _("fewer than 5") if value.hidden else str(value.value)
    return str(value)
