"""Safeguarding rules with no Django in them: when a concern must be answered, and how often
a pair may write to each other through the platform. "Now" is always passed in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

# How urgent a concern is, as the person raising it says (the model's choices use these).
SAME_DAY = "same_day"
WITHIN_24_HOURS = "within_24_hours"
NOT_URGENT = "not_urgent"
URGENCIES = (SAME_DAY, WITHIN_24_HOURS, NOT_URGENT)


def concern_deadline(*, raised_at: datetime, urgency: str, zone: ZoneInfo) -> datetime | None:
    """When the leads must have answered a concern: a same-day concern by the end of the
    day it was raised on, where the leads work (`zone`); a 24-hour one 24 hours after it
    was raised; a concern that is not urgent has no deadline."""
    if raised_at.tzinfo is None:
        raise ValueError("raised_at must be an aware datetime")
    if urgency == SAME_DAY:
        local = raised_at.astimezone(zone)
        next_day = (local + timedelta(days=1)).date()
        # Midnight where the leads are (a zone changing its clocks keeps it a real time).
        return datetime(next_day.year, next_day.month, next_day.day, tzinfo=zone)
    if urgency == WITHIN_24_HOURS:
        return raised_at + timedelta(hours=24)
    if urgency == NOT_URGENT:
        return None
    raise ValueError(f"unknown urgency {urgency!r}")


def is_overdue(*, deadline: datetime | None, answered: bool, now: datetime) -> bool:
    """A deadline passed with nobody having answered yet."""
    return deadline is not None and not answered and now >= deadline


# How often a person may write to the other person of her pair through the platform.
MESSAGES_PER_DAY = 5
MESSAGE_GAP = timedelta(minutes=1)


@dataclass(frozen=True)
class MessageAllowance:
    allowed: bool
    # When the next message may go, if it may not go now.
    next_at: datetime | None = None


def message_allowance(
    *,
    sent_at: Sequence[datetime],
    now: datetime,
    per_day: int = MESSAGES_PER_DAY,
    gap: timedelta = MESSAGE_GAP,
) -> MessageAllowance:
    """Whether one more message may go now, given when this sender's earlier messages to
    this pair went: at most `per_day` in any 24 hours, and `gap` between two."""
    day_ago = now - timedelta(hours=24)
    recent = sorted(t for t in sent_at if t > day_ago)
    waits: list[datetime] = []
    if recent and now - recent[-1] < gap:
        waits.append(recent[-1] + gap)
    if len(recent) >= per_day:
        # The one that leaves the window soonest frees a place.
        waits.append(recent[len(recent) - per_day] + timedelta(hours=24))
    if waits:
        return MessageAllowance(allowed=False, next_at=max(waits))
    return MessageAllowance(allowed=True)
