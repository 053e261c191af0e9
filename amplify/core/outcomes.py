"""Outcomes, as pure rules: which kinds count as employment, whether an outcome happened
during a programme, when mentees are asked for their outcomes, which uploaded files are
accepted as evidence, and the smallest count an aggregate page may show.

No Django here: dates, names and bytes in, answers out; "today" is passed in.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

# The kinds of outcome (their stored codes). Defined once: the model's choices use them.
JOB = "job"
APPRENTICESHIP = "apprenticeship"
INTERNSHIP = "internship"
FURTHER_EDUCATION = "further_education"
NEW_ROLE = "new_role"
PROMOTION = "promotion"
DEAL = "deal"
AWARD = "award"
OTHER = "other"

# "Gained employment": a job, an apprenticeship or an internship. A new role or a promotion
# is progress of someone already employed, not gaining employment.
EMPLOYMENT_KINDS: frozenset[str] = frozenset({JOB, APPRENTICESHIP, INTERNSHIP})

# Aggregates over fewer people than this are never shown as a figure: a small number can
# name someone ("the 2 mentees of cohort 3 who...").
SMALLEST_SHOWN_COUNT = 5

# When mentees are asked: at the end of the cohort, and six months after it.
AT_END = "end"
SIX_MONTHS_LATER = "six_months"
REQUEST_ROUNDS = (AT_END, SIX_MONTHS_LATER)
# A request not sent within this many days of its date is not sent at all (a cohort that
# ended years before the job first ran is not asked now).
REQUEST_WINDOW_DAYS = 60


def is_employment(kind: str) -> bool:
    return kind in EMPLOYMENT_KINDS


def during_programme(happened_on: date, *, starts_on: date, ends_on: date) -> bool:
    """Whether an outcome dated `happened_on` happened while the cohort ran (both ends
    included: a job starting on the last day counts)."""
    return starts_on <= happened_on <= ends_on


def add_months(day: date, months: int) -> date:
    """The same day `months` later, the month's last day where it is shorter (31 Aug + 6
    months is 28 or 29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def request_date(round_: str, *, ends_on: date) -> date:
    """The day a mentee is asked for her outcomes in this round."""
    if round_ == AT_END:
        return ends_on
    if round_ == SIX_MONTHS_LATER:
        return add_months(ends_on, 6)
    raise ValueError(f"unknown round {round_!r}")


def rounds_due(*, ends_on: date, today: date) -> list[str]:
    """The rounds whose date has come and is no older than the window."""
    due = []
    for round_ in REQUEST_ROUNDS:
        on = request_date(round_, ends_on=ends_on)
        if on <= today and (today - on).days <= REQUEST_WINDOW_DAYS:
            due.append(round_)
    return due


def shown_count(count: int) -> int | None:
    """The count as an aggregate page may show it: None (shown as "fewer than 5") when it
    is below the smallest count shown; zero is shown, since it names no one."""
    if 0 < count < SMALLEST_SHOWN_COUNT:
        return None
    return count


# ---------- Uploaded files (evidence, showcase material) ----------


@dataclass(frozen=True)
class FileKind:
    extensions: tuple[str, ...]
    signatures: tuple[bytes, ...]  # what the first bytes must be: the content, not the name


# The documents and images a person may upload. Office files are zip archives.
FILE_KINDS: dict[str, FileKind] = {
    "pdf": FileKind((".pdf",), (b"%PDF-",)),
    "png": FileKind((".png",), (b"\x89PNG\r\n\x1a\n",)),
    "jpeg": FileKind((".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
    "office": FileKind((".docx", ".pptx", ".xlsx"), (b"PK\x03\x04",)),
}
ACCEPTED_EXTENSIONS: tuple[str, ...] = tuple(
    e for kind in FILE_KINDS.values() for e in kind.extensions
)


@dataclass(frozen=True)
class FileProblem:
    code: str  # "empty", "too_large", "wrong_type", "content_mismatch"
    limit_mb: int = 0


def file_problem(*, filename: str, size: int, head: bytes, max_bytes: int) -> FileProblem | None:
    """Why an uploaded file is refused, or None: it must not be empty or larger than
    `max_bytes`, its name must end in an accepted extension, and its first bytes must be
    those of that kind of file (a renamed .exe is not a PDF)."""
    if size <= 0:
        return FileProblem("empty")
    if size > max_bytes:
        return FileProblem("too_large", limit_mb=max(1, max_bytes // (1024 * 1024)))
    name = filename.lower()
    kind = next((k for k in FILE_KINDS.values() if name.endswith(k.extensions)), None)
    if kind is None:
        return FileProblem("wrong_type")
    if not any(head.startswith(s) for s in kind.signatures):
        return FileProblem("content_mismatch")
    return None
