"""How often a pair meets: cadence health and what the periodic job should send, as pure
functions.

The Django layer loads a pair's dates (when it started, when it ended, when its cohort ends,
the days it met) and the programme's thresholds into the dataclasses below, calls
`health()` and `notices_due()`, and stores or shows the result. Nothing here reads the clock:
"today" is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

DEFAULT_EVERY_DAYS = 14
DEFAULT_MINUTES = 60
DEFAULT_NUDGE_DAYS = 21
DEFAULT_ALERT_DAYS = 28
DEFAULT_REMINDER_DAYS = 2
DEFAULT_AT_RISK_DAYS = 21
DEFAULT_STALLED_DAYS = 28
# A pair this many expected meetings behind is at risk even if it met recently.
DEFAULT_BEHIND = 2


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    STALLED = "stalled"
    ENDED = "ended"


# Worst first: the order the cohort health page lists pairs in.
STATUS_ORDER = (Status.STALLED, Status.AT_RISK, Status.ON_TRACK, Status.ENDED)


class Notice(StrEnum):
    NUDGE = "nudge"  # both people: it has been a while
    ALERT = "alert"  # the programme manager: this pair has gone quiet
    REMINDER = "reminder"  # both people: a meeting in the next days


@dataclass(frozen=True)
class Thresholds:
    every_days: int = DEFAULT_EVERY_DAYS
    at_risk_days: int = DEFAULT_AT_RISK_DAYS
    stalled_days: int = DEFAULT_STALLED_DAYS
    behind: int = DEFAULT_BEHIND
    nudge_days: int = DEFAULT_NUDGE_DAYS
    alert_days: int = DEFAULT_ALERT_DAYS
    reminder_days: int = DEFAULT_REMINDER_DAYS

    def __post_init__(self) -> None:
        if self.every_days < 1:
            raise ValueError("every_days must be at least 1")
        if not 0 < self.at_risk_days <= self.stalled_days:
            raise ValueError("the thresholds must satisfy 0 < at_risk_days <= stalled_days")
        if not 0 < self.nudge_days <= self.alert_days:
            raise ValueError("the thresholds must satisfy 0 < nudge_days <= alert_days")


@dataclass(frozen=True)
class Pair:
    started_on: date
    ends_on: date  # the cohort's end
    ended_on: date | None = None  # the relationship ended early
    met_on: tuple[date, ...] = ()  # the days it logged a meeting, any order
    # Or, when the database counted them: how many it held and the last one (met_on unused).
    held: int | None = None
    last_met_on: date | None = None


@dataclass(frozen=True)
class Health:
    status: Status
    expected: int  # meetings the cadence expects by the reference day
    held: int  # meetings logged from the start to the reference day
    last_met_on: date | None
    days_since_last: int | None  # None: no meeting yet
    gap_from: date  # the last meeting, or the start: the quiet spell counts from here
    gap_days: int  # days of that quiet spell, on the reference day


def reference_day(pair: Pair, today: date) -> date:
    """The day the pair is judged on: today, or the day it ended or its cohort ended if
    that came first (an ended pair stops accruing expected meetings), never before it
    started."""
    last = min(today, pair.ended_on or pair.ends_on, pair.ends_on)
    return max(last, pair.started_on)


def expected_meetings(started_on: date, on: date, every_days: int) -> int:
    """Meetings the cadence expects by `on`: one per full period since the start (a pair
    that started today, or not yet, is expected none)."""
    return max(0, (on - started_on).days) // every_days


def health(pair: Pair, today: date, thresholds: Thresholds | None = None) -> Health:
    """The pair's cadence health on `today`."""
    t = thresholds or Thresholds()
    on = reference_day(pair, today)
    if pair.held is not None:
        held, last = pair.held, pair.last_met_on
    else:
        met = sorted(d for d in pair.met_on if pair.started_on <= d <= on)
        held, last = len(met), (met[-1] if met else None)
    gap_from = last or pair.started_on
    gap_days = max(0, (on - gap_from).days)
    expected = expected_meetings(pair.started_on, on, t.every_days)
    ended = (pair.ended_on is not None and pair.ended_on <= today) or pair.ends_on < today
    if ended:
        status = Status.ENDED
    elif gap_days >= t.stalled_days:
        status = Status.STALLED
    elif gap_days >= t.at_risk_days or expected - held >= t.behind:
        status = Status.AT_RISK
    else:
        status = Status.ON_TRACK
    return Health(
        status=status,
        expected=expected,
        held=held,
        last_met_on=last,
        days_since_last=(on - last).days if last else None,
        gap_from=gap_from,
        gap_days=gap_days,
    )


def occurrences(first_on: date, every_days: int, until: date) -> Iterable[date]:
    """The days of a recurring slot: `first_on`, then every `every_days`, up to `until`."""
    day = first_on
    while day <= until:
        yield day
        day += timedelta(days=every_days)


def next_occurrence(first_on: date, every_days: int, today: date) -> date:
    """The first day of the series on or after `today`."""
    if today <= first_on:
        return first_on
    periods = -(-(today - first_on).days // every_days)
    return first_on + timedelta(days=periods * every_days)


@dataclass(frozen=True)
class Due:
    notice: Notice
    key: date  # with the notice, what makes it unique: the gap's start, or the meeting's day


def notices_due(
    pair: Pair,
    today: date,
    thresholds: Thresholds | None = None,
    *,
    slot_first_on: date | None = None,
) -> list[Due]:
    """What the periodic job should send about this pair today. Each notice has a key (the
    day its quiet spell began, or the day of the meeting reminded): the job sends a notice
    once per key, so running it again, or a day later, sends nothing new for the same gap."""
    t = thresholds or Thresholds()
    h = health(pair, today, t)
    if h.status is Status.ENDED:
        return []
    due = []
    if h.gap_days >= t.nudge_days:
        due.append(Due(Notice.NUDGE, h.gap_from))
    if h.gap_days >= t.alert_days:
        due.append(Due(Notice.ALERT, h.gap_from))
    if slot_first_on is not None and t.reminder_days > 0:
        upcoming = next_occurrence(slot_first_on, t.every_days, today)
        if upcoming <= min(today + timedelta(days=t.reminder_days), pair.ends_on):
            due.append(Due(Notice.REMINDER, upcoming))
    return due
