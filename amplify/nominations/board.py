"""The selection board: its filters (from the query string; the API shares them) and the
balance panel, every figure about people aggregated with groups under five suppressed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from amplify.core.privacy import suppress
from amplify.diversity.aggregates import consented_gender_counts
from amplify.nominations.models import Nomination, NominationQuerySet, Seniority
from amplify.people.models import Country, Division, Region
from amplify.programmes.models import Cohort

FILTERS = ("status", "country", "division", "region", "seniority")


def _as_key(name: str, value: str) -> int | str | None:
    """A division's id, or a country's or region's code; None for anything else."""
    if name == "division":
        return int(value) if value.isdigit() and len(value) < 12 else None
    return value if value.isalnum() and len(value) <= 8 else None


def board_filter(
    found: NominationQuerySet, params: Any
) -> tuple[NominationQuerySet, dict[str, str]]:
    """The nominations matching the chosen filters; unknown values are ignored."""
    chosen = {k: (params.get(k) or "").strip() for k in FILTERS}
    if chosen["status"] in Nomination.Status.values:
        found = found.filter(status=chosen["status"])
    else:
        chosen["status"] = ""
    for name, lookup in (
        ("country", "nominee__country_id"),
        ("division", "nominee__division_id"),
        ("region", "nominee__country__region_id"),
    ):
        pk = _as_key(name, chosen[name])
        if pk is None:
            chosen[name] = ""
        else:
            found = found.filter(**{lookup: pk})
    if chosen["seniority"] in Seniority.values:
        found = found.filter(seniority=chosen["seniority"])
    else:
        chosen["seniority"] = ""
    return found, chosen


@dataclass(frozen=True)
class Group:
    label: str
    count: int | None  # None: fewer than five, not shown


@dataclass(frozen=True)
class Dimension:
    key: str
    title: str
    groups: list[Group]


def _groups(values: Iterable[str | None], *, order: list[str] | None = None) -> list[Group]:
    counts = Counter(v or "" for v in values)
    missing = counts.pop("", 0)
    labels = order if order is not None else sorted(counts, key=lambda k: (-counts[k], k))
    out = [Group(label, suppress(counts[label])) for label in labels if counts.get(label)]
    if missing:
        out.append(Group(_("Not given"), suppress(missing)))
    return out


def balance(cohort: Cohort) -> tuple[int | None, list[Dimension]]:
    """The pool (selected and submitted) by country, division, region, seniority and,
    where consented, gender: (pool size or None when under five, dimensions)."""
    pool = list(
        Nomination.objects.filter(cohort=cohort)
        .in_pool()
        .values_list(
            "nominee_id",
            "nominee__country__name",
            "nominee__division__name",
            "nominee__country__region__name",
            "seniority",
        )
    )
    seniority_labels = dict(Seniority.choices)
    dimensions = [
        Dimension("country", _("Country"), _groups(r[1] for r in pool)),
        Dimension("division", _("Division"), _groups(r[2] for r in pool)),
        Dimension("region", _("Region"), _groups(r[3] for r in pool)),
        Dimension(
            "seniority",
            _("Seniority"),
            _groups(
                (str(seniority_labels[r[4]]) if r[4] else None for r in pool),
                order=[str(label) for label in seniority_labels.values()],
            ),
        ),
    ]
    shown, small = consented_gender_counts(r[0] for r in pool)
    genders = [Group(label, count) for label, count in shown]
    if small:
        genders.append(Group(_("Other answers"), None))
    dimensions.append(Dimension("gender", _("Gender (where consented)"), genders))
    return suppress(len(pool)), dimensions


def filter_choices() -> dict[str, Any]:
    """The filters' options: small reference tables, one query each."""
    return {
        "countries": list(Country.objects.order_by("name").values_list("pk", "name")),
        "divisions": list(Division.objects.order_by("name").values_list("pk", "name")),
        "regions": list(Region.objects.order_by("name").values_list("pk", "name")),
        "seniorities": Seniority.choices,
        "statuses": [
            c for c in Nomination.Status.choices if c[0] != Nomination.Status.AWAITING_ENDORSEMENT
        ],
    }
