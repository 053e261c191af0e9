"""The dry run, without a database: every bad-file case names its row and column."""

import io

import openpyxl
import pytest

from amplify.people.importing.check import Existing, Plan, Reference, Snapshot, check
from amplify.people.importing.reader import UnreadableFile, read_table

REFERENCE = Reference(
    countries=frozenset({"GB", "US", "BR", "JP"}),
    languages={"en": "en", "english": "en", "pt": "pt", "portuguese": "pt", "ja": "ja"},
    divisions={"sony music uk": 1, "sony pictures": 2},
    division_names={1: "Sony Music UK", 2: "Sony Pictures"},
    time_zones=frozenset({"Europe/London", "America/Sao_Paulo", "Asia/Tokyo"}),
)
HEADER = "employee_id,name,email,country,division,job_title,manager_employee_id,languages,time_zone"


def run(text: str, snapshot: Snapshot | None = None, filename: str = "hr.csv") -> Plan:
    table = read_table(text.encode(), filename)
    return check(table, reference=REFERENCE, snapshot=snapshot or Snapshot({}, {}))


def messages(plan: Plan) -> list[tuple[int, str | None, str]]:
    return [(e.row, e.column, e.message) for e in plan.errors]


def test_it_plans_a_clean_file() -> None:
    plan = run(f"""{HEADER}
E1,Ana Souza,ana@sony.example,BR,Sony Music UK,Director,,pt; English,America/Sao_Paulo
E2,Ben Hall,ben@sony.example,gb,,Manager,E1,en,Europe/London
""")
    assert plan.ok, messages(plan)
    assert [r.employee_id for r in plan.creates] == ["E1", "E2"]
    assert plan.creates[0].languages == ["pt", "en"]
    assert plan.creates[1].country == "GB"


def test_it_names_a_missing_column() -> None:
    plan = run("employee_id,name,country\nE1,Ana,BR\n")
    assert messages(plan) == [
        (1, "email", "Missing column “email”. The header row is: employee_id, name, country.")
    ]


def test_it_rejects_an_invalid_email() -> None:
    plan = run(f"{HEADER}\nE1,Ana,not-an-email,BR,,,,,\n")
    assert messages(plan) == [(2, "email", "“not-an-email” is not a valid email address.")]


def test_it_rejects_an_unknown_country_code_with_a_hint() -> None:
    plan = run(f"{HEADER}\nE1,Ana,ana@x.example,UK,,,,,\nE2,Ben,ben@x.example,ZZ,,,,,\n")
    assert messages(plan) == [
        (2, "country", "Unknown country code “UK”: did you mean GB?"),
        (3, "country", "Unknown country code “ZZ”; use ISO 3166-1 alpha-2, e.g. GB."),
    ]


def test_it_rejects_a_duplicate_employee_id() -> None:
    plan = run(f"{HEADER}\nE1,Ana,ana@x.example,BR,,,,,\nE1,Ben,ben@x.example,GB,,,,,\n")
    assert messages(plan) == [(3, "employee_id", "Employee id E1 is also on row 2.")]


def test_it_rejects_a_duplicate_email() -> None:
    plan = run(f"{HEADER}\nE1,Ana,ana@x.example,BR,,,,,\nE2,Ben,ANA@x.example,GB,,,,,\n")
    assert messages(plan) == [(3, "email", "Email ana@x.example is also on row 2.")]


def test_it_finds_a_manager_cycle() -> None:
    plan = run(f"""{HEADER}
E1,Ana,ana@x.example,BR,,,E3,,
E2,Ben,ben@x.example,GB,,,E1,,
E3,Cy,cy@x.example,GB,,,E2,,
E4,Di,di@x.example,GB,,,E1,,
""")
    errors = messages(plan)
    assert [(row, col) for row, col, _ in errors] == [
        (2, "manager_employee_id"),
        (3, "manager_employee_id"),
        (4, "manager_employee_id"),
    ]
    assert "Reporting lines form a cycle: E1 → E3 → E2 → E1." in errors[0][2]


def test_it_finds_a_cycle_through_people_already_in_amplify() -> None:
    snapshot = Snapshot(
        {"E9": Existing(9, "Zed", "zed@x.example", "GB", None, "", "E1", [], "")},
        {"zed@x.example": "E9"},
    )
    plan = run(f"{HEADER}\nE1,Ana,ana@x.example,BR,,,E9,,\n", snapshot)
    assert messages(plan) == [
        (2, "manager_employee_id", "Reporting lines form a cycle: E1 → E9 → E1.")
    ]


def test_it_rejects_an_unknown_manager_and_self_management() -> None:
    plan = run(f"{HEADER}\nE1,Ana,ana@x.example,BR,,,E1,,\nE2,Ben,ben@x.example,GB,,,E7,,\n")
    assert messages(plan) == [
        (2, "manager_employee_id", "A person cannot be their own manager."),
        (3, "manager_employee_id", "Manager E7 is neither in this file nor in Amplify."),
    ]


def test_it_rejects_unknown_divisions_languages_and_time_zones() -> None:
    plan = run(f"{HEADER}\nE1,Ana,ana@x.example,BR,Sony Records,,,en; xx,Mars/Olympus\n")
    assert messages(plan) == [
        (2, "division", "Unknown division “Sony Records”; it must be set up in Amplify first."),
        (
            2,
            "languages",
            "Unknown language “xx”; use ISO 639-1 codes (en, es, ja) or English names.",
        ),
        (
            2,
            "time_zone",
            "Unknown time zone “Mars/Olympus”; use an IANA name such as Europe/London.",
        ),
    ]


def test_it_refuses_an_email_held_by_someone_else() -> None:
    snapshot = Snapshot(
        {"E2": Existing(2, "Ben", "ben@x.example", "GB", None, "", None, [], "")},
        {"ben@x.example": "E2", "kid@x.example": "#7"},
    )
    plan = run(f"{HEADER}\nE1,Ana,ben@x.example,BR,,,,,\nE3,Cy,kid@x.example,GB,,,,,\n", snapshot)
    assert messages(plan) == [
        (2, "email", "Email ben@x.example already belongs to employee E2, already in Amplify."),
        (
            3,
            "email",
            "Email kid@x.example already belongs to an external person (not in the HR "
            "system) in Amplify.",
        ),
    ]


def test_it_lets_two_people_swap_emails() -> None:
    snapshot = Snapshot(
        {
            "E1": Existing(1, "Ana", "a@x.example", "BR", None, "", None, [], ""),
            "E2": Existing(2, "Ben", "b@x.example", "GB", None, "", None, [], ""),
        },
        {"a@x.example": "E1", "b@x.example": "E2"},
    )
    plan = run(
        "employee_id,name,email,country\nE1,Ana,b@x.example,BR\nE2,Ben,a@x.example,GB\n", snapshot
    )
    assert plan.ok, messages(plan)
    assert [changed for _, _, changed in plan.updates] == [("email",), ("email",)]


def test_it_leaves_absent_columns_alone_and_counts_unchanged_rows() -> None:
    snapshot = Snapshot(
        {
            "E1": Existing(
                1, "Ana", "a@x.example", "BR", 1, "Director", None, ["pt"], "Asia/Tokyo"
            ),
        },
        {"a@x.example": "E1"},
    )
    plan = run("Employee ID;Full name;Email address;Country\nE1;Ana;a@x.example;BR\n", snapshot)
    assert plan.ok
    assert plan.unchanged == 1
    assert not plan.updates
    assert not plan.creates


def test_it_reads_xlsx_with_numeric_ids() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["employee_id", "name", "email", "country"])
    sheet.append([1234, "Ana", "ana@x.example", "BR"])
    out = io.BytesIO()
    book.save(out)
    plan = check(
        read_table(out.getvalue(), "hr.xlsx"), reference=REFERENCE, snapshot=Snapshot({}, {})
    )
    assert plan.ok
    assert plan.creates[0].employee_id == "1234"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"%PDF-1.4\x00\x00binary", "This does not look like a CSV or XLSX file."),
    ],
)
def test_it_refuses_unreadable_files(content: bytes, message: str) -> None:
    with pytest.raises(UnreadableFile, match=message):
        read_table(content, "hr.csv")


def test_it_reports_a_header_without_people() -> None:
    assert messages(run(HEADER + "\n")) == [(2, None, "The file has a header row but no people.")]
