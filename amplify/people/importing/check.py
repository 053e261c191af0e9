"""Checking an HR export against what Amplify holds: the dry run.

`check()` touches no database: it is given the reference data and a snapshot of the people
already imported, and returns a plan (who is created, who changes and how) or row errors.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_noop

from amplify.core.hierarchy import find_cycles
from amplify.core.text import control_character_at, find_control_character
from amplify.home.control_characters import control_character_text
from amplify.home.storedtext import english
from amplify.people.importing.columns import COLUMNS, REQUIRED, match_headers
from amplify.people.importing.excerpt import excerpt
from amplify.people.importing.table import Message, Table

MAX_STORED_ERRORS = 1000
PREVIEW_SIZE = 200
LIMITS = {
    "employee_id": 64,
    "name": 200,
    "job_title": 200,
    "email": 254,
    "manager_employee_id": 64,
}
# Ignored columns named in the warning, at most.
NAMED_IGNORED = 20
# A person's fields as the plan compares them; the first three are always in the file.
FIELDS = (
    "name",
    "email",
    "country",
    "division_id",
    "job_title",
    "manager",
    "languages",
    "time_zone",
)
COLUMN_OF_FIELD = {"division_id": "division", "manager": "manager_employee_id"}
COUNTRY_HINTS = {"UK": "GB", "EN": "GB", "USA": "US", "UAE": "AE"}


@dataclass(frozen=True)
class Reference:
    countries: frozenset[str]
    languages: Mapping[str, str]  # lower-case code or English name -> code
    divisions: Mapping[str, int]  # lower-case name -> id
    division_names: Mapping[int, str]
    time_zones: frozenset[str]


@dataclass(slots=True)
class Existing:
    pk: int
    name: str
    email: str
    country: str | None
    division_id: int | None
    job_title: str
    manager: str | None  # the manager's employee id
    languages: list[str]
    time_zone: str


@dataclass
class Snapshot:
    by_employee_id: dict[str, Existing]
    # Every email already in Amplify -> the employee id holding it ("#<pk>" for externals).
    email_owner: dict[str, str]


@dataclass(slots=True)
class Row:
    number: int
    employee_id: str
    name: str
    email: str
    country: str
    division_id: int | None
    job_title: str
    manager: str | None
    languages: list[str]
    time_zone: str


@dataclass
class RowError:
    """One error, kept as its msgid and parameters so that each reader sees it in her own
    language (amplify.home.storedtext); `message` is the English sentence."""

    row: int
    column: str | None
    msgid: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return english(self.msgid, self.params)

    def as_dict(self) -> dict[str, Any]:
        stored: dict[str, Any] = {"row": self.row, "column": self.column, "message": self.message}
        if self.params:  # else the message is its own msgid
            stored["msgid"], stored["params"] = self.msgid, self.params
        return stored


@dataclass
class Plan:
    columns: frozenset[str]
    rows: list[Row] = field(default_factory=list)
    creates: list[Row] = field(default_factory=list)
    updates: list[tuple[Row, Existing, tuple[str, ...]]] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    warnings: list[Message] = field(default_factory=list)
    # The id of every employee already in Amplify, to resolve managers when writing.
    known: dict[str, int] = field(default_factory=dict)
    rows_read: int = 0  # every data row, valid or not
    encoding: str | None = None  # how a CSV was decoded

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def error(self, row: int, column: str | None, msgid: str, /, **params: Any) -> None:
        """Count an error; `msgid` is marked with gettext_noop by the caller."""
        self.error_count += 1
        if len(self.errors) < MAX_STORED_ERRORS:
            self.errors.append(RowError(row, column, msgid, params))


def check(
    table: Table,
    *,
    reference: Reference,
    snapshot: Snapshot,
    estimated_rows: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> Plan:
    positions, duplicated, unknown = match_headers(table.headers)
    plan = Plan(
        columns=frozenset(positions), warnings=list(table.warnings), encoding=table.encoding
    )
    for key in REQUIRED:
        if key not in positions:
            header = ", ".join(h for h in table.headers if h) or "(empty)"
            plan.error(
                1,
                key,
                gettext_noop("Missing column “%(column)s”. The header row is: %(header)s."),
                column=key,
                header=excerpt(header, 200),
            )
    for cell in duplicated:
        plan.error(
            1,
            excerpt(cell),
            gettext_noop("Column “%(column)s” appears twice."),
            column=excerpt(cell),
        )
    if unknown:
        named = ", ".join(excerpt(cell) for cell in unknown[:NAMED_IGNORED])
        more = len(unknown) - NAMED_IGNORED
        if more > 0:
            ignored = Message(
                gettext_noop("Ignored columns: %(columns)s and %(more)s more."),
                {"columns": named, "more": more},
            )
        else:
            ignored = Message(gettext_noop("Ignored columns: %(columns)s."), {"columns": named})
        plan.warnings.append(ignored)

    # Every check runs, whatever failed before it, so that one dry run names every error of
    # the file: a manager fixing the rows it lists must not meet new ones on the next try.
    # A check only skips a cell already reported (a missing column, a control character).
    missing = frozenset(key for key in REQUIRED if key not in positions)
    names = _column_names(table.headers, positions)
    seen_ids: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    readable: list[tuple[Row, set[str]]] = []  # each row read, and its columns in error
    for number, cells, problem in table.rows:
        plan.rows_read += 1
        if problem is not None:
            plan.error(number, None, problem.msgid, **problem.params)
            continue
        failed = _clean_cells(number, cells, names, plan)
        row = _parse_row(number, cells, positions, reference, plan, failed=failed, missing=missing)
        if row.employee_id and "employee_id" not in failed:
            if row.employee_id in seen_ids:
                plan.error(
                    number,
                    "employee_id",
                    gettext_noop("Employee id %(employee_id)s is also on row %(other)s."),
                    employee_id=row.employee_id,
                    other=seen_ids[row.employee_id],
                )
                failed.add("employee_id")
            else:
                seen_ids[row.employee_id] = number
        if row.email and "email" not in failed:
            if row.email in seen_emails:
                plan.error(
                    number,
                    "email",
                    gettext_noop("Email %(email)s is also on row %(other)s."),
                    email=row.email,
                    other=seen_emails[row.email],
                )
            else:
                seen_emails[row.email] = number
        readable.append((row, failed))
        if not failed:
            plan.rows.append(row)
        if progress and len(readable) % 5000 == 0:
            progress(len(readable), max(estimated_rows, len(readable)))
    if not readable and plan.ok:
        plan.error(2, None, gettext_noop("The file has a header row but no people."))

    # The checks across rows see every row whose cells they read were valid, including rows
    # with errors elsewhere: a reference to a person whose row has a bad country is not an
    # unknown manager, and the bad row's own manager is checked too.
    def usable(*columns: str) -> list[Row]:
        return [row for row, failed in readable if not failed.intersection(columns)]

    _check_emails(plan, snapshot, seen_ids, usable("employee_id", "email"))
    if "manager_employee_id" in positions:
        _check_managers(plan, snapshot, seen_ids, usable("employee_id", "manager_employee_id"))
    if plan.ok:
        _classify(plan, snapshot)
    # One report, in file order; a row's own errors before those against other rows.
    plan.errors.sort(key=lambda error: error.row)
    return plan


def _column_names(headers: list[str], positions: dict[str, int]) -> list[str]:
    """What a row error calls each column: its key if Amplify reads it, else its header."""
    key_at = {index: key for key, index in positions.items()}
    return [
        key_at.get(index) or excerpt(header) or f"column {index + 1}"
        for index, header in enumerate(headers)
    ]


def _clean_cells(number: int, cells: list[str], names: list[str], plan: Plan) -> set[str]:
    """Every cell is one line of text: a NUL cannot be stored, and a line break or other
    control character in a name or an email breaks calendars and mail headers (one rule for
    every boundary: `amplify.core.text`). Checked in every column, read or ignored, so that
    the dry run refuses what the commit could not write. Returns the columns in error."""
    failed: set[str] = set()
    if control_character_at("".join(cells)) is None:  # the common case, in one search
        return failed
    for index, value in enumerate(cells):
        found = find_control_character(value)
        if found is not None:
            column = names[index] if index < len(names) else f"column {index + 1}"
            msgid, params = control_character_text(found)
            plan.error(number, column, msgid, **params)
            failed.add(column)
    return failed


def _parse_row(
    number: int,
    cells: list[str],
    positions: dict[str, int],
    reference: Reference,
    plan: Plan,
    *,
    failed: set[str],
    missing: frozenset[str],
) -> Row:
    """The row as read, with every error of its cells reported and its column added to
    `failed`; a column already in it, or `missing` from the file, is not checked. The Row
    holds what could be read; it is written only if nothing failed."""

    def cell(key: str) -> str:
        index = positions.get(key)
        return cells[index] if index is not None and index < len(cells) else ""

    skip = frozenset(failed) | missing

    def error(key: str, msgid: str, **params: Any) -> None:
        if key not in skip:
            failed.add(key)
            plan.error(number, key, msgid, **params)

    values = {c.key: cell(c.key) for c in COLUMNS}
    for key in REQUIRED:
        if not values[key]:
            error(key, gettext_noop("“%(column)s” is empty."), column=key)
    for key, limit in LIMITS.items():
        if len(values[key]) > limit:
            error(
                key,
                gettext_noop("“%(column)s” is longer than %(limit)s characters."),
                column=key,
                limit=limit,
            )

    email = values["email"].lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            error(
                "email",
                gettext_noop("“%(value)s” is not a valid email address."),
                value=excerpt(values["email"]),
            )

    country = values["country"].upper()
    if country and country not in reference.countries:
        hint = COUNTRY_HINTS.get(country)
        if hint:
            error(
                "country",
                gettext_noop("Unknown country code “%(value)s”: did you mean %(hint)s?"),
                value=excerpt(values["country"]),
                hint=hint,
            )
        else:
            error(
                "country",
                gettext_noop("Unknown country code “%(value)s”; use ISO 3166-1 alpha-2, e.g. GB."),
                value=excerpt(values["country"]),
            )

    division_id = None
    if values["division"]:
        division_id = reference.divisions.get(values["division"].lower())
        if division_id is None:
            error(
                "division",
                gettext_noop("Unknown division “%(value)s”; it must be set up in Amplify first."),
                value=excerpt(values["division"]),
            )

    languages: list[str] = []
    for item in re.split(r"[;,|/]+", values["languages"]):
        item = item.strip()
        if not item:
            continue
        code = reference.languages.get(item.lower())
        if code is None:
            error(
                "languages",
                gettext_noop(
                    "Unknown language “%(value)s”; use ISO 639-1 codes (en, es, ja) or "
                    "English names."
                ),
                value=excerpt(item),
            )
        elif code not in languages:
            languages.append(code)

    time_zone = values["time_zone"]
    if time_zone and time_zone not in reference.time_zones:
        error(
            "time_zone",
            gettext_noop("Unknown time zone “%(value)s”; use an IANA name such as Europe/London."),
            value=excerpt(time_zone),
        )

    manager = values["manager_employee_id"] or None
    if manager is not None and manager == values["employee_id"]:
        error("manager_employee_id", gettext_noop("A person cannot be their own manager."))

    return Row(
        number,
        values["employee_id"],
        values["name"],
        email,
        country,
        division_id,
        values["job_title"],
        manager,
        languages,
        time_zone,
    )


def _check_emails(plan: Plan, snapshot: Snapshot, in_file: dict[str, int], rows: list[Row]) -> None:
    """An email may move between people within the file, but must end up unique."""
    owner = dict(snapshot.email_owner)
    for row in rows:
        old = snapshot.by_employee_id.get(row.employee_id)
        if old is not None and old.email != row.email and owner.get(old.email) == row.employee_id:
            del owner[old.email]
    for row in rows:
        holder = owner.get(row.email)
        if holder is None or holder == row.employee_id:
            continue
        if holder.startswith("#"):
            plan.error(
                row.number,
                "email",
                gettext_noop(
                    "Email %(email)s already belongs to an external person (not in the HR "
                    "system) in Amplify."
                ),
                email=row.email,
            )
        elif holder in in_file:
            plan.error(
                row.number,
                "email",
                gettext_noop(
                    "Email %(email)s already belongs to employee %(holder)s (row %(other)s), "
                    "who keeps it."
                ),
                email=row.email,
                holder=holder,
                other=in_file[holder],
            )
        else:
            plan.error(
                row.number,
                "email",
                gettext_noop(
                    "Email %(email)s already belongs to employee %(holder)s, already in Amplify."
                ),
                email=row.email,
                holder=holder,
            )


def _check_managers(
    plan: Plan, snapshot: Snapshot, in_file: dict[str, int], rows: list[Row]
) -> None:
    managers: dict[str, str | None] = {
        eid: person.manager for eid, person in snapshot.by_employee_id.items()
    }
    for row in rows:
        managers[row.employee_id] = row.manager
        if (
            row.manager is not None
            and row.manager not in in_file
            and (row.manager not in snapshot.by_employee_id)
        ):
            plan.error(
                row.number,
                "manager_employee_id",
                gettext_noop("Manager %(manager)s is neither in this file nor in Amplify."),
                manager=row.manager,
            )
    for cycle in find_cycles(managers):
        for i, eid in sorted(enumerate(cycle), key=lambda item: in_file.get(item[1], 0)):
            if eid not in in_file:
                continue
            # Each row's message starts the loop at that row's own person.
            loop = " → ".join([*cycle[i:], *cycle[:i], eid])
            plan.error(
                in_file[eid],
                "manager_employee_id",
                gettext_noop("Reporting lines form a cycle: %(loop)s."),
                loop=loop,
            )


def _classify(plan: Plan, snapshot: Snapshot) -> None:
    plan.known = {eid: person.pk for eid, person in snapshot.by_employee_id.items()}
    compared = [f for f in FIELDS if COLUMN_OF_FIELD.get(f, f) in plan.columns]
    for row in plan.rows:
        old = snapshot.by_employee_id.get(row.employee_id)
        if old is None:
            plan.creates.append(row)
            continue
        changed = tuple(f for f in compared if getattr(row, f) != getattr(old, f))
        if changed:
            plan.updates.append((row, old, changed))
        else:
            plan.unchanged += 1


def preview(plan: Plan, reference: Reference, limit: int = PREVIEW_SIZE) -> list[dict[str, Any]]:
    """The first changes, readable: what a manager checks before pressing Import."""

    def shown(fieldname: str, value: Any) -> Any:
        if fieldname == "division_id":
            return reference.division_names.get(value, "") if value else ""
        if fieldname == "languages":
            return ", ".join(value)
        return value if value is not None else ""

    out: list[dict[str, Any]] = []
    for row in plan.creates[:limit]:
        out.append(
            {
                "row": row.number,
                "employee_id": row.employee_id,
                "name": row.name,
                "action": "create",
                "changes": {},
            }
        )
    for row, old, changed in plan.updates[: max(0, limit - len(out))]:
        out.append(
            {
                "row": row.number,
                "employee_id": row.employee_id,
                "name": row.name,
                "action": "update",
                "changes": {
                    COLUMN_OF_FIELD.get(f, f): [
                        shown(f, getattr(old, f)),
                        shown(f, getattr(row, f)),
                    ]
                    for f in changed
                },
            }
        )
    return out
