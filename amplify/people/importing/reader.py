"""Reading an uploaded CSV or XLSX file into a header row and data rows of strings.

Every row the file holds comes out, numbered as a spreadsheet numbers it: a row that cannot
be read faithfully (a quote left open, too many cells) comes out with its problem, so the dry
run reports it with the others instead of letting rows merge or vanish.
"""

from __future__ import annotations

import _csv
import csv
import io
from collections.abc import Iterator

from django.utils.translation import gettext_noop

from amplify.people.importing import limits
from amplify.people.importing.encoding import NotText, decode
from amplify.people.importing.excerpt import excerpt
from amplify.people.importing.table import (
    Line,
    Message,
    Table,
    UnreadableFile,
    too_many_cells,
    too_many_rows,
)
from amplify.people.importing.workbook import read_xlsx

__all__ = ["Line", "Table", "UnreadableFile", "read_table"]


def read_table(content: bytes, filename: str, *, max_rows: int | None = None) -> Table:
    """`max_rows`: the most data rows one file may hold (the service passes the setting)."""
    if not content:
        raise UnreadableFile(gettext_noop("The file is empty."))
    if content[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx"):
        return read_xlsx(content, max_rows=max_rows)
    if filename.lower().endswith(".xls"):
        raise UnreadableFile(
            gettext_noop("Old .xls files are not supported: save it as .xlsx or .csv.")
        )
    return _read_csv(content, max_rows=max_rows)


def _read_csv(content: bytes, *, max_rows: int | None) -> Table:
    try:
        decoded = decode(content)
    except NotText:
        start = excerpt(content[:40].decode("latin-1"), 20)
        raise UnreadableFile(
            gettext_noop(
                "This does not look like a CSV or XLSX file (it starts with “%(start)s”)."
            ),
            start=start,
        ) from None
    text = decoded.text
    end = text.find("\n")
    first_line = text if end < 0 else text[:end]
    delimiter = max(",;\t|", key=first_line.count)
    # strict: a quote left open at the end of the file is an error, not a silent last cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        headers = [h.strip() for h in next(reader)]
    except StopIteration:
        raise UnreadableFile(gettext_noop("The file is empty.")) from None
    except csv.Error as exc:
        raise UnreadableFile(
            gettext_noop("Row 1 (the header row) could not be read as CSV: %(error)s."),
            error=str(exc),
        ) from None
    if reader.line_num > 1:
        raise UnreadableFile(
            gettext_noop(
                'The header row runs over lines 1–%(last)s of the file: a quote (") in it is '
                "not closed. Close or remove it."
            ),
            last=reader.line_num,
        )
    if len(headers) > limits.MAX_COLUMNS:
        raise UnreadableFile(
            gettext_noop("The file has more than %(columns)s columns."),
            columns=limits.MAX_COLUMNS,
        )
    return Table(
        headers,
        _csv_rows(reader, headers, delimiter, max_rows),
        [decoded.note],
        decoded.label,
    )


def _csv_rows(
    reader: _csv.Reader, headers: list[str], delimiter: str, max_rows: int | None
) -> Iterator[Line]:
    number = 1
    while True:
        first = reader.line_num + 1  # the line of the file this row starts on
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            if str(exc) == "unexpected end of data":
                yield Line(
                    number,
                    [],
                    Message(
                        gettext_noop(
                            'A quote (") in this row is never closed, so lines %(first)s–'
                            "%(last)s of the file (the rest of it) were read as one cell. "
                            "Close or remove the quote."
                        ),
                        {"first": first, "last": reader.line_num},
                    ),
                )
                return
            if reader.line_num > first:
                yield Line(number, [], _runs_over(None, first, reader.line_num))
            else:
                yield Line(
                    number,
                    [],
                    Message(
                        gettext_noop(
                            'This row could not be read as CSV (%(error)s): a closing quote (") '
                            "must be followed by the separator “%(separator)s”."
                        ),
                        {"error": str(exc), "separator": delimiter},
                    ),
                )
            continue
        number += 1
        if max_rows is not None and number > max_rows + 1:
            yield Line(number, [], too_many_rows(max_rows))
            return
        if reader.line_num > first:
            yield Line(number, [], _runs_over(_broken(cells, headers), first, reader.line_num))
        elif len(cells) > limits.MAX_COLUMNS:
            yield Line(number, [], too_many_cells())
        elif any(cell.strip() for cell in cells):
            yield Line(number, [cell.strip() for cell in cells])


def _broken(cells: list[str], headers: list[str]) -> str | int:
    """The column of the first cell holding a line break: its header, else its number."""
    index = next((i for i, cell in enumerate(cells) if "\n" in cell or "\r" in cell), 0)
    if index < len(headers) and headers[index]:
        return excerpt(headers[index])
    return index + 1


def _runs_over(column: str | int | None, first: int, last: int) -> Message:
    lines = {"first": first, "last": last}
    if column is None:
        msgid = gettext_noop(
            'This row runs over lines %(first)s–%(last)s of the file: a quote (") is not '
            "closed, so the lines after it were read into one cell. Close or remove the quote "
            "(a cell may not hold a line break)."
        )
        return Message(msgid, lines)
    if isinstance(column, int):
        msgid = gettext_noop(
            'This row runs over lines %(first)s–%(last)s of the file: a quote (") in column '
            "%(number)s is not closed, so the lines after it were read into one cell. Close or "
            "remove the quote (a cell may not hold a line break)."
        )
        return Message(msgid, {**lines, "number": column})
    msgid = gettext_noop(
        'This row runs over lines %(first)s–%(last)s of the file: a quote (") in column '
        "“%(column)s” is not closed, so the lines after it were read into one cell. Close or "
        "remove the quote (a cell may not hold a line break)."
    )
    return Message(msgid, {**lines, "column": column})
