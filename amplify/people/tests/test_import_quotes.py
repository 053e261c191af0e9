"""Finding 9: a quote left open must not merge rows silently. Every row of the file is a
person or a row error; a row that swallowed the lines after it is an error that says so."""

import io

import openpyxl

from amplify.people.importing.check import Plan, Snapshot, check
from amplify.people.importing.reader import read_table
from amplify.people.tests.test_import_check import REFERENCE

HEADER = "employee_id,name,email,country\n"


def run(content: bytes, filename: str = "hr.csv") -> Plan:
    return check(read_table(content, filename), reference=REFERENCE, snapshot=Snapshot({}, {}))


def test_it_refuses_a_quote_never_closed() -> None:
    # The probe's file: the dry run said "ready, 1 new" and Ben vanished into Ana's name.
    plan = run(f'{HEADER}E1,"Ana Souza,ana@x.example,BR\nE2,Ben Hall,ben@x.example,GB\n'.encode())
    assert not plan.ok
    assert not plan.creates
    [error] = plan.errors
    assert (error.row, error.column) == (2, None)
    assert error.message.startswith(
        'A quote (") in this row is never closed, so lines 2–3 of the file'
    )


def test_it_refuses_a_quote_closed_rows_later() -> None:
    plan = run(
        f'{HEADER}E1,"Ana Souza,ana@x.example,BR\nE2,Ben",ben@x.example,GB\n'
        f"E3,Cy,cy@x.example,GB\n".encode()
    )
    assert [(e.row, e.column) for e in plan.errors] == [(2, None)]
    assert plan.errors[0].message.startswith(
        'This row runs over lines 2–3 of the file: a quote (") in column “name” is not closed'
    )
    # Cy, after the broken row, is still read as row 3 and would be imported once it is fixed.
    assert [r.employee_id for r in plan.rows] == ["E3"]


def test_it_refuses_a_quote_closed_rows_later_mid_cell() -> None:
    plan = run(
        f'{HEADER}E1,"Ana Souza,ana@x.example,BR\nE2,Ben" Hall,ben@x.example,GB\n'
        f"E3,Cy,cy@x.example,GB\n".encode()
    )
    assert [(e.row, e.column) for e in plan.errors] == [(2, None)]
    assert plan.errors[0].message.startswith("This row runs over lines 2–3 of the file")
    assert [r.employee_id for r in plan.rows] == ["E3"]


def test_it_refuses_text_after_a_closing_quote() -> None:
    plan = run(f'{HEADER}E1,"Ana" Souza,ana@x.example,BR\nE2,Ben,ben@x.example,GB\n'.encode())
    assert [(e.row, e.column) for e in plan.errors] == [(2, None)]
    assert 'a closing quote (") must be followed by the separator “,”' in plan.errors[0].message
    assert [r.employee_id for r in plan.rows] == ["E2"]


def test_it_keeps_quoted_cells_and_quotes_inside_a_name() -> None:
    plan = run(
        f'{HEADER}E1,"Souza, Ana",ana@x.example,BR\nE2,Ben "Benny" Hall,b@x.example,GB\n'.encode()
    )
    assert plan.ok, plan.errors
    assert [r.name for r in plan.creates] == ["Souza, Ana", 'Ben "Benny" Hall']


def test_it_refuses_a_line_break_inside_an_xlsx_cell() -> None:
    book = openpyxl.Workbook()
    book.active.append(["employee_id", "name", "email", "country"])
    book.active.append(["E1", "Ana\nSouza", "ana@x.example", "BR"])
    out = io.BytesIO()
    book.save(out)
    plan = run(out.getvalue(), "hr.xlsx")
    assert [(e.row, e.column, e.message) for e in plan.errors] == [
        (2, "name", "Contains a line break at character 4; remove it.")
    ]
