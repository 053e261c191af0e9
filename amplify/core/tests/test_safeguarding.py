"""The safeguarding rules, without a database."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amplify.core.safeguarding import (
    NOT_URGENT,
    SAME_DAY,
    WITHIN_24_HOURS,
    concern_deadline,
    is_overdue,
    message_allowance,
)

LONDON = ZoneInfo("Europe/London")


def test_it_gives_a_same_day_concern_until_midnight_where_the_leads_work() -> None:
    raised = datetime(2026, 7, 1, 14, 30, tzinfo=UTC)  # 15:30 in London (summer time)
    deadline = concern_deadline(raised_at=raised, urgency=SAME_DAY, zone=LONDON)
    assert deadline == datetime(2026, 7, 2, 0, 0, tzinfo=LONDON)
    assert deadline.astimezone(UTC) == datetime(2026, 7, 1, 23, 0, tzinfo=UTC)


def test_it_takes_the_leads_day_not_the_utc_day() -> None:
    # 23:30 UTC on 1 July is already 2 July in London: the deadline is the end of 2 July.
    raised = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    deadline = concern_deadline(raised_at=raised, urgency=SAME_DAY, zone=LONDON)
    assert deadline == datetime(2026, 7, 3, 0, 0, tzinfo=LONDON)


def test_it_gives_a_24_hour_concern_a_day_from_when_it_was_raised() -> None:
    raised = datetime(2026, 3, 28, 9, 0, tzinfo=UTC)  # across the clocks going forward
    deadline = concern_deadline(raised_at=raised, urgency=WITHIN_24_HOURS, zone=LONDON)
    assert deadline == raised + timedelta(hours=24)


def test_it_gives_no_deadline_to_a_concern_that_is_not_urgent() -> None:
    raised = datetime(2026, 3, 28, 9, 0, tzinfo=UTC)
    assert concern_deadline(raised_at=raised, urgency=NOT_URGENT, zone=LONDON) is None


def test_it_refuses_an_unknown_urgency_and_a_naive_time() -> None:
    with pytest.raises(ValueError, match="unknown urgency"):
        concern_deadline(raised_at=datetime(2026, 1, 1, tzinfo=UTC), urgency="soon", zone=LONDON)
    with pytest.raises(ValueError, match="aware"):
        concern_deadline(raised_at=datetime(2026, 1, 1), urgency=SAME_DAY, zone=LONDON)


@given(st.datetimes(timezones=st.just(UTC), min_value=datetime(2000, 1, 1)))
def test_it_always_sets_a_same_day_deadline_later_the_same_local_day(raised: datetime) -> None:
    deadline = concern_deadline(raised_at=raised, urgency=SAME_DAY, zone=LONDON)
    assert deadline is not None
    assert raised < deadline <= raised + timedelta(hours=25)


def test_it_flags_a_passed_deadline_only_while_nobody_answered() -> None:
    deadline = datetime(2026, 1, 1, 12, tzinfo=UTC)
    later = deadline + timedelta(minutes=1)
    assert is_overdue(deadline=deadline, answered=False, now=later)
    assert not is_overdue(deadline=deadline, answered=True, now=later)
    assert not is_overdue(deadline=deadline, answered=False, now=deadline - timedelta(seconds=1))
    assert not is_overdue(deadline=None, answered=False, now=later)


NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)


def test_it_lets_a_first_message_go() -> None:
    assert message_allowance(sent_at=[], now=NOW).allowed


def test_it_wants_a_minute_between_two_messages() -> None:
    allowance = message_allowance(sent_at=[NOW - timedelta(seconds=10)], now=NOW)
    assert not allowance.allowed
    assert allowance.next_at == NOW + timedelta(seconds=50)


def test_it_allows_five_a_day_and_says_when_the_next_may_go() -> None:
    sent = [NOW - timedelta(hours=h) for h in (1, 2, 3, 4, 23)]
    allowance = message_allowance(sent_at=sent, now=NOW)
    assert not allowance.allowed
    assert allowance.next_at == NOW + timedelta(hours=1)
    # Older ones no longer count.
    assert message_allowance(sent_at=[NOW - timedelta(hours=25)] * 9, now=NOW).allowed
