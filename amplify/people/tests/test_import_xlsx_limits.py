"""Finding 10: an XLSX that is small on upload and huge inside is refused with a clear error
before openpyxl parses anything, and no sheet is read past the row and column limits."""

import io
import struct
import zipfile

import openpyxl
import pytest

from amplify.accounts.models import User
from amplify.people.importing import limits
from amplify.people.importing.check import Plan, Snapshot, check
from amplify.people.importing.reader import UnreadableFile, read_table
from amplify.people.models import PeopleImport
from amplify.people.services import people_import_start
from amplify.people.tests.factories import UserFactory
from amplify.people.tests.test_import_check import REFERENCE

MB = 1024 * 1024


@pytest.fixture
def manager(db: None) -> User:
    return UserFactory(role=User.Role.PROGRAMME_MANAGER)


def workbook(*rows: list[object]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(content: bytes, replace: dict[str, bytes]) -> bytes:
    """The same workbook with some parts swapped for crafted ones."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for name in source.namelist():
            target.writestr(name, replace.pop(name, None) or source.read(name))
        for name, data in replace.items():
            target.writestr(name, data)
    return out.getvalue()


HEADER = ["employee_id", "name", "email", "country"]
SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if openpyxl (the memory-hungry part) is ever asked to open the file."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl was asked to parse a bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def test_it_refuses_a_sheet_that_unzips_a_thousandfold(no_parsing: None) -> None:
    # 40 MB of spaces inside a valid sheet: a few tens of kilobytes zipped.
    bomb = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData>' + b" " * (40 * MB) + b"</sheetData></worksheet>"
    )
    content = rezip(workbook(HEADER), {SHEET: bomb})
    assert len(content) < MB
    with pytest.raises(UnreadableFile) as error:
        read_table(content, "hr.xlsx")
    assert str(error.value).startswith(
        "This XLSX file is too large to read: its part xl/worksheets/sheet1.xml unzips to 40 MB"
    )


def test_it_refuses_a_workbook_larger_than_the_limit_unzipped(
    no_parsing: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_UNZIPPED_BYTES", 64 * 1024)
    content = workbook(
        HEADER, *([f"E{i}", "Ana Souza", f"a{i}@x.example", "BR"] for i in range(2000))
    )
    with pytest.raises(UnreadableFile, match=r"it unzips to \d+ KB, more than the 64 KB allowed"):
        read_table(content, "hr.xlsx")


def test_it_refuses_a_part_read_whole_that_is_too_large(
    no_parsing: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_PART_BYTES", 64 * 1024)
    styles = b"<styleSheet>" + b"<x/>" * 30_000 + b"</styleSheet>"
    content = rezip(workbook(HEADER), {"xl/styles.xml": styles})
    with pytest.raises(UnreadableFile, match=r"its part xl/styles\.xml unzips to more than 64 KB"):
        read_table(content, "hr.xlsx")


def test_it_refuses_too_many_shared_strings(
    no_parsing: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_SHARED_STRINGS", 10)
    strings = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"".join(b"<si><t>s%d</t></si>" % i for i in range(11))
        + b"</sst>"
    )
    content = rezip(workbook(HEADER), {"xl/sharedStrings.xml": strings})
    with pytest.raises(UnreadableFile, match="it holds more than 10 different texts"):
        read_table(content, "hr.xlsx")


def sheet_xml(*rows: bytes) -> bytes:
    return (
        b'<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><x:sheetData>' + b"".join(rows) + b"</x:sheetData></x:worksheet>"
    )


def test_it_refuses_a_row_of_a_million_cells_before_parsing(no_parsing: None) -> None:
    # openpyxl builds a row whole: a million cells in one row is gigabytes of objects, though
    # the XML is only some megabytes and compresses like any sheet.
    cells = b"".join(b'<x:c r="A%d" t="n"><x:v>%d</x:v></x:c>' % (i, i) for i in range(100_000))
    content = rezip(workbook(HEADER), {SHEET: sheet_xml(b'<x:row r="1">', cells, b"</x:row>")})
    with pytest.raises(UnreadableFile) as error:
        read_table(content, "hr.xlsx")
    assert str(error.value) == (
        f"This XLSX file is too large to read: a row of its sheet holds more than "
        f"{limits.MAX_COLUMNS} cells. Save the people as CSV (or remove other sheets and "
        "formatting) and upload that."
    )


def test_it_refuses_a_cell_longer_than_excel_allows_before_parsing(no_parsing: None) -> None:
    text = (
        b'<x:row><x:c t="inlineStr"><x:is><x:t>' + b"ab" * 300_000 + b"</x:t></x:is></x:c></x:row>"
    )
    content = rezip(workbook(HEADER), {SHEET: sheet_xml(text)})
    with pytest.raises(UnreadableFile, match="holds a cell or tag longer than 256 KB"):
        read_table(content, "hr.xlsx")


def inline_row(number: int, values: list[str]) -> bytes:
    cells = b"".join(
        b'<x:c r="%s%d" t="inlineStr"><x:is><x:t>%s</x:t></x:is></x:c>'
        % (column.encode(), number, value.encode())
        for column, value in zip("ABCD", values, strict=True)
    )
    return b'<x:row r="%d">%s</x:row>' % (number, cells)


def test_it_scans_and_reads_a_sheet_with_a_namespace_prefix() -> None:
    sheet = sheet_xml(inline_row(1, HEADER), inline_row(2, ["E1", "Ana", "ana@x.example", "BR"]))
    plan = run(rezip(workbook(HEADER), {SHEET: sheet}))
    assert plan.ok, plan.errors
    assert [r.name for r in plan.creates] == ["Ana"]


def test_it_stops_at_a_part_that_lies_about_its_size() -> None:
    # The central directory says the sheet unzips to 1 KB; it holds 20 MB. zipfile stops at
    # the declared size and the checksum fails: a clear error, no 20 MB in memory.
    bomb = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + b" " * (20 * MB) + b"</sheetData></worksheet>"
    )
    content = bytearray(rezip(workbook(HEADER), {SHEET: bomb}))
    # The end record says where the central directory (one entry per part) starts.
    (entry,) = struct.unpack_from("<I", content, content.rindex(b"PK\x05\x06") + 16)
    while True:
        name_length = struct.unpack_from("<H", content, entry + 28)[0]
        if content[entry + 46 : entry + 46 + name_length] == SHEET.encode():
            break
        extra, comment = struct.unpack_from("<HH", content, entry + 30)
        entry = entry + 46 + name_length + extra + comment
    struct.pack_into("<I", content, entry + 24, 1024)  # its uncompressed size
    with pytest.raises(UnreadableFile, match=r"could not be opened \(Bad CRC-32"):
        read_table(bytes(content), "hr.xlsx")


def run(content: bytes, max_rows: int | None = None) -> Plan:
    table = read_table(content, "hr.xlsx", max_rows=max_rows)
    return check(table, reference=REFERENCE, snapshot=Snapshot({}, {}))


def test_it_ignores_a_claimed_dimension_and_stops_at_the_row_limit() -> None:
    # One real person, then a cell in the sheet's very last row and column: openpyxl would
    # otherwise pad a million rows of sixteen thousand empty cells.
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(["E1", "Ana", "ana@x.example", "BR"])
    book.active.cell(row=1_048_576, column=1, value="x")
    out = io.BytesIO()
    book.save(out)
    sheet = zipfile.ZipFile(io.BytesIO(out.getvalue())).read(SHEET)
    content = rezip(
        out.getvalue(), {SHEET: sheet.replace(b'ref="A1:D1048576"', b'ref="A1:XFD1048576"')}
    )
    plan = run(content, max_rows=1000)
    assert [(e.row, e.message) for e in plan.errors] == [
        (
            1002,
            "The file has more than 1,000 rows, the most one import takes: split it into "
            "smaller files and import each.",
        )
    ]


def test_it_refuses_a_row_wider_than_the_column_limit() -> None:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(["E1", "Ana", "ana@x.example", "BR"])
    book.active.cell(row=3, column=limits.MAX_COLUMNS + 1, value="x")
    out = io.BytesIO()
    book.save(out)
    plan = run(out.getvalue())
    assert [(e.row, e.message) for e in plan.errors] == [
        (3, f"This row has more than {limits.MAX_COLUMNS} cells.")
    ]


def test_it_applies_the_row_limit_setting(
    manager,
    settings,
    django_capture_on_commit_callbacks,
) -> None:
    settings.AMPLIFY_IMPORT_MAX_ROWS = 2
    rows = [[f"E{i}", f"P{i}", f"p{i}@x.example", "GB"] for i in range(3)]
    for filename, content in [
        ("hr.xlsx", workbook(HEADER, *rows)),
        ("hr.csv", "\n".join(",".join(r) for r in [HEADER, *rows]).encode()),
    ]:
        with django_capture_on_commit_callbacks(execute=True):
            job = people_import_start(user=manager, filename=filename, content=content)
        job.refresh_from_db()
        assert job.status == PeopleImport.Status.INVALID
        assert [(e["row"], e["column"], e["message"]) for e in job.errors] == [
            (
                4,
                None,
                "The file has more than 2 rows, the most one import takes: split it into "
                "smaller files and import each.",
            )
        ]


def test_it_reports_a_cell_pointing_at_a_missing_shared_string() -> None:
    content = workbook(HEADER, ["E1", "Ana", "ana@x.example", "BR"])
    sheet = zipfile.ZipFile(io.BytesIO(content)).read(SHEET)
    strings = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>x</t></si></sst>"
    )
    damaged = sheet.replace(
        b"</sheetData>", b'<row r="3"><c r="A3" t="s"><v>999</v></c></row></sheetData>'
    )
    content = rezip(content, {SHEET: damaged, "xl/sharedStrings.xml": strings})
    types = zipfile.ZipFile(io.BytesIO(content)).read("[Content_Types].xml")
    if b"sharedStrings" not in types:
        content = rezip(
            content,
            {
                "[Content_Types].xml": types.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            },
        )
    plan = run(content)
    assert not plan.ok
    message = "The sheet could not be read to the end (list index out of range)."
    assert plan.errors[-1].message == message
    assert plan.errors[-1].row == 3
