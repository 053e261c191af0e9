"""The coaching cadence maths, without a database."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amplify.core import coaching as c

START = date(2026, 1, 5)
END = date(2026, 7, 3)  # 179 days


def test_it_expects_no_session_at_the_start_and_all_at_the_end() -> None:
    plan = c.Plan(START, END, 6)
    assert c.expected_sessions(plan, START) == 0
    assert c.expected_sessions(plan, END) == 6
    assert c.expected_sessions(plan, END + timedelta(days=30)) == 6


def test_it_flags_a_pair_behind_plan_from_the_day_a_session_falls_due() -> None:
    plan = c.Plan(START, END, 6)
    due = c.milestone(plan, 1)
    assert c.plan_health(plan, 0, None, due - timedelta(days=1)).behind is False
    behind = c.plan_health(plan, 0, None, due)
    assert behind.behind is True
    assert behind.behind_since == due
    assert c.plan_health(plan, 1, due, due).behind is False


@given(
    planned=st.integers(1, 30),
    days=st.integers(1, 400),
    on=st.integers(-10, 450),
)
def test_it_spreads_the_plan_monotonically(planned: int, days: int, on: int) -> None:
    plan = c.Plan(START, START + timedelta(days=days), planned)
    today = START + timedelta(days=on)
    n = c.expected_sessions(plan, today)
    assert 0 <= n <= planned
    assert n <= c.expected_sessions(plan, today + timedelta(days=1))
    if n:
        # The milestone of the n-th session is the first day it is expected.
        m = c.milestone(plan, n)
        assert m <= today
        assert c.expected_sessions(plan, m) >= n
        assert c.expected_sessions(plan, m - timedelta(days=1)) < n


@given(
    every=st.integers(1, 60),
    quiet=st.integers(1, 120),
    since=st.integers(0, 300),
    held=st.integers(0, 20),
)
def test_a_group_is_quiet_exactly_after_quiet_days(
    every: int, quiet: int, since: int, held: int
) -> None:
    last = START + timedelta(days=3) if held else None
    group = c.Group(START, START + timedelta(days=400), held, last)
    today = (last or START) + timedelta(days=since)
    h = c.group_health(group, today, every_days=every, quiet_days=quiet)
    assert h.quiet == (since >= quiet)
    assert h.gap_from == (last or START)
    assert h.expected == max(0, (today - START).days) // every


def test_quiet_groups_come_first() -> None:
    group = c.Group(START, END, 1, START)
    quiet = c.group_health(group, START + timedelta(days=50), every_days=28, quiet_days=42)
    fine = c.group_health(
        c.Group(START, END, 2, START + timedelta(days=45)),
        START + timedelta(days=50),
        every_days=28,
        quiet_days=42,
    )
    assert sorted([fine, quiet], key=c.quiet_order) == [quiet, fine]


def test_it_refuses_a_zero_cadence() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        c.group_health(c.Group(START, END, 0, None), START, every_days=0, quiet_days=1)
