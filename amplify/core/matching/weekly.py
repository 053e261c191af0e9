"""Time zones and weekly slots: a person's local free time as the UTC slots the engine compares.

A week has SLOTS_PER_WEEK slots, day × 3 + part of day (morning, afternoon, evening). People
give theirs in their own time; two people share a slot only once both are in UTC.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time


def utc_offset(zone: str, on: date) -> int | None:
    """The zone's offset from UTC at noon on that day, in whole hours within -12..+14 (the
    engine's range); None for a zone this machine does not know."""
    try:
        tz = zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    offset = datetime.combine(on, time(12), tzinfo=tz).utcoffset()
    if offset is None:
        return None
    return max(-12, min(14, round(offset.total_seconds() / 3600)))


def utc_slots(local: list[int], offset: int | None) -> frozenset[int]:
    """Local (day, part of day) slots as UTC slots. A part of day is morning 6-12,
    afternoon 12-18 or evening 18-24; its middle hour moves by the offset and lands in a UTC
    morning, afternoon or evening, where an evening runs on to 6 the next morning (so the
    small hours belong to the evening before, not to the morning)."""
    out = set()
    for slot in local:
        day, part = divmod(int(slot), 3)
        hour = day * 24 + 9 + 6 * part - (offset or 0) - 6
        day, hour = divmod(hour % (7 * 24), 24)
        out.add(day * 3 + min(hour // 6, 2))
    return frozenset(out)
