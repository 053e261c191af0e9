"""Showcase judging with no database: normalisation per judge, combining, ties."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amplify.core.judging import Mark, normalise, rank, results, valid_mark

CRITERIA = ("learning", "commercial", "leadership", "boldness")


def _panel(table: dict[str, dict[int, list[int]]]) -> list[Mark]:
    """judge -> slot -> one mark per criterion."""
    return [
        Mark(judge, slot, CRITERIA[i], value)
        for judge, slots in table.items()
        for slot, values in slots.items()
        for i, value in enumerate(values)
    ]


def test_it_counts_a_harsh_and_a_lenient_judge_the_same() -> None:
    # Given a harsh judge and a lenient one who agree on the order of three slots
    harsh = {1: [1, 1, 2, 1], 2: [2, 2, 2, 3], 3: [3, 3, 3, 3]}
    lenient = {1: [3, 3, 4, 3], 2: [4, 4, 4, 5], 3: [5, 5, 5, 5]}
    # When each judges the slots alone
    alone_harsh = results(_panel({"h": harsh}))
    alone_lenient = results(_panel({"l": lenient}))
    # Then their normalised results are the same, though their raw means are not
    assert [(r.slot, r.rank, round(r.combined, 12)) for r in alone_harsh] == [
        (r.slot, r.rank, round(r.combined, 12)) for r in alone_lenient
    ]
    assert alone_harsh[0].raw_mean != alone_lenient[0].raw_mean


def test_it_lets_a_harsh_judge_move_the_ranking_as_much_as_a_lenient_one() -> None:
    # Given a lenient judge preferring slot 1 and a harsh one preferring slot 2 as strongly
    marks = _panel(
        {
            "lenient": {1: [5, 5, 5, 5], 2: [4, 4, 4, 4]},
            "harsh": {1: [1, 1, 1, 1], 2: [2, 2, 2, 2]},
        }
    )
    # When combined
    found = {r.slot: r for r in results(marks)}
    # Then raw means would favour nobody, and the normalised scores tie: shown as a tie
    assert found[1].rank == found[2].rank == 1
    assert found[1].tied
    assert found[2].tied


def test_it_gives_a_judge_who_marks_everything_alike_z_zero() -> None:
    # Given a judge who gives every slot a 4
    marks = _panel({"flat": {1: [4, 4, 4, 4], 2: [4, 4, 4, 4]}, "other": {1: [5] * 4, 2: [1] * 4}})
    # When normalised
    z = {(m.judge, m.slot, m.criterion): v for m, v in normalise(marks)}
    # Then her marks are all 0: she moves nobody up or down
    assert {v for (j, *_), v in z.items() if j == "flat"} == {0.0}
    found = {r.slot: r for r in results(marks)}
    assert found[1].rank == 1
    assert found[2].rank == 2
    assert found[1].judges == 2


def test_it_shows_ties_as_ties_and_skips_the_next_rank() -> None:
    assert rank({"a": 1.0, "b": 0.5, "c": 0.5 + 1e-13, "d": -1.0}) == {
        "a": 1,
        "b": 2,
        "c": 2,
        "d": 4,
    }


def test_it_gives_a_per_criterion_profile_and_raw_means() -> None:
    marks = _panel({"j": {1: [5, 1, 5, 1], 2: [3, 3, 3, 3]}})
    found = {r.slot: r for r in results(marks)}
    assert found[1].raw_profile == {"learning": 5, "commercial": 1, "leadership": 5, "boldness": 1}
    assert found[1].profile["learning"] > 0 > found[1].profile["commercial"]
    assert found[2].raw_mean == 3


def test_it_has_no_result_for_nothing() -> None:
    assert results([]) == []


@pytest.mark.parametrize(
    ("value", "ok"), [(1, True), (5, True), (0, False), (6, False), (True, False), (2.5, False)]
)
def test_it_takes_whole_marks_from_one_to_five(value: object, ok: bool) -> None:
    assert valid_mark(value) is ok


marks_1_to_5 = st.integers(min_value=1, max_value=5)
panels = st.dictionaries(
    keys=st.sampled_from(["j1", "j2", "j3", "j4"]),
    values=st.dictionaries(
        keys=st.integers(min_value=1, max_value=6),
        values=st.lists(marks_1_to_5, min_size=4, max_size=4),
        min_size=1,
        max_size=6,
    ),
    min_size=1,
)


def _summary(found: list) -> list[tuple]:
    return [(r.slot, r.rank, r.tied, r.judges) for r in found]


@given(
    panels,
    st.sampled_from(["j1", "j2", "j3", "j4"]),
    st.floats(min_value=0.1, max_value=10),
    st.floats(min_value=-10, max_value=10),
)
def test_it_is_unmoved_by_a_judges_shift_and_scale(
    table: dict, judge: str, scale: float, shift: float
) -> None:
    # Given any panel, and the same panel with one judge's marks stretched and shifted
    marks = _panel(table)
    moved = [
        Mark(m.judge, m.slot, m.criterion, m.value * scale + shift if m.judge == judge else m.value)
        for m in marks
    ]
    # Then ranks, ties and combined scores are the same
    before, after = results(marks), results(moved)
    assert _summary(before) == _summary(after)
    for a, b in zip(before, after, strict=True):
        assert a.combined == pytest.approx(b.combined, abs=1e-9)


@given(panels)
def test_it_ranks_every_marked_slot_once_from_one(table: dict) -> None:
    found = results(_panel(table))
    slots = {s for slots in table.values() for s in slots}
    assert {r.slot for r in found} == slots
    assert found[0].rank == 1
    ranks = [r.rank for r in found]
    assert ranks == sorted(ranks)
    # best first (a tie, equal to within rounding noise, lists its slots in slot order)
    assert all(a.combined >= b.combined - 1e-9 for a, b in itertools.pairwise(found))
