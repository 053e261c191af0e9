"""Home groups: sizes, balance, constraints, and the honest report."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amplify.core.matching.groups import Balance, Member, form_groups, group_sizes


def people(n: int, *, seed: int = 0, bands: tuple[str, ...] = ("EMEA",)) -> list[Member]:
    rng = random.Random(seed)
    return [
        Member(
            f"p{i}",
            rng.choice(bands),
            {
                "function": rng.choice(["A&R", "Marketing", "Finance", "Legal", "Tech", "Data"]),
                "country": rng.choice([f"C{c}" for c in range(12)]),
                "gender": rng.choice(["woman", "man", None]),  # None: not consented, not balanced
                "seniority": str(rng.randint(2, 5)),
            },
        )
        for i in range(n)
    ]


@given(st.integers(1, 400), st.integers(2, 6), st.integers(0, 4), st.integers(0, 4))
def test_it_sizes_groups_within_the_range(n: int, low: int, extra: int, above: int) -> None:
    high = low + extra
    target = min(high, low + above)
    sizes = group_sizes(n, low, high, target)
    assert sum(sizes) == n
    assert max(sizes) - min(sizes) <= 1
    if -(-n // high) <= n // low:  # some number of groups fits the range
        assert all(low <= s <= high for s in sizes)
    assert max(sizes) <= high


def test_it_balances_a_cohort_perfectly_when_it_can() -> None:
    result = form_groups(people(120))
    assert result.status == {"EMEA": Balance.PERFECT}
    assert all(result.perfect.values())
    assert result.imbalance < result.random_imbalance
    assert result.improvement > 0.9
    assert all(5 <= len(g.members) <= 8 for g in result.groups)
    assert sorted(k for g in result.groups for k in g.members) == sorted(
        f"p{i}" for i in range(120)
    )


def test_it_keeps_bands_apart_and_honours_constraints() -> None:
    members = people(90, bands=("EMEA", "APAC"))
    band = {m.key: m.band for m in members}
    emea = [m.key for m in members if m.band == "EMEA"]
    together, apart = [(emea[0], emea[1]), (emea[1], emea[2])], [(emea[3], emea[4])]
    result = form_groups(members, keep_together=together, keep_apart=apart)
    where = {k: (g.band, g.number) for g in result.groups for k in g.members}
    assert all(g.band == band[k] for g in result.groups for k in g.members)
    assert where[emea[0]] == where[emea[1]] == where[emea[2]]
    assert where[emea[3]] != where[emea[4]]


def test_it_proves_when_perfect_balance_is_impossible() -> None:
    # Twelve people, one of them a "Legal": two groups of six cannot both hold one, so a keep-
    # together pair of Legals makes every partition imperfect.
    members = [Member(f"p{i}", "B", {"function": "Legal" if i < 2 else "Tech"}) for i in range(12)]
    result = form_groups(members, attributes=("function",), keep_together=[("p0", "p1")])
    assert result.status == {"B": Balance.IMPOSSIBLE}
    assert result.perfect == {"function": False}


def test_it_warns_about_a_band_too_small_for_a_group() -> None:
    result = form_groups(people(3))
    assert result.warnings == ["EMEA: only 3 people, one group below the minimum of 5."]
    assert len(result.groups) == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_size": 6, "max_size": 5}, "2 <= minimum <= maximum"),
        ({"keep_together": [("p0", "nobody")]}, "nobody is named in a constraint"),
        (
            {"keep_together": [("p0", "p1")], "keep_apart": [("p1", "p0")]},
            "kept together and apart",
        ),
    ],
)
def test_it_refuses_impossible_requests(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        form_groups(people(20), **kwargs)


@settings(max_examples=25, deadline=None)
@given(st.integers(5, 60), st.integers(0, 99))
def test_it_places_everyone_exactly_once(n: int, seed: int) -> None:
    result = form_groups(people(n, seed=seed), seed=seed)
    keys = [k for g in result.groups for k in g.members]
    assert sorted(keys) == sorted(f"p{i}" for i in range(n))
    assert result.imbalance >= result.lower_bound - 1e-6


def test_it_warns_when_no_split_fits_the_range() -> None:
    result = form_groups(people(7), min_size=3, max_size=3, target_size=3)
    assert result.warnings == ["EMEA: 7 people cannot all be in groups of 3–3; sizes used: 2, 3."]
