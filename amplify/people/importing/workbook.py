"""Reading an XLSX file without letting it take the worker's memory.

The zip is checked first (`archive.check_archive`: sizes, cells per row, shared strings),
before openpyxl parses anything. Then the first sheet is read in openpyxl's read-only
(streaming) mode with the dimensions it claims ignored (openpyxl would pad every row to
them), a row at a time, stopping at the row limit.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from xml.etree.ElementTree import ParseError

from django.utils.translation import gettext_noop

from amplify.people.importing import limits
from amplify.people.importing.archive import check_archive
from amplify.people.importing.excerpt import excerpt
from amplify.people.importing.table import (
    NOT_OPENED,
    Line,
    Message,
    Table,
    UnreadableFile,
    too_many_cells,
    too_many_rows,
)


def read_xlsx(content: bytes, *, max_rows: int | None) -> Table:
    import openpyxl

    check_archive(content)
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, LookupError, OSError, ValueError, ParseError, TypeError) as exc:
        raise UnreadableFile(NOT_OPENED, error=excerpt(str(exc))) from None
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
        raise UnreadableFile(gettext_noop("The first sheet is empty.")) from None
    if len(headers) > limits.MAX_COLUMNS:
        book.close()
        raise UnreadableFile(
            gettext_noop("The first sheet has more than %(columns)s columns."),
            columns=limits.MAX_COLUMNS,
        )
    warnings = []
    if len(book.worksheets) > 1:
        warnings.append(
            Message(
                gettext_noop("Only the first sheet (“%(sheet)s”) was read."),
                {"sheet": excerpt(sheet.title)},
            )
        )
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
                yield Line(number, [], too_many_cells())
                continue
            cells = [_cell(v) for v in row]
            if any(cells):
                yield Line(number, cells)
    except (zipfile.BadZipFile, OSError, ValueError, ParseError, LookupError, TypeError) as exc:
        # Mid-sheet damage: a part longer than it declares fails its checksum here; a cell
        # may point at a shared string that does not exist.
        problem = Message(
            gettext_noop("The sheet could not be read to the end (%(error)s)."),
            {"error": excerpt(str(exc))},
        )
        yield Line(number + 1, [], problem)
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
