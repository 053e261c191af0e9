"""Activity groups for a global week, with no database: everyone once, sizes and each
country's counts at most one apart between groups."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amplify.core.activitygroups import Person, deal_groups

COUNTRIES = st.sampled_from(["GB", "ES", "JP", "US", "BR", None])
DIVISIONS = st.sampled_from(["Music", "Publishing", "Legacy", None])


@st.composite
def cohorts(draw: st.DrawFn) -> list[Person]:
    n = draw(st.integers(min_value=0, max_value=150))
    return [Person(str(i), draw(COUNTRIES), draw(DIVISIONS)) for i in range(n)]


@given(cohorts(), st.integers(min_value=2, max_value=12))
def test_it_puts_everyone_in_exactly_one_group(people: list[Person], size: int) -> None:
    groups = deal_groups(people, size=size)
    dealt = [k for g in groups for k in g]
    assert sorted(dealt) == sorted(p.key for p in people)
    assert all(groups)


@given(cohorts(), st.integers(min_value=2, max_value=12))
def test_it_keeps_sizes_and_countries_within_one(people: list[Person], size: int) -> None:
    groups = deal_groups(people, size=size)
    if not groups:
        return
    sizes = [len(g) for g in groups]
    assert max(sizes) - min(sizes) <= 1
    country = {p.key: p.country for p in people}
    for value in {p.country for p in people}:
        counts = [sum(1 for k in g if country[k] == value) for g in groups]
        assert max(counts) - min(counts) <= 1


@given(st.integers(min_value=1, max_value=150), st.integers(min_value=3, max_value=12))
def test_it_makes_groups_of_about_the_size_asked(n: int, size: int) -> None:
    groups = deal_groups([Person(str(i), "GB", None) for i in range(n)], size=size)
    # Never more than two over; under only as far as splitting a few too many forces (11
    # people in groups of 8 make two of 6 and 5, not one of 11)
    assert all(len(g) <= size + 2 for g in groups)
    assert all(len(g) >= min(n, size // 2) for g in groups)


def test_it_mixes_divisions_within_a_country() -> None:
    people = [Person(str(i), "GB", ["Music", "Publishing"][i % 2]) for i in range(8)]
    groups = deal_groups(people, size=4)
    division = {p.key: p.division for p in people}
    for group in groups:
        assert Counter(division[k] for k in group) == {"Music": 2, "Publishing": 2}


def test_it_refuses_duplicate_keys_and_empty_groups() -> None:
    with pytest.raises(ValueError, match="unique"):
        deal_groups([Person("a", None, None), Person("a", None, None)], size=3)
    with pytest.raises(ValueError, match="at least one"):
        deal_groups([], size=0)
