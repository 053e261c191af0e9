"""CSV and XLSX of any report `Table`: the same objects the page renders, so the same
suppression ("fewer than 5") reaches the file.

Formula-safe (the OWASP rule): a cell whose text begins with `=`, `+`, `-`, `@`, a tab or a
carriage return is prefixed with a single quote, so a spreadsheet shows it as text instead of
running it. A plain negative number ("-2") is not a formula: it stays a number (and "-2" in
the CSV). Other control characters (which XLSX cannot hold and which hide text) are removed.

Layout. XLSX: one sheet per table (a title row, the header, the rows, the note) and a last
sheet "Definitions" (table, term, definition). CSV (UTF-8 with a byte-order mark, for Excel):
each table as its title row, its header and its rows, tables separated by a blank row, then
a blank row and a "Definitions" section (table, term, definition).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from amplify.core.disclosure import Cell
from amplify.impact.figures import Figure
from amplify.impact.tables import Table, Value, cell_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# C0 controls but tab, line feed and carriage return (those are neutralised or kept).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def neutralise(text: str) -> str:
    """The text as a spreadsheet may safely receive it."""
    text = CONTROL.sub("", text)
    if PLAIN_NUMBER.fullmatch(text):
        return text
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _xlsx_value(value: Value) -> int | float | str:
    """A shown count is a number; a hidden one and a figure are their words; a label that is a
    plain number is a number, anything else neutralised text."""
    if isinstance(value, Cell) and not value.hidden:
        return int(value.value or 0)
    if isinstance(value, Figure | Cell) or value is None:
        return neutralise(cell_text(value))
    text = neutralise(str(value))
    if PLAIN_NUMBER.fullmatch(text):
        return float(text) if "." in text else int(text)
    return text


def _definitions(tables: list[Table]) -> list[list[str]]:
    return [
        [neutralise(t.title), neutralise(term), neutralise(definition)]
        for t in tables
        for term, definition in t.definitions
    ]


def to_csv(tables: list[Table]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for i, table in enumerate(tables):
        if i:
            writer.writerow([])
        writer.writerow([neutralise(table.title)])
        writer.writerow([neutralise(c) for c in table.columns])
        writer.writerows([[neutralise(t) for t in row] for row in table.text_rows()])
        if table.note:
            writer.writerow([neutralise(table.note)])
    definitions = _definitions(tables)
    if definitions:
        writer.writerow([])
        writer.writerow([_("Definitions")])
        writer.writerow([_("Table"), _("Term"), _("Definition")])
        writer.writerows(definitions)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _sheet_title(key: str, used: set[str]) -> str:
    # Sheet names: at most 31 characters, none of []:*?/\ , unique.
    base = re.sub(r"[\[\]:*?/\\]", "-", key)[:28] or "table"
    title, n = base, 2
    while title.casefold() in used:
        title, n = f"{base}-{n}", n + 1
    used.add(title.casefold())
    return title


def to_xlsx(tables: list[Table]) -> bytes:
    book = Workbook()
    bold = Font(bold=True)
    used = {_("Definitions").casefold()}
    first = True
    for table in tables:
        sheet = book.active if first else book.create_sheet()
        first = False
        sheet.title = _sheet_title(table.key, used)
        sheet.append([neutralise(table.title)])
        sheet.cell(row=1, column=1).font = bold
        sheet.append([neutralise(c) for c in table.columns])
        for cell in sheet[2]:
            cell.font = bold
        for row in table.rows:
            sheet.append([_xlsx_value(v) for v in row])
        if table.note:
            sheet.append([neutralise(table.note)])
    definitions = book.active if first else book.create_sheet()
    definitions.title = _("Definitions")
    definitions.append([_("Table"), _("Term"), _("Definition")])
    for cell in definitions[1]:
        cell.font = bold
    for line in _definitions(tables):
        definitions.append(line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_filename(key: str, *, today: date) -> str:
    """E.g. "people-2026-12-04": the table's key (or the report's) and the day."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", key).strip("-") or "report"
    return f"{safe}-{today.isoformat()}"


def table_response(tables: list[Table], *, fmt: str, filename: str) -> HttpResponse:
    """The tables as a download: `fmt` "csv" or "xlsx"; `filename` without its extension
    (one is added when missing)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    body = to_csv(tables) if fmt == "csv" else to_xlsx(tables)
    name = filename if filename.endswith(f".{fmt}") else f"{filename}.{fmt}"
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
