"""Finding 12 (the importer's half): a control character in a cell is a row error in the dry
run, by the one rule of `amplify.core.text`, not a misleading failure at commit time."""

import io

import openpyxl
import pytest

from amplify.accounts.models import User
from amplify.home.control_characters import describe_control_character
from amplify.people.importing.check import Snapshot, check
from amplify.people.importing.reader import read_table
from amplify.people.models import PeopleImport, Person
from amplify.people.services import people_import_start
from amplify.people.tests.factories import UserFactory
from amplify.people.tests.test_import_check import REFERENCE

HEADER = b"employee_id,name,email,country,notes\n"
# Enough clean rows that the NUL sits past the first few kilobytes, where a sniff stops.
PADDING = b"".join(b"E%d,Person %d,p%d@x.example,GB,\n" % (i, i, i) for i in range(200))


@pytest.mark.parametrize(
    ("cell", "column"),
    [
        ("Ana\x00Souza", "name"),
        ("Ana\tSouza", "name"),
        ("Ana\x1b[31mSouza", "name"),
        ("Ana\u2028Souza", "name"),
        ("Ana\x85Souza", "name"),
    ],
)
def test_it_reports_a_control_character_with_its_row_and_column(cell: str, column: str) -> None:
    content = HEADER + PADDING + f"E999,{cell},ana@x.example,BR,\n".encode()
    plan = check(read_table(content, "hr.csv"), reference=REFERENCE, snapshot=Snapshot({}, {}))
    assert [(e.row, e.column, e.message) for e in plan.errors] == [
        (202, column, describe_control_character(cell))
    ]


@pytest.fixture
def manager(db: None) -> User:
    return UserFactory(role=User.Role.PROGRAMME_MANAGER)


def test_it_checks_ignored_columns_too() -> None:
    content = HEADER + b"E1,Ana,ana@x.example,BR,late\x00night\n"
    plan = check(read_table(content, "hr.csv"), reference=REFERENCE, snapshot=Snapshot({}, {}))
    assert [(e.row, e.column) for e in plan.errors] == [(2, "notes")]


def test_it_matches_headers_across_line_breaks_and_escapes_odd_ones() -> None:
    # Header cells are matched, never stored: "Employee<Alt+Enter>ID" in an XLSX is fine.
    book = openpyxl.Workbook()
    book.active.append(["Employee\nID", "name", "email", "country"])
    book.active.append(["E1", "Ana", "ana@x.example", "BR"])
    out = io.BytesIO()
    book.save(out)
    plan = check(
        read_table(out.getvalue(), "hr.xlsx"), reference=REFERENCE, snapshot=Snapshot({}, {})
    )
    assert plan.ok, plan.errors
    content = b"employee_id,name,email,country,no\x07tes\nE1,Ana,ana@x.example,BR,\n"
    plan = check(read_table(content, "hr.csv"), reference=REFERENCE, snapshot=Snapshot({}, {}))
    assert plan.ok, plan.errors
    assert [str(w) for w in plan.warnings[1:]] == ["Ignored columns: no\\x07tes."]


def test_it_stops_a_nul_at_the_dry_run(manager, django_capture_on_commit_callbacks) -> None:
    content = HEADER.replace(b",notes", b"") + PADDING.replace(b",\n", b"\n")
    content += b"E999,Ana\x00Souza,ana@x.example,GB\n"
    with django_capture_on_commit_callbacks(execute=True):
        job = people_import_start(user=manager, filename="hr.csv", content=content)
    job.refresh_from_db()
    assert job.status == PeopleImport.Status.INVALID
    assert [(e["row"], e["column"], e["message"]) for e in job.errors] == [
        (202, "name", "Contains a NUL byte at character 4; remove it.")
    ]
    assert not Person.objects.exists()
