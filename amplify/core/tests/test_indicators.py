"""The decisions behind a figure, from counts: shares, means, ratios, paired change, free
text, refused filters and protected breakdowns."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amplify.core import indicators
from amplify.core.disclosure import SMALL_GROUP

FAST = settings(max_examples=40, deadline=None)


def test_it_gives_the_seeds_share_with_its_interval() -> None:
    result = indicators.share(14, 19)
    assert round(result.value or 0) == 74
    assert (round(result.ci_low or 0), round(result.ci_high or 0)) == (51, 88)
    assert (result.numerator, result.n) == (14, 19)


def test_it_hides_a_share_whose_split_is_small() -> None:
    assert indicators.share(4, 4).suppressed == "small"
    assert indicators.share(9, 11).suppressed == "small"
    assert indicators.share(0, 0).suppressed == "no_data"


@FAST
@given(st.integers(0, 60), st.integers(0, 60))
def test_a_shown_share_never_describes_a_small_group(a: int, b: int) -> None:
    numerator, n = min(a, b), max(a, b)
    result = indicators.share(numerator, n)
    if result.shown:
        assert n >= SMALL_GROUP
        assert numerator == 0 or numerator >= SMALL_GROUP
        assert n - numerator == 0 or n - numerator >= SMALL_GROUP
        assert 0 <= (result.ci_low or 0) <= (result.value or 0) <= (result.ci_high or 0) <= 100


@FAST
@given(st.integers(0, 50), st.floats(0, 5))
def test_a_mean_is_shown_for_five_answers_or_more(n: int, average: float) -> None:
    result = indicators.mean(average * n, n)
    assert result.shown == (n >= SMALL_GROUP)
    if result.shown:
        assert result.value == pytest.approx(average)


def test_it_gives_meetings_held_against_expected() -> None:
    assert indicators.ratio(30, 40, group=6).value == 75
    assert indicators.ratio(3, 4, group=2).suppressed == "small"
    assert indicators.ratio(0, 0, group=6).suppressed == "no_data"


def test_it_tests_paired_agreement_with_mcnemar() -> None:
    # 8 moved to agree, 1 moved away, 3 agreed both times.
    cells = {(2.0, 4.0): 8, (5.0, 2.0): 1, (4.0, 5.0): 3}
    paired = indicators.paired_change(cells, counted=[4, 5])
    assert paired.test is not None
    assert paired.test.test == "mcnemar"
    assert (paired.test.pairs, paired.test.improved, paired.test.worsened) == (12, 8, 1)
    assert paired.test.p_value == pytest.approx(0.0390625)


def test_it_tests_paired_scales_with_wilcoxon() -> None:
    cells = {(2.0, 4.0): 4, (3.0, 3.0): 2, (4.0, 3.0): 1}
    paired = indicators.paired_change(cells)
    assert paired.test is not None
    assert paired.test.test == "wilcoxon"
    assert paired.test.pairs == 7


@FAST
@given(
    st.dictionaries(
        st.tuples(st.sampled_from([1.0, 3.0, 5.0]), st.sampled_from([1.0, 5.0])), st.integers(0, 3)
    )
)
def test_it_claims_no_change_on_fewer_than_five_pairs(cells: dict) -> None:
    paired = indicators.paired_change(cells, counted=[5])
    if sum(cells.values()) < indicators.MIN_PAIRS:
        assert paired.test is None
        assert paired.reason == "too_few_pairs"
    else:
        assert paired.test is not None
        assert paired.test.pairs == sum(cells.values())


def test_it_claims_no_change_on_unlinked_answers() -> None:
    paired = indicators.paired_change({(1.0, 5.0): 20}, linkable=False)
    assert paired == indicators.Paired(None, "unlinked")


def test_it_lists_free_text_for_ten_or_more() -> None:
    assert not indicators.free_text_shown(9)
    assert indicators.free_text_shown(10)


@FAST
@given(st.integers(0, 40), st.integers(0, 40))
def test_a_filter_is_refused_when_it_or_its_rest_is_small(a: int, b: int) -> None:
    filtered, total = min(a, b), max(a, b)
    refused = indicators.filter_refused(filtered, total)
    assert refused == (0 < filtered < SMALL_GROUP or 0 < total - filtered < SMALL_GROUP)


@FAST
@given(
    st.dictionaries(
        st.sampled_from("ABCDEF"),
        st.tuples(st.integers(0, 30), st.integers(0, 30)).map(lambda t: (min(t), max(t))),
        min_size=1,
    )
)
def test_the_total_minus_visible_groups_never_gives_one_hidden_numerator(groups: dict) -> None:
    protected = indicators.protect_shares(groups)
    hidden = [k for k, (_, n) in groups.items() if n > 0 and not protected[k].share_shown]
    # Subtracting every visible numerator from the total leaves the sum over hidden groups:
    # never a single group's numerator (a lone group is the total, hidden by the same rule).
    nonzero = [k for k, (_, n) in groups.items() if n > 0]
    assert len(hidden) != 1 or len(nonzero) == 1
    for k, (numerator, n) in groups.items():
        if protected[k].share_shown:
            assert not protected[k].n.hidden
            assert indicators.share(numerator, n).shown
    sizes = [protected[k].n for k in groups]
    assert sum(1 for cell in sizes if cell.hidden) != 1 or len(nonzero) == 1
