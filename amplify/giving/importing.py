"""Importing ledger lines from a CSV or XLSX file, with the people importer's machinery: its
reader (`amplify.people.importing.reader`: encodings, broken quotes, XLSX bombs, the row
limit), its header matching and its row errors (a msgid and parameters per row and column,
shown in each reader's language).

All or nothing: the file is checked whole first; if any row has an error, nothing is saved
and every error is listed. Each row's line has a request key made from the file's content
and the row's number, so importing the same file again adds nothing (its rows are counted as
"already imported"). A cell is only ever text: one that looks like a formula ("=SUM(A1)") is
read as those characters, and is refused where a number or a code is expected.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from amplify.accounts.models import User
from amplify.core.text import find_control_character
from amplify.giving import services
from amplify.giving.currencies import is_currency
from amplify.giving.models import Fund, Gift, InputType, Recipient, Status
from amplify.home.control_characters import control_character_text
from amplify.home.links import validate_web_link
from amplify.home.storedtext import translated
from amplify.people.importing.check import RowError
from amplify.people.importing.columns import normalise_header
from amplify.people.importing.excerpt import excerpt
from amplify.people.importing.reader import UnreadableFile, read_table
from amplify.people.importing.table import Message
from amplify.people.models import Country
from amplify.programmes.models import Pillar, Programme

# Rows are checked and written while the upload waits: a ledger is thousands of lines, not
# an HR system's hundreds of thousands. A larger file is refused with a clear message.
MAX_ROWS = 20_000
# Errors listed, at most (the count says how many more).
MAX_ERRORS = 500
# The namespace of the import rows' request keys (uuid5 of the file's hash and row number).
KEY_NAMESPACE = uuid.UUID("6f7c1d2e-4b1a-5d6e-9f80-3a2b1c0d9e8f")

# The columns, as their header is normalised (lower case, "_" for anything else), with the
# other spellings accepted.
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("given_on", "date_given", "paid_on"),
    "fund": ("fund_name",),
    "amount": ("value",),
    "currency": ("currency_code",),
    "status": (),
    "input_type": ("type", "input"),
    "recipient": ("recipient_organisation", "organisation", "charity", "recipient_name"),
    "charity_number": ("charity_no", "registration_number", "charity_registration_number"),
    "cause": (),
    "country": ("country_code",),
    "programme": ("program",),
    "pillar": ("pillar_code",),
    "evidence_link": ("evidence", "evidence_url"),
    "approved_by": ("approver", "approved_by_email"),
}
REQUIRED = ("date", "fund", "amount", "currency", "status", "input_type", "recipient")
_LOOKUP = {alias: key for key, aliases in COLUMNS.items() for alias in (key, *aliases)}
_STATUS = {
    **{code: code for code in Status.values},
    "pledged": Status.COMMITTED,
}
_INPUT = {
    "cash": InputType.CASH,
    "time": InputType.TIME,
    "time_valued_at_cost": InputType.TIME,
    "in_kind": InputType.IN_KIND,
    "inkind": InputType.IN_KIND,
    "management": InputType.MANAGEMENT,
    "management_cost": InputType.MANAGEMENT,
    "management_costs": InputType.MANAGEMENT,
}
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00)?)?$")


@dataclass
class ImportResult:
    filename: str
    rows_read: int = 0
    created: int = 0
    already: int = 0  # rows of a file imported before
    errors: list[RowError] = field(default_factory=list)
    more_errors: int = 0  # errors beyond those listed
    warnings: list[Message] = field(default_factory=list)

    @property
    def saved(self) -> bool:
        return not self.errors

    def error(self, row: int, column: str | None, msgid: str, /, **params: Any) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(row, column, msgid, params))
        else:
            self.more_errors += 1

    def error_lines(self) -> list[dict[str, Any]]:
        """Each row error as the reader sees it, in her language."""
        return [
            {"row": e.row, "column": e.column, "message": translated(e.msgid, e.params)}
            for e in self.errors
        ]

    def warning_lines(self) -> list[str]:
        return [translated(w.msgid, w.params) for w in self.warnings]


@dataclass
class _Row:
    number: int
    values: dict[str, Any]


class _Reference:
    """Funds, countries, programmes, pillars and approvers, read once for the whole file."""

    def __init__(self) -> None:
        self.funds = {f.name.casefold(): f for f in Fund.objects.all()}
        self.countries = {c.code: c for c in Country.objects.all()}
        self.programmes: dict[str, Programme] = {}
        for programme in Programme.objects.all():
            self.programmes[programme.slug.casefold()] = programme
            self.programmes.setdefault(programme.name.casefold(), programme)
        self.pillars: dict[str, Pillar] = {}
        for pillar in Pillar.objects.all():
            self.pillars[pillar.code.casefold()] = pillar
            self.pillars.setdefault(pillar.name.casefold(), pillar)
        self.approvers: dict[str, User] = {}

    def approver(self, email: str) -> User | None:
        key = email.casefold()
        if key not in self.approvers:
            found = User.objects.filter(email__iexact=email, is_active=True).first()
            if found is None:
                return None
            self.approvers[key] = found
        return self.approvers[key]


def _file_problem(filename: str, content: bytes) -> str | None:
    if not filename:
        return _("Choose a CSV or XLSX file.")
    if not filename.lower().endswith((".csv", ".xlsx", ".txt")):
        return _("The file must be a .csv or .xlsx file.")
    if not content:
        return _("The file is empty.")
    if len(content) > settings.AMPLIFY_IMPORT_MAX_BYTES:
        limit = settings.AMPLIFY_IMPORT_MAX_BYTES // (1024 * 1024)
        return _("The file is larger than %(limit)s MB.") % {"limit": limit}
    return None


def request_key(digest: str, row: int) -> uuid.UUID:
    """The request key of a row of a file: the same file imported again gives the same keys."""
    return uuid.uuid5(KEY_NAMESPACE, f"{digest}:{row}")


def gifts_import(*, imported_by: User, filename: str, content: bytes) -> ImportResult:
    """Check the whole file, then (if no row has an error) record every line in one
    transaction. A bad file (not CSV or XLSX, too large) is a ValidationError on `file`."""
    problem = _file_problem(filename, content)
    if problem:
        raise ValidationError({"file": problem})
    result = ImportResult(filename=filename)
    max_rows = min(MAX_ROWS, settings.AMPLIFY_IMPORT_MAX_ROWS)
    try:
        table = read_table(content, filename, max_rows=max_rows)
    except UnreadableFile as exc:
        result.error(1, None, exc.message.msgid, **exc.message.params)
        return result
    result.warnings.extend(w for w in table.warnings if w is not None)
    positions = _positions(table.headers, result)
    if result.errors:
        return result
    reference = _Reference()
    rows: list[_Row] = []
    for number, cells, row_problem in table.rows:
        result.rows_read += 1
        if row_problem is not None:
            result.error(number, None, row_problem.msgid, **row_problem.params)
            continue
        row = _parse(number, cells, positions, reference, result)
        if row is not None:
            rows.append(row)
    if result.rows_read == 0:
        result.error(2, None, gettext_noop("The file has a header row but no lines."))
    if result.errors:
        return result
    _write(rows, hashlib.sha256(content).hexdigest(), imported_by, result)
    return result


def _positions(headers: list[str], result: ImportResult) -> dict[str, int]:
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for index, cell in enumerate(headers):
        key = _LOOKUP.get(normalise_header(cell))
        if key is None:
            if cell.strip():
                ignored.append(excerpt(cell.strip()))
        elif key in positions:
            result.error(
                1,
                key,
                gettext_noop("The column “%(column)s” appears twice in the header row."),
                column=excerpt(cell.strip()),
            )
        else:
            positions[key] = index
    for key in REQUIRED:
        if key not in positions:
            result.error(
                1,
                key,
                gettext_noop("Missing column “%(column)s”. The header row is: %(header)s."),
                column=key.replace("_", " "),
                header=excerpt(", ".join(headers), 200),
            )
    if ignored:
        result.warnings.append(
            Message(
                gettext_noop("These columns are not read: %(columns)s."),
                {"columns": ", ".join(ignored[:20])},
            )
        )
    return positions


def _parse(
    number: int,
    cells: list[str],
    positions: dict[str, int],
    reference: _Reference,
    result: ImportResult,
) -> _Row | None:
    before = len(result.errors) + result.more_errors

    def cell(key: str) -> str:
        index = positions.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def error(key: str, msgid: str, /, **params: Any) -> None:
        result.error(number, key, msgid, **params)

    for key in positions:
        found = find_control_character(cell(key))
        if found is not None:
            msgid, params = control_character_text(found)
            error(key, msgid, **params)
    if len(result.errors) + result.more_errors > before:
        return None
    for key in REQUIRED:
        if not cell(key):
            error(key, gettext_noop("The %(column)s is missing."), column=key.replace("_", " "))
    values: dict[str, Any] = {}
    if cell("date"):
        values["given_on"] = _date(cell("date"))
        if values["given_on"] is None:
            error(
                "date",
                gettext_noop(
                    "The date must be written YYYY-MM-DD (e.g. 2024-03-31), not “%(value)s”."
                ),
                value=excerpt(cell("date")),
            )
    if cell("fund"):
        values["fund"] = reference.funds.get(cell("fund").casefold())
        if values["fund"] is None:
            error(
                "fund",
                gettext_noop("There is no fund “%(value)s”: add it first, or correct the name."),
                value=excerpt(cell("fund")),
            )
    if cell("amount"):
        amount = cell("amount").replace(",", "")
        problem = services.amount_problem(amount)
        if problem:
            error("amount", problem)
        else:
            values["amount"] = Decimal(amount)
    if cell("currency"):
        code = cell("currency").upper()
        if is_currency(code):
            values["currency"] = code
        else:
            error("currency", services.CURRENCY_PROBLEM, code=excerpt(cell("currency"), 10))
    if cell("status"):
        values["status"] = _STATUS.get(normalise_header(cell("status")))
        if values["status"] is None:
            error(
                "status",
                gettext_noop("The status must be committed or paid, not “%(value)s”."),
                value=excerpt(cell("status")),
            )
    if cell("input_type"):
        values["input_type"] = _INPUT.get(normalise_header(cell("input_type")))
        if values["input_type"] is None:
            error(
                "input_type",
                gettext_noop(
                    "The input type must be cash, time, in kind or management, not “%(value)s”."
                ),
                value=excerpt(cell("input_type")),
            )
    for key, limit in (("recipient", 200), ("charity_number", 40), ("cause", 120)):
        if len(cell(key)) > limit:
            error(
                key,
                gettext_noop("Keep the %(column)s under %(limit)s characters."),
                column=key.replace("_", " "),
                limit=limit,
            )
    values["recipient"] = cell("recipient")
    values["charity_number"] = cell("charity_number")
    values["cause"] = cell("cause")
    if cell("country"):
        values["country"] = reference.countries.get(cell("country").upper())
        if values["country"] is None:
            error(
                "country",
                gettext_noop(
                    "“%(value)s” is not an ISO 3166-1 country code (two letters, e.g. GB, US)."
                ),
                value=excerpt(cell("country"), 20),
            )
    if cell("programme"):
        values["programme"] = reference.programmes.get(cell("programme").casefold())
        if values["programme"] is None:
            error(
                "programme",
                gettext_noop("There is no programme “%(value)s” (give its slug or its name)."),
                value=excerpt(cell("programme")),
            )
    if cell("pillar"):
        values["pillar"] = reference.pillars.get(cell("pillar").casefold())
        if values["pillar"] is None:
            error(
                "pillar",
                gettext_noop("There is no pillar “%(value)s” (give its code, e.g. M or L)."),
                value=excerpt(cell("pillar")),
            )
    if cell("evidence_link"):
        try:
            validate_web_link(cell("evidence_link"))
        except ValidationError:
            error(
                "evidence_link",
                gettext_noop(
                    "The evidence link must be a web address starting http:// or https://."
                ),
            )
        values["evidence_link"] = cell("evidence_link")
    if cell("approved_by"):
        values["approved_by"] = reference.approver(cell("approved_by"))
        if values["approved_by"] is None:
            error(
                "approved_by",
                gettext_noop("No active account has the email %(value)s."),
                value=excerpt(cell("approved_by")),
            )
    if len(result.errors) + result.more_errors > before:
        return None
    return _Row(number, values)


def _date(value: str) -> date | None:
    match = _DATE.match(value)
    if not match:
        return None
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return day if 1900 <= day.year <= 2200 else None


@transaction.atomic
def _write(rows: list[_Row], digest: str, imported_by: User, result: ImportResult) -> None:
    keys = {row.number: request_key(digest, row.number) for row in rows}
    done = set(
        Gift.objects.filter(request_key__in=keys.values()).values_list("request_key", flat=True)
    )
    recipients: dict[tuple[str, str], Recipient] = {}
    try:
        for row in rows:
            if keys[row.number] in done:
                result.already += 1
                continue
            values = dict(row.values)
            name, number = values.pop("recipient"), values.pop("charity_number")
            recipient = recipients.get((name.casefold(), number))
            if recipient is None:
                recipient = Recipient.objects.filter(
                    name__iexact=name, charity_number=number
                ).first() or services.recipient_create(
                    created_by=imported_by, name=name, charity_number=number
                )
                recipients[(name.casefold(), number)] = recipient
            services.gift_create(
                recorded_by=imported_by,
                recipient=recipient,
                request_key=keys[row.number],
                **values,
            )
            result.created += 1
    except ValidationError as exc:
        # Something changed between the check and the write (a fund renamed at that moment):
        # nothing of the file is kept.
        transaction.set_rollback(True)
        result.created = result.already = 0
        for message in exc.messages:
            result.error(
                row.number,
                None,
                gettext_noop("This row could not be saved: %(problem)s"),
                problem=message,
            )
