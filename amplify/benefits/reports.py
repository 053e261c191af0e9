"""The benefits register as the organisation report shows it: a country list (no map), the
benefits offered in every country first, then each country's own, in the `Table` every page,
export and PDF renders. Benefits are not about people: nothing here is suppressed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.benefits.models import Benefit
from amplify.impact.tables import Table, Value


def current(*, today: date) -> QuerySet[Benefit]:
    """The benefits offered on `today`: started, and not ended before it."""
    return Benefit.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today
    )


def by_country(benefits: QuerySet[Benefit]) -> list[tuple[str, list[Benefit]]]:
    """(country name, its benefits), "Every country" first, then countries by name: one
    query."""
    groups: dict[str, list[Benefit]] = {}
    every = _("Every country")
    rows = benefits.select_related("country").order_by("country__name", "kind", "starts_on", "pk")
    groups[every] = []
    for benefit in rows:
        groups.setdefault(benefit.country.name if benefit.country else every, []).append(benefit)
    if not groups[every]:
        del groups[every]
    return list(groups.items())


def country_table(*, today: date | None = None) -> Table:
    """Every benefit offered on `today` (default: today), by country."""
    today = today or timezone.localdate()
    rows: list[list[Value]] = []
    for country, benefits in by_country(current(today=today)):
        for benefit in benefits:
            detail = benefit.get_kind_display()
            if benefit.languages:
                detail = _("%(kind)s, in %(count)s languages") % {
                    "kind": detail,
                    "count": benefit.languages,
                }
            rows.append(
                [
                    country,
                    benefit.title,
                    str(detail),
                    str(benefit.get_audience_display()),
                    _("Enhanced") if benefit.enhanced else _("New"),
                    benefit.starts_on.isoformat(),
                ]
            )
    return Table(
        key="benefits-by-country",
        title=_("Benefits and support by country"),
        columns=[_("Country"), _("Benefit"), _("Kind"), _("For"), _("New or enhanced"), _("Since")],
        rows=rows,
        definitions=[
            (
                _("Every country"),
                _("A benefit registered with no country is offered in every country."),
            ),
            (
                _("Offered"),
                _("Started on or before the day of the report and not ended before it."),
            ),
            (_("Enhanced"), _("An existing benefit improved, rather than a new one.")),
        ],
    )


def organisation_sections(scope: Any) -> list[Table]:
    """The benefits register's country list in the organisation roll-up."""
    # No reader (a published snapshot): the organisation's own copy, everything in it.
    if scope.user is not None and not scope.user.has_perm("benefits.view_benefits"):
        return []
    return [country_table()]
