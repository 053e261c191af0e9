"""The ledger's roll-ups, summed by the database (one grouped query each, whatever the
number of lines), as the `Table`s every page, export and PDF renders.

Amounts in different currencies are never added together: every total is per currency, one
row for each currency a fund (or a breakdown's group) was given in. Money is not about
people, so the small-group rule (fewer than 5 → "fewer than 5") does not apply to amounts or
to counts of organisations: both are shown as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Min, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from amplify.giving.models import Gift, InputType, Status
from amplify.impact.tables import Table

CENT = Decimal("0.01")
BREAKDOWNS = ("fund", "input_type", "country", "programme", "pillar")
# What each breakdown groups by: the key and its label's column.
_GROUPS = {
    "fund": ("fund_id", "fund__name"),
    "input_type": ("input_type", None),
    "country": ("country_id", "country__name"),
    "programme": ("programme_id", "programme__name"),
    "pillar": ("pillar_id", "pillar__name"),
}


@dataclass(frozen=True)
class Total:
    """One group's totals in one currency."""

    key: Any  # the fund's, country's… id; the input type's code
    label: str
    currency: str
    committed: Decimal
    paid: Decimal
    organisations: int  # distinct recipients of the group, whatever the currency
    illustrative: bool = False


def definitions() -> list[tuple[str, str]]:
    return [
        (
            _("Committed"),
            _(
                "Everything pledged: the sum of every line committed or paid (a paid line was "
                "committed first), of every input type — cash, time valued at cost, in kind "
                "and management cost, the B4SI total contribution."
            ),
        ),
        (_("Paid"), _("The sum of the lines marked paid: money that has left the company.")),
        (
            _("Organisations supported"),
            _(
                "The number of different recipient organisations with at least one line, "
                "committed or paid, other than a management cost (which supports no "
                "organisation). Counted once per group, whatever the currency."
            ),
        ),
        (
            _("Currency"),
            _(
                "Amounts in different currencies are never added together: each currency has "
                "its own row. Nothing is converted."
            ),
        ),
        (
            _("Since"),
            _("Lines dated on or after 1 January of that year; by default the earliest line's."),
        ),
        (
            _("Small groups"),
            _(
                "Amounts and counts of organisations are not about people, so they are shown "
                "as they are, however small: no figure here is suppressed."
            ),
        ),
    ]


def earliest_year(gifts: QuerySet[Gift] | None = None) -> int | None:
    first = (gifts if gifts is not None else Gift.objects.all()).aggregate(first=Min("given_on"))
    return first["first"].year if first["first"] else None


def _lines(*, since: int | None, user: Any) -> QuerySet[Gift]:
    gifts = Gift.objects.for_user(user) if user is not None else Gift.objects.all()
    if since is not None:
        gifts = gifts.filter(given_on__gte=date(since, 1, 1))
    return gifts


def totals(*, by: str = "fund", since: int | None = None, user: Any = None) -> list[Total]:
    """The committed and paid sums per group and currency, and the organisations supported
    per group: two grouped queries. `user`: only the lines she may read (None: all)."""
    if by not in _GROUPS:
        raise ValueError(f"Unknown breakdown {by!r}: one of {', '.join(BREAKDOWNS)}")
    key, label = _GROUPS[by]
    gifts = _lines(since=since, user=user)
    columns = [key, "currency"] + ([label] if label else [])
    if by == "fund":
        columns.append("fund__illustrative")
    sums = (
        gifts.values(*columns)
        .annotate(committed=Sum("amount"), paid=Sum("amount", filter=Q(status=Status.PAID)))
        .order_by(*([label] if label else []), key, "currency")
    )
    organisations = dict(
        gifts.exclude(input_type=InputType.MANAGEMENT)
        .values(key)
        .annotate(n=Count("recipient", distinct=True))
        .values_list(key, "n")
        .order_by()
    )
    return [
        Total(
            key=row[key],
            label=_label(by, row[key], row.get(label) if label else None),
            currency=row["currency"],
            # SQLite sums decimals without their scale (10, not 10.00)
            committed=(row["committed"] or Decimal(0)).quantize(CENT),
            paid=(row["paid"] or Decimal(0)).quantize(CENT),
            organisations=organisations.get(row[key], 0),
            illustrative=bool(row.get("fund__illustrative")),
        )
        for row in sums
    ]


def _label(by: str, key: Any, name: str | None) -> str:
    if by == "input_type":
        return str(InputType(key).label) if key in InputType.values else str(key)
    if key is None:
        return {
            "country": _("No country"),
            "programme": _("No programme"),
            "pillar": _("No pillar"),
        }.get(by, "—")
    return name or str(key)


def money(amount: Decimal) -> str:
    """An amount as the tables show it: two decimals, thousands separated ("1,250.00")."""
    return f"{amount:,.2f}"


def _since_or_default(since: int | None, user: Any) -> int | None:
    if since is not None:
        return since
    return earliest_year(_lines(since=None, user=user))


def fund_table(*, since: int | None = None, user: Any = None) -> Table:
    """Money committed and paid, and organisations supported, per fund and currency, from
    `since` (a year; default: the earliest line's year). `user`: only the lines she may
    read (None: every line, for impact admins and the organisation report)."""
    since = _since_or_default(since, user)
    rows: list[list[Any]] = []
    for total in totals(by="fund", since=since, user=user):
        name = total.label
        if total.illustrative:
            name = _("%(fund)s (illustrative)") % {"fund": name}
        rows.append(
            [
                name,
                total.currency,
                money(total.committed),
                money(total.paid),
                str(total.organisations),
            ]
        )
    title = (
        _("Giving per fund since %(year)s") % {"year": since}
        if since is not None
        else _("Giving per fund")
    )
    return Table(
        key="giving-funds",
        title=title,
        columns=[_("Fund"), _("Currency"), _("Committed"), _("Paid"), _("Organisations supported")],
        rows=rows,
        definitions=definitions(),
    )


def breakdown_label(by: str) -> str:
    return {
        "fund": _("Fund"),
        "input_type": _("Input type"),
        "country": _("Country"),
        "programme": _("Programme"),
        "pillar": _("Pillar"),
    }[by]


def breakdown_table(*, by: str, since: int | None = None, user: Any = None) -> Table:
    """The same totals by input type, country, programme or pillar (or fund), per currency.
    A line counts under its own country, programme and pillar (a line under a programme but
    no pillar is under "No pillar": the programme's pillars are not guessed)."""
    since = _since_or_default(since, user)
    heading = breakdown_label(by)
    rows: list[list[Any]] = [
        [t.label, t.currency, money(t.committed), money(t.paid), str(t.organisations)]
        for t in totals(by=by, since=since, user=user)
    ]
    title = (
        _("Giving by %(group)s since %(year)s") % {"group": heading.lower(), "year": since}
        if since is not None
        else _("Giving by %(group)s") % {"group": heading.lower()}
    )
    return Table(
        key=f"giving-by-{by.replace('_', '-')}",
        title=title,
        columns=[heading, _("Currency"), _("Committed"), _("Paid"), _("Organisations supported")],
        rows=rows,
        definitions=definitions(),
    )


def organisation_sections(scope: Any) -> list[Table]:
    """The ledger's tables in the organisation roll-up (amplify.impact.rollup's section
    providers): per fund, and by country, of the lines the reader may read."""
    # No reader (a published snapshot): the organisation's own copy, everything in it.
    if scope.user is not None and not scope.user.has_perm("giving.view_ledger"):
        return []
    return [
        fund_table(user=scope.user),
        breakdown_table(by="country", user=scope.user),
    ]
