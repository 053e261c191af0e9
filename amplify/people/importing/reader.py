"""Reading an uploaded CSV or XLSX file into a header row and data rows of strings."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime


class UnreadableFile(ValueError):
    """The file is not a CSV or XLSX file we can read; the message says why."""


@dataclass
class Table:
    headers: list[str]
    # (row number as a spreadsheet shows it, cells); the header is row 1.
    rows: Iterator[tuple[int, list[str]]]
    warnings: list[str] = field(default_factory=list)


def read_table(content: bytes, filename: str) -> Table:
    if not content:
        raise UnreadableFile("The file is empty.")
    if content[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx"):
        return _read_xlsx(content)
    if filename.lower().endswith(".xls"):
        raise UnreadableFile("Old .xls files are not supported: save it as .xlsx or .csv.")
    return _read_csv(content)


def _read_csv(content: bytes) -> Table:
    warnings: list[str] = []
    if b"\x00" in content[:4096]:
        raise UnreadableFile("This does not look like a CSV or XLSX file.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the local code page.
        text = content.decode("cp1252", errors="replace")
        warnings.append("The file is not UTF-8; it was read as Windows-1252.")
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t|", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise UnreadableFile("The file is empty.") from None
    except csv.Error as exc:
        raise UnreadableFile(f"Row 1 could not be read as CSV: {exc}.") from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, cells in enumerate(reader, start=2):
                if any(cell.strip() for cell in cells):
                    yield number, [cell.strip() for cell in cells]
        except csv.Error as exc:
            line = reader.line_num
            raise UnreadableFile(f"Row {line} could not be read as CSV: {exc}.") from None

    return Table([h.strip() for h in headers], rows(), warnings)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        # Employee ids typed as numbers come back from Excel as 1234.0.
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _read_xlsx(content: bytes) -> Table:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnreadableFile(f"The XLSX file could not be opened ({exc}).") from None
    sheet = book.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    try:
        headers = [_cell(v) for v in next(values)]
    except StopIteration:
        raise UnreadableFile("The first sheet is empty.") from None
    warnings = []
    if len(book.worksheets) > 1:
        warnings.append(f"Only the first sheet ({sheet.title!r}) was read.")

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, row in enumerate(values, start=2):
            cells = [_cell(v) for v in row]
            if any(cells):
                yield number, cells
        book.close()

    return Table(headers, rows(), warnings)
