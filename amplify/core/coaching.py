"""Coaching cadence as pure functions: how far a coach and her participant are through the
sessions the programme plans for the cohort, and whether a home group still holds its
peer-coaching rounds.

A pair plans `planned` sessions spread evenly over its time in the cohort; by a given day it
is expected to have held the share of them whose time has come, and it is behind plan when it
has held fewer. A home group is expected to hold a round every `every_days` (the meetings'
`expected_meetings` counts them); it has gone quiet after `quiet_days` without one. Nothing
here reads the clock: "today" is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from amplify.core.cadence import expected_meetings

DEFAULT_SESSIONS_PLANNED = 6
DEFAULT_ROUND_EVERY_DAYS = 28
DEFAULT_QUIET_DAYS = 42
DEFAULT_SESSION_MINUTES = 60


@dataclass(frozen=True)
class Plan:
    started_on: date
    ends_on: date  # the cohort's end (or the pair's, if it ended early)
    planned: int


@dataclass(frozen=True)
class PlanHealth:
    planned: int
    expected: int  # sessions the plan expects held by the reference day
    held: int
    last_on: date | None
    behind: bool
    # The day the plan last expected one more session: the key of a "behind plan" nudge, so
    # a pair is nudged once per missed session, not on every run.
    behind_since: date | None


def expected_sessions(plan: Plan, on: date) -> int:
    """Sessions the plan expects held by `on`: `planned` spread evenly from the start to the
    end; none before the first share of the time has passed, all of them at the end."""
    total = (plan.ends_on - plan.started_on).days
    if plan.planned <= 0 or total <= 0:
        return max(0, plan.planned) if on >= plan.ends_on else 0
    elapsed = min(max(0, (on - plan.started_on).days), total)
    return plan.planned * elapsed // total


def milestone(plan: Plan, n: int) -> date:
    """The first day on which the plan expects `n` sessions (1 <= n <= planned)."""
    total = (plan.ends_on - plan.started_on).days
    if total <= 0:
        return plan.ends_on
    days = -(-n * total // plan.planned)  # the smallest day d with planned*d//total >= n
    return plan.started_on + timedelta(days=days)


def plan_health(plan: Plan, held: int, last_on: date | None, today: date) -> PlanHealth:
    expected = expected_sessions(plan, today)
    behind = held < expected
    return PlanHealth(
        planned=plan.planned,
        expected=expected,
        held=held,
        last_on=last_on,
        behind=behind,
        behind_since=milestone(plan, expected) if behind else None,
    )


@dataclass(frozen=True)
class Group:
    started_on: date  # the cohort's start, or the day its groups were published if later
    ends_on: date
    held: int
    last_on: date | None


@dataclass(frozen=True)
class GroupHealth:
    expected: int
    held: int
    last_on: date | None
    gap_from: date  # the last round, or the start: the quiet spell counts from here
    gap_days: int
    quiet: bool


def group_health(group: Group, today: date, *, every_days: int, quiet_days: int) -> GroupHealth:
    if every_days < 1 or quiet_days < 1:
        raise ValueError("every_days and quiet_days must be at least 1")
    on = max(group.started_on, min(today, group.ends_on))
    gap_from = group.last_on or group.started_on
    gap_days = max(0, (on - gap_from).days)
    return GroupHealth(
        expected=expected_meetings(group.started_on, on, every_days),
        held=group.held,
        last_on=group.last_on,
        gap_from=gap_from,
        gap_days=gap_days,
        quiet=gap_days >= quiet_days and today <= group.ends_on,
    )


def quiet_order(h: GroupHealth) -> tuple[bool, int, int]:
    """Sort key: quiet groups first, the longest quiet at the top; then the others, those
    furthest behind what was expected first."""
    return (not h.quiet, -h.gap_days, h.held - h.expected)
