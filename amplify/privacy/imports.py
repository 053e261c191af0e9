"""The rows of an HR import file that name a person: read for her export, blanked for her
erasure. Blanking (not deleting) keeps every other row's number, so the import's stored
errors and preview still point at the right rows."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from amplify.people.importing.columns import match_headers
from amplify.people.importing.reader import UnreadableFile, read_table
from amplify.people.models import PeopleImport
from amplify.privacy.identifiers import Identifiers

REMOVED = "(removed: it named an erased person)"


@dataclass
class Found:
    headers: list[str]
    # Every non-blank row by its number (the header is row 1), and the numbers naming her.
    rows: dict[int, list[str]] = field(default_factory=dict)
    theirs: list[int] = field(default_factory=list)
    # (row number, column index) of cells elsewhere holding her employee id (as manager).
    references: list[tuple[int, int]] = field(default_factory=list)
    employee_ids: set[str] = field(default_factory=set)
    # The file cannot be read as a table, but its bytes hold one of her identifiers.
    unreadable: bool = False


def _may_name(job: PeopleImport, ids: Identifiers) -> bool:
    """A cheap test before parsing: a CSV that holds none of her identifiers as bytes
    cannot name her. (An XLSX is compressed, so it is always read.)"""
    content = bytes(job.content)
    if content[:4] == b"PK\x03\x04" or job.filename.lower().endswith(".xlsx"):
        return True
    lowered = content.lower()
    needles = [*ids.emails, *(e.lower() for e in ids.employee_ids)]
    for needle in needles:
        for encoding in ("utf-8", "cp1252", "utf-16-le", "utf-16-be"):
            try:
                if needle.encode(encoding) in lowered:
                    return True
            except UnicodeEncodeError:
                continue
    return False


def find(job: PeopleImport, ids: Identifiers) -> Found | None:
    """Her rows in the import's file, or None if the file does not name her."""
    if not job.content or not (ids.emails or ids.employee_ids) or not _may_name(job, ids):
        return None
    try:
        table = read_table(bytes(job.content), job.filename)
        positions, _, _ = match_headers(table.headers)
        found = Found(headers=table.headers, rows={line.number: line.cells for line in table.rows})
    except UnreadableFile:
        xlsx = bytes(job.content)[:4] == b"PK\x03\x04" or job.filename.lower().endswith(".xlsx")
        # A CSV (or anything not zipped) reached this point only if its bytes name her.
        return None if xlsx else Found(headers=[], unreadable=True)

    def cell(cells: list[str], key: str) -> str:
        index = positions.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    # Her employee id as this file gives it (she may have had none in Amplify).
    employee_ids = set(ids.employee_ids)
    for number, cells in found.rows.items():
        if ids.names(email=cell(cells, "email"), employee_id=cell(cells, "employee_id")):
            found.theirs.append(number)
            employee_ids.add(cell(cells, "employee_id"))
    employee_ids.discard("")
    found.employee_ids = employee_ids
    for number, cells in found.rows.items():
        if number not in found.theirs and cell(cells, "manager_employee_id") in employee_ids:
            found.references.append((number, positions["manager_employee_id"]))
    if not found.theirs and not found.references:
        return None
    return found


def _csv(found: Found, last: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(found.headers)
    for number in range(2, last + 1):
        writer.writerow(found.rows.get(number, []))
    return out.getvalue().encode("utf-8")


def _xlsx(found: Found, last: int) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(found.headers)
    for number in range(2, last + 1):
        sheet.append(found.rows.get(number, []))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _mentions(text: str, ids: Identifiers) -> bool:
    lowered = text.lower()
    if any(e in lowered for e in ids.emails):
        return True
    return any(re.search(rf"\b{re.escape(e)}\b", text) for e in ids.employee_ids)


def redact(job: PeopleImport, ids: Identifiers) -> bool:
    """Blank her rows (and her employee id where it names her as someone's manager) in the
    stored file, and drop her rows from the stored preview and errors. Counts stay as they
    were. Returns whether anything changed."""
    changed = False
    found = find(job, ids)
    if found is not None and found.unreadable:
        # Rows cannot be told apart in a file that cannot be read: remove it all.
        job.content, job.size = b"", 0
        changed = True
        found = None
    if found is not None:
        theirs = set(found.theirs)
        for number in theirs:
            found.rows.pop(number, None)
        for number, column in found.references:
            if number in found.rows:
                found.rows[number][column] = ""
        last = max([*found.rows, *theirs, 1])
        xlsx = bytes(job.content)[:4] == b"PK\x03\x04" or job.filename.lower().endswith(".xlsx")
        job.content = _xlsx(found, last) if xlsx else _csv(found, last)
        job.size = len(job.content)
        changed = True
    else:
        theirs = set()
    employee_ids = found.employee_ids if found else set(ids.employee_ids)
    preview: list[dict[str, Any]] = []
    for entry in job.preview or []:
        if entry.get("row") in theirs or str(entry.get("employee_id", "")) in employee_ids:
            changed = True
            continue
        for key, values in (entry.get("changes") or {}).items():
            if key == "manager_employee_id":
                entry["changes"][key] = ["" if v in employee_ids else v for v in values]
        preview.append(entry)
    errors: list[dict[str, Any]] = []
    for error in job.errors or []:
        if error.get("row") in theirs:
            changed = True
            continue
        if _mentions(str(error.get("message", "")), ids):
            error = {**error, "message": REMOVED}
            changed = True
        errors.append(error)
    job.preview, job.errors = preview, errors
    return changed
