"""CSV and XLSX of any table: formula-safe, suppression as on the page, the definitions
after the tables (CSV) or on their own sheet (XLSX)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from amplify.core.disclosure import Cell
from amplify.impact.exports import (
    export_filename,
    neutralise,
    table_response,
    to_csv,
    to_xlsx,
)
from amplify.impact.figures import Figure, Unit
from amplify.impact.tables import Table

NASTY = ['=HYPERLINK("http://evil.example","x")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def nasty_table() -> Table:
    return Table(
        key="nasty",
        title="=Title",
        columns=["Label", "Count", "Figure"],
        rows=[
            *[[text, Cell(12), "ok"] for text in NASTY],
            ["Hidden", Cell(None, "small"), Figure("k", "K", "d", Unit.PERCENT, value=None)],
            ["-2", Cell(7), "-3.5"],
            ["bell\x07 and nul\x00", Cell(0), "x"],
        ],
        definitions=[("=term", "@definition")],
    )


def rows_of_csv(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_neutralise_follows_the_owasp_rule() -> None:
    for text in NASTY:
        assert neutralise(text) == "'" + text
    assert neutralise("-2") == "-2"
    assert neutralise("-2.5") == "-2.5"
    assert neutralise("Mentors") == "Mentors"
    assert neutralise("a\x00b\x1b") == "ab"


def test_the_csv_neutralises_formulas_and_hides_small_cells() -> None:
    rows = rows_of_csv(to_csv([nasty_table()]))
    assert rows[0] == ["'=Title"]
    assert rows[1] == ["Label", "Count", "Figure"]
    labels = [r[0] for r in rows[2:8]]
    assert labels == ["'" + t for t in NASTY]
    hidden = rows[8]
    assert hidden == ["Hidden", "fewer than 5", "fewer than 5"]
    assert rows[9] == ["-2", "7", "-3.5"]
    assert rows[10][0] == "bell and nul"
    # The definitions after a blank row.
    at = rows.index(["Definitions"])
    assert rows[at - 1] == []
    assert rows[at + 2] == ["'=Title", "'=term", "'@definition"]


def test_the_xlsx_neutralises_formulas_keeps_numbers_and_defines_on_a_second_sheet() -> None:
    book = load_workbook(io.BytesIO(to_xlsx([nasty_table()])))
    assert book.sheetnames == ["nasty", "Definitions"]
    sheet = book["nasty"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "'=Title"
    labels = [r[0] for r in values[2:8]]
    assert labels[:5] == ["'" + t for t in NASTY[:5]]
    assert labels[5] in ("'\r=1", "'\n=1")  # XML keeps a carriage return as a line feed
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"  # no formula anywhere
    assert values[2][1] == 12  # a shown count is a number
    assert values[8][1:] == ["fewer than 5", "fewer than 5"]
    assert values[9][0] == -2
    assert values[9][2] == -3.5
    assert values[10][0] == "bell and nul"
    definitions = [[c.value for c in row] for row in book["Definitions"].iter_rows()]
    assert definitions[1] == ["'=Title", "'=term", "'@definition"]


def test_several_tables_get_a_sheet_each_with_unique_names() -> None:
    tables = [
        Table(key="people", title="A", columns=["x"], rows=[["1"]]),
        Table(key="people", title="B", columns=["x"], rows=[["2"]]),
    ]
    book = load_workbook(io.BytesIO(to_xlsx(tables)))
    assert book.sheetnames == ["people", "people-2", "Definitions"]
    rows = rows_of_csv(to_csv(tables))
    assert rows[0] == ["A"]
    assert [] in rows
    assert ["B"] in rows


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_response_is_a_named_download(fmt: str) -> None:
    response = table_response([nasty_table()], fmt=fmt, filename="nasty-2026-12-04")
    assert response["Content-Disposition"] == f'attachment; filename="nasty-2026-12-04.{fmt}"'
    assert export_filename("people by/role", today=date(2026, 12, 4)) == "people-by-role-2026-12-04"


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        table_response([], fmt="pdf", filename="x")
