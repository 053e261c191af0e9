"""What an uploaded XLSX may hold, checked before any of it is parsed as a spreadsheet.

An XLSX is a zip of XML parts. A small upload can unzip to gigabytes (a "decompression
bomb"). Every part's unzipped size is checked against `limits`; Python's zipfile never yields
more than the size a part declares (and fails its checksum if the data is longer), so the
declared sizes also bound what is streamed. Then the parts openpyxl would hold in memory are
scanned as bytes, a chunk at a time: no row with more cells than the column limit (openpyxl
builds each row whole), no text longer than a cell can hold, no more shared strings than the
limit.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext_noop

from amplify.people.importing import limits
from amplify.people.importing.excerpt import excerpt
from amplify.people.importing.table import NOT_OPENED, UnreadableFile

MB = 1024 * 1024
CHUNK = 1024 * 1024


def check_archive(content: bytes) -> None:
    """Refuse, with a clear message, a zip whose parts unzip to more than the limits allow."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableFile(NOT_OPENED, error=excerpt(str(exc))) from None
    with archive:
        parts = archive.infolist()
        if len(parts) > limits.MAX_PARTS:
            raise _bomb(
                gettext_noop(
                    "This XLSX file is too large to read: it holds more than %(parts)s parts. "
                    "Save the people as CSV (or remove other sheets and formatting) and upload "
                    "that."
                ),
                parts=f"{limits.MAX_PARTS:,}",
            )
        total = sum(part.file_size for part in parts)
        if total > limits.MAX_UNZIPPED_BYTES:
            raise _bomb(
                gettext_noop(
                    "This XLSX file is too large to read: it unzips to %(size)s, more than the "
                    "%(limit)s allowed. Save the people as CSV (or remove other sheets and "
                    "formatting) and upload that."
                ),
                size=_size(total),
                limit=_size(limits.MAX_UNZIPPED_BYTES),
            )
        for part in parts:
            _check_part(part)
        for part in parts:
            if _is_shared_strings(part.filename):
                _scan_shared_strings(archive, part)
            elif _is_sheet(part.filename):
                _scan_sheet(archive, part)


def _check_part(part: zipfile.ZipInfo) -> None:
    name = part.filename
    if part.file_size > limits.RATIO_FLOOR_BYTES and (
        part.file_size > limits.MAX_COMPRESSION_RATIO * max(part.compress_size, 1)
    ):
        raise _bomb(
            gettext_noop(
                "This XLSX file is too large to read: its part %(part)s unzips to %(size)s from "
                "%(compressed)s, which no spreadsheet does. Save the people as CSV (or remove "
                "other sheets and formatting) and upload that."
            ),
            part=excerpt(name),
            size=_size(part.file_size),
            compressed=_size(part.compress_size),
        )
    if name.lower().endswith("sharedstrings.xml"):
        limit = limits.MAX_SHARED_STRINGS_BYTES
    elif _streamed(name):
        limit = limits.MAX_UNZIPPED_BYTES
    else:
        limit = limits.MAX_PART_BYTES  # read whole by openpyxl
    if part.file_size > limit:
        raise _bomb(
            gettext_noop(
                "This XLSX file is too large to read: its part %(part)s unzips to more than "
                "%(limit)s. Save the people as CSV (or remove other sheets and formatting) and "
                "upload that."
            ),
            part=excerpt(name),
            limit=_size(limit),
        )


def _is_shared_strings(name: str) -> bool:
    return name.lower().endswith("sharedstrings.xml")


def _is_sheet(name: str) -> bool:
    folder, _, file = name.rpartition("/")
    return folder == "xl/worksheets" and file.endswith(".xml")


def _streamed(name: str) -> bool:
    """Worksheets are streamed and media never read; any other part (relationships, styles,
    charts) is parsed whole by openpyxl, so it gets the small limit."""
    return name.startswith("xl/media/") or _is_sheet(name)


# The scans read a part's bytes, not its XML: a regular expression finds the tags, in C, with
# nothing built per cell. A tag is `<`, an optional namespace prefix, then its name.
_TAG = rb"<(?:[A-Za-z_][\w.-]*:)?%s[\s/>]"
_ROW = re.compile(_TAG % b"row")
_CELL = re.compile(_TAG % b"c")
_STRING = re.compile(_TAG % b"si")


def _pieces(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> Iterator[bytes]:
    """A part's bytes in pieces cut just before a `<`, so that no tag is split; and refuse a
    run of text (or a tag) longer than any cell can be, before anything holds it whole."""
    carry = b""
    try:
        with archive.open(part) as source:
            while chunk := source.read(CHUNK):
                buffer = carry + chunk
                cut = max(buffer.rfind(b"<"), 0)
                carry = buffer[cut:]
                if len(carry) > limits.MAX_CELL_BYTES or (
                    cut and max(map(len, buffer[:cut].split(b"<"))) > limits.MAX_CELL_BYTES
                ):
                    raise _bomb(
                        gettext_noop(
                            "This XLSX file is too large to read: its part %(part)s holds a "
                            "cell or tag longer than %(limit)s. Save the people as CSV (or "
                            "remove other sheets and formatting) and upload that."
                        ),
                        part=excerpt(part.filename),
                        limit=_size(limits.MAX_CELL_BYTES),
                    )
                if cut:
                    yield buffer[:cut]
    except UnreadableFile:
        raise
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableFile(NOT_OPENED, error=excerpt(str(exc))) from None
    yield carry


def _scan_sheet(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """No row may hold more cells than the column limit: openpyxl builds a row whole."""
    cells = 0
    for piece in _pieces(archive, part):
        for index, stretch in enumerate(_ROW.split(piece)):
            if index:  # a new row starts here
                cells = 0
            cells += len(_CELL.findall(stretch))
            if cells > limits.MAX_COLUMNS:
                raise _bomb(
                    gettext_noop(
                        "This XLSX file is too large to read: a row of its sheet holds more "
                        "than %(cells)s cells. Save the people as CSV (or remove other sheets "
                        "and formatting) and upload that."
                    ),
                    cells=limits.MAX_COLUMNS,
                )


def _scan_shared_strings(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """openpyxl holds every shared string in memory: count them first."""
    count = 0
    for piece in _pieces(archive, part):
        count += len(_STRING.findall(piece))
        if count > limits.MAX_SHARED_STRINGS:
            raise _bomb(
                gettext_noop(
                    "This XLSX file is too large to read: it holds more than %(texts)s "
                    "different texts. Save the people as CSV (or remove other sheets and "
                    "formatting) and upload that."
                ),
                texts=f"{limits.MAX_SHARED_STRINGS:,}",
            )


def _size(count: int) -> str:
    return f"{count / MB:,.0f} MB" if count >= MB else f"{max(1, count // 1024):,} KB"


def _bomb(msgid: str, /, **params: Any) -> UnreadableFile:
    """A file refused as a decompression bomb: each msgid says why, whole, for translators."""
    return UnreadableFile(msgid, **params)
