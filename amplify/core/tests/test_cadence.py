"""Cadence health and the notices due, with no database."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amplify.core.cadence import (
    Notice,
    Pair,
    Status,
    Thresholds,
    expected_meetings,
    health,
    next_occurrence,
    notices_due,
    occurrences,
)

START = date(2026, 9, 1)
END = date(2027, 2, 28)

days = st.integers(min_value=0, max_value=200)


def test_it_expects_nothing_of_a_pair_that_started_today() -> None:
    h = health(Pair(started_on=START, ends_on=END), START)
    assert (h.status, h.expected, h.held, h.last_met_on, h.days_since_last) == (
        Status.ON_TRACK,
        0,
        0,
        None,
        None,
    )


def test_it_counts_the_quiet_spell_from_the_start_when_no_meeting_was_logged() -> None:
    pair = Pair(started_on=START, ends_on=END)
    assert health(pair, START + timedelta(days=20)).status is Status.ON_TRACK
    assert health(pair, START + timedelta(days=21)).status is Status.AT_RISK
    assert health(pair, START + timedelta(days=28)).status is Status.STALLED


def test_it_is_on_track_when_meeting_fortnightly() -> None:
    met = tuple(START + timedelta(days=14 * i) for i in range(1, 6))
    h = health(Pair(started_on=START, ends_on=END, met_on=met), START + timedelta(days=75))
    assert (h.status, h.expected, h.held, h.days_since_last) == (Status.ON_TRACK, 5, 5, 5)


def test_it_is_at_risk_when_two_meetings_behind_even_after_a_recent_one() -> None:
    pair = Pair(started_on=START, ends_on=END, met_on=(START + timedelta(days=55),))
    assert health(pair, START + timedelta(days=58)).status is Status.AT_RISK


def test_an_ended_pair_stops_accruing_and_is_ended() -> None:
    pair = Pair(started_on=START, ends_on=END, ended_on=START + timedelta(days=30))
    h = health(pair, START + timedelta(days=120))
    assert (h.status, h.expected, h.gap_days) == (Status.ENDED, 2, 30)
    assert notices_due(pair, START + timedelta(days=120)) == []


def test_meetings_outside_the_relationship_do_not_count() -> None:
    pair = Pair(started_on=START, ends_on=END, met_on=(START - timedelta(days=1),))
    assert health(pair, START + timedelta(days=3)).held == 0


def test_it_refuses_thresholds_out_of_order() -> None:
    with pytest.raises(ValueError, match="stalled_days"):
        Thresholds(at_risk_days=30, stalled_days=28)


def test_notices_are_keyed_by_the_gap_they_are_about() -> None:
    met = START + timedelta(days=10)
    pair = Pair(started_on=START, ends_on=END, met_on=(met,))
    on_day = {n: notices_due(pair, met + timedelta(days=n)) for n in (20, 21, 27, 28, 40)}
    assert on_day[20] == []
    assert [(d.notice, d.key) for d in on_day[21]] == [(Notice.NUDGE, met)]
    assert [d.notice for d in on_day[28]] == [Notice.NUDGE, Notice.ALERT]
    # Later days of the same gap carry the same keys: the job sends nothing new.
    assert on_day[40] == on_day[28]


def test_it_reminds_of_the_next_meeting_in_the_series() -> None:
    first = START + timedelta(days=3)
    pair = Pair(started_on=START, ends_on=END, met_on=(START,))
    due = notices_due(pair, first + timedelta(days=13), slot_first_on=first)
    assert [(d.notice, d.key) for d in due] == [(Notice.REMINDER, first + timedelta(days=14))]
    assert notices_due(pair, first + timedelta(days=5), slot_first_on=first) == []


@given(start=days, today=days, every=st.integers(1, 60))
def test_expected_is_never_negative_and_grows_with_time(start: int, today: int, every: int) -> None:
    s = START + timedelta(days=start)
    t = START + timedelta(days=today)
    n = expected_meetings(s, t, every)
    assert n >= 0
    assert expected_meetings(s, t + timedelta(days=every), every) >= n
    if t <= s:
        assert n == 0


@given(
    start=days,
    today=days,
    met=st.lists(days, max_size=30),
    ended=st.one_of(st.none(), days),
)
def test_health_is_consistent_for_any_pair(
    start: int, today: int, met: list[int], ended: int | None
) -> None:
    s = START + timedelta(days=start)
    pair = Pair(
        started_on=s,
        ends_on=s + timedelta(days=180),
        ended_on=s + timedelta(days=ended) if ended is not None else None,
        met_on=tuple(s + timedelta(days=d - 20) for d in met),
    )
    t = START + timedelta(days=today)
    h = health(pair, t)
    assert 0 <= h.held <= len(met)
    assert h.gap_days >= 0
    assert h.gap_from >= s
    if h.last_met_on is None:
        assert h.days_since_last is None
        assert h.gap_from == s
    else:
        assert h.days_since_last == h.gap_days
    if h.status is not Status.ENDED:
        assert (h.status is Status.STALLED) == (h.gap_days >= 28)
    due = notices_due(pair, t)
    assert len({(d.notice, d.key) for d in due}) == len(due)


@given(first=days, every=st.integers(1, 30), today=days)
def test_the_next_occurrence_is_in_the_series_and_not_before_today(
    first: int, every: int, today: int
) -> None:
    f = START + timedelta(days=first)
    t = START + timedelta(days=today)
    n = next_occurrence(f, every, t)
    assert n >= t
    assert n >= f
    assert (n - f).days % every == 0
    assert n - timedelta(days=every) < max(t, f + timedelta(days=every))
    assert n in set(occurrences(f, every, n))


@given(start=days, today=days, met=st.lists(days, max_size=30))
def test_counted_meetings_give_the_same_health_as_listed_ones(
    start: int, today: int, met: list[int]
) -> None:
    s = START + timedelta(days=start)
    t = START + timedelta(days=today)
    dates = sorted({s + timedelta(days=d) for d in met if d <= min(today - start, 180)})
    listed = Pair(started_on=s, ends_on=s + timedelta(days=180), met_on=tuple(dates))
    counted = Pair(
        started_on=s,
        ends_on=s + timedelta(days=180),
        held=len(dates),
        last_met_on=dates[-1] if dates else None,
    )
    assert health(listed, t) == health(counted, t)
