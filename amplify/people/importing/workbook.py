"""Reading an XLSX file without letting it take the worker's memory.

An XLSX is a zip of XML parts. A small upload can unzip to gigabytes (a "decompression
bomb"), and a worksheet can claim a million rows or sixteen thousand columns that openpyxl
would pad with empty cells. So, before openpyxl opens anything: every part's unzipped size is
checked against `limits` (Python's zipfile never yields more than the size a part declares,
and fails its checksum if the data is longer, so the declared sizes bound what is streamed),
and the shared strings, which openpyxl holds in memory, are counted by a streaming pass.
Then the first sheet is read in openpyxl's read-only (streaming) mode with its claimed
dimensions ignored, a row at a time, stopping at the row limit.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

from amplify.people.importing import limits
from amplify.people.importing.excerpt import excerpt
from amplify.people.importing.table import Line, Table, UnreadableFile, too_many_rows

MB = 1024 * 1024


def read_xlsx(content: bytes, *, max_rows: int | None) -> Table:
    import openpyxl

    check_archive(content)
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, LookupError, OSError, ValueError, ParseError, TypeError) as exc:
        raise UnreadableFile(f"The XLSX file could not be opened ({excerpt(str(exc))}).") from None
    sheet = book.worksheets[0]
    # The <dimension> a sheet declares is not trusted: openpyxl would pad every row to it.
    sheet.reset_dimensions()
    # One row more than allowed, to notice that there is one.
    last = max_rows + 2 if max_rows is not None else None
    values = sheet.iter_rows(min_row=1, max_row=last, values_only=True)
    try:
        headers = [_cell(v) for v in next(values)]
    except StopIteration:
        book.close()
        raise UnreadableFile("The first sheet is empty.") from None
    if len(headers) > limits.MAX_COLUMNS:
        book.close()
        raise UnreadableFile(f"The first sheet has more than {limits.MAX_COLUMNS} columns.")
    warnings = []
    if len(book.worksheets) > 1:
        warnings.append(f"Only the first sheet ({excerpt(sheet.title)!r}) was read.")
    return Table(headers, _rows(book, values, max_rows), warnings)


def _rows(book: Any, values: Iterator[tuple[Any, ...]], max_rows: int | None) -> Iterator[Line]:
    number = 1
    try:
        for row in values:
            number += 1
            if max_rows is not None and number > max_rows + 1:
                yield Line(number, [], too_many_rows(max_rows))
                return
            if len(row) > limits.MAX_COLUMNS:
                yield Line(number, [], f"This row has more than {limits.MAX_COLUMNS} cells.")
                continue
            cells = [_cell(v) for v in row]
            if any(cells):
                yield Line(number, cells)
    except (zipfile.BadZipFile, OSError, ValueError, ParseError, LookupError, TypeError) as exc:
        # Mid-sheet damage: a part longer than it declares fails its checksum here; a cell
        # may point at a shared string that does not exist.
        yield Line(number + 1, [], f"The sheet could not be read to the end ({excerpt(str(exc))}).")
    finally:
        book.close()


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


def check_archive(content: bytes) -> None:
    """Refuse, with a clear message, a zip whose parts unzip to more than the limits allow."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableFile(f"The XLSX file could not be opened ({excerpt(str(exc))}).") from None
    with archive:
        parts = archive.infolist()
        if len(parts) > limits.MAX_PARTS:
            raise UnreadableFile(_bomb(f"it holds more than {limits.MAX_PARTS:,} parts"))
        total = sum(part.file_size for part in parts)
        if total > limits.MAX_UNZIPPED_BYTES:
            raise UnreadableFile(
                _bomb(
                    f"it unzips to {_size(total)}, more than the "
                    f"{_size(limits.MAX_UNZIPPED_BYTES)} allowed"
                )
            )
        for part in parts:
            _check_part(part)
        strings = next((p for p in parts if p.filename.lower().endswith("sharedstrings.xml")), None)
        if strings is not None:
            _count_shared_strings(archive, strings)


def _check_part(part: zipfile.ZipInfo) -> None:
    name = part.filename
    if part.file_size > limits.RATIO_FLOOR_BYTES and (
        part.file_size > limits.MAX_COMPRESSION_RATIO * max(part.compress_size, 1)
    ):
        raise UnreadableFile(
            _bomb(
                f"its part {excerpt(name)} unzips to {_size(part.file_size)} from "
                f"{_size(part.compress_size)}, which no spreadsheet does"
            )
        )
    if name.lower().endswith("sharedstrings.xml"):
        limit = limits.MAX_SHARED_STRINGS_BYTES
    elif _streamed(name):
        limit = limits.MAX_UNZIPPED_BYTES
    else:
        limit = limits.MAX_PART_BYTES  # read whole by openpyxl
    if part.file_size > limit:
        raise UnreadableFile(_bomb(f"its part {excerpt(name)} unzips to more than {_size(limit)}"))


def _streamed(name: str) -> bool:
    """Worksheets are streamed and media never read; any other part (relationships, styles,
    charts) is parsed whole by openpyxl, so it gets the small limit."""
    if name.startswith("xl/media/"):
        return True
    folder, _, file = name.rpartition("/")
    return folder == "xl/worksheets" and file.endswith(".xml")


def _count_shared_strings(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    count = 0
    root = None
    try:
        with archive.open(part) as source:
            # The same parser openpyxl reads the part with: ElementTree resolves no external
            # entities, and expat (2.4 and later) stops entity-expansion ("billion laughs").
            events = iterparse(source, events=("start", "end"))  # noqa: S314
            for event, element in events:
                if root is None:
                    root = element
                elif event == "end" and element.tag.rpartition("}")[2] == "si":
                    count += 1
                    if count > limits.MAX_SHARED_STRINGS:
                        raise UnreadableFile(
                            _bomb(
                                f"it holds more than {limits.MAX_SHARED_STRINGS:,} different texts"
                            )
                        )
                    root.clear()  # keep nothing: this pass only counts
    except (zipfile.BadZipFile, OSError, ParseError) as exc:
        raise UnreadableFile(f"The XLSX file could not be opened ({excerpt(str(exc))}).") from None


def _size(count: int) -> str:
    return f"{count / MB:,.0f} MB" if count >= MB else f"{max(1, count // 1024):,} KB"


def _bomb(why: str) -> str:
    return (
        f"This XLSX file is too large to read: {why}. Save the people as CSV (or remove other "
        "sheets and formatting) and upload that."
    )
