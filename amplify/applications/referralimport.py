"""A partner's CSV (or XLSX) of young people to refer: read with the HR importer's reader,
checked row by row with its row errors (numbered as a spreadsheet numbers them, kept as
msgids so each reader sees them in her language), and saved only if every row is right."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext_noop

from amplify.accounts.models import User
from amplify.applications.models import Application
from amplify.people.importing.check import RowError
from amplify.people.importing.excerpt import excerpt
from amplify.people.importing.reader import UnreadableFile, read_table
from amplify.people.models import Partner
from amplify.programmes.models import Cohort

MAX_ROWS = 500
COLUMNS = ("name", "email")


@dataclass
class Checked:
    rows: list[tuple[int, str, str]] = field(default_factory=list)  # number, name, email
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def referrals_check(*, cohort: Cohort, content: bytes, filename: str) -> Checked:
    """Every row is checked, whatever failed before it, so one try names every error."""
    checked = Checked()
    try:
        table = read_table(content, filename, max_rows=MAX_ROWS)
    except UnreadableFile as exc:
        checked.errors.append(RowError(1, None, str(exc)))
        return checked
    headers = [h.strip().lower() for h in table.headers]
    for column in COLUMNS:
        if column not in headers:
            checked.errors.append(
                RowError(
                    1,
                    column,
                    gettext_noop("Missing column “%(column)s”. The header row is: %(header)s."),
                    {"column": column, "header": excerpt(", ".join(table.headers), 200)},
                )
            )
    if checked.errors:
        return checked
    at = {c: headers.index(c) for c in COLUMNS}
    taken = set(Application.objects.filter(cohort=cohort).values_list("email", flat=True))
    seen: dict[str, int] = {}
    for number, cells, problem in table.rows:
        if problem is not None:
            checked.errors.append(RowError(number, None, problem.msgid, dict(problem.params)))
            continue
        name = cells[at["name"]].strip() if at["name"] < len(cells) else ""
        email = cells[at["email"]].strip().lower() if at["email"] < len(cells) else ""
        if not name and not email:
            continue  # an empty line
        if not name:
            checked.errors.append(RowError(number, "name", gettext_noop("The name is empty.")))
        try:
            validate_email(email)
        except ValidationError:
            checked.errors.append(
                RowError(
                    number,
                    "email",
                    gettext_noop("“%(email)s” is not a valid email address."),
                    {"email": excerpt(email)},
                )
            )
            continue
        if email in seen:
            checked.errors.append(
                RowError(
                    number,
                    "email",
                    gettext_noop("%(email)s is also on row %(other)s."),
                    {"email": email, "other": seen[email]},
                )
            )
        elif email in taken:
            checked.errors.append(
                RowError(
                    number,
                    "email",
                    gettext_noop("%(email)s already has an application to this cohort."),
                    {"email": email},
                )
            )
        seen.setdefault(email, number)
        checked.rows.append((number, name, email))
    if not checked.rows and not checked.errors:
        checked.errors.append(RowError(2, None, gettext_noop("The file has no one to refer.")))
    return checked


@transaction.atomic
def referrals_import(
    *,
    cohort: Cohort,
    partner: Partner,
    referred_by: User,
    content: bytes,
    filename: str,
    language: str = "",
) -> Checked:
    """Refer everyone in the file, or no one: any row error and nothing is saved."""
    from amplify.applications.services import referral_create

    checked = referrals_check(cohort=cohort, content=content, filename=filename)
    if not checked.ok:
        return checked
    for _number, name, email in checked.rows:
        referral_create(
            cohort=cohort,
            partner=partner,
            name=name,
            email=email,
            referred_by=referred_by,
            language=language,
        )
    return checked
