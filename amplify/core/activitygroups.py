"""Groups for a week of shared activities: everyone in one of a few groups of about the same
size, each country spread as evenly as it can be over the groups, and divisions mixed.

A cohort meets in one city for a week, so (unlike home groups) there are no time-zone bands
and no exact optimisation to wait for: people are ordered by country (the largest first) and,
within a country, by division, then dealt round the groups like cards. A run of people of one
country dealt in turn lands at most one apart in every group, and so does the cohort: both
group sizes and each country's counts differ by at most one between groups."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from amplify.core.matching.groups import group_sizes


@dataclass(frozen=True)
class Person:
    key: str
    country: str | None  # None: not known; such people are dealt last, as one "country"
    division: str | None


def deal_groups(
    people: Sequence[Person], *, size: int, min_size: int | None = None
) -> list[list[str]]:
    """The people's keys in groups of about `size` (never more groups than people)."""
    if size < 1:
        raise ValueError("A group holds at least one person.")
    keys = [p.key for p in people]
    if len(set(keys)) != len(keys):
        raise ValueError("Keys must be unique.")
    if not people:
        return []
    low = min_size if min_size is not None else max(1, size - 2)
    count = len(group_sizes(len(people), min(low, size), size + 2, size))
    countries = Counter(p.country or "" for p in people)
    divisions = Counter(p.division or "" for p in people)
    ordered = sorted(
        people,
        key=lambda p: (
            p.country is None,
            -countries[p.country or ""],
            p.country or "",
            -divisions[p.division or ""],
            p.division or "",
            p.key,
        ),
    )
    groups: list[list[str]] = [[] for _ in range(count)]
    for position, person in enumerate(ordered):
        groups[position % count].append(person.key)
    return groups
