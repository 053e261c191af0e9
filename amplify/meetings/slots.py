"""The times a pair can choose for its recurring meeting: inside the weekly free time both
gave in their matching profiles, found exactly as matching finds it (`utc_slots` of each
person's availability, intersected), and shown in each person's own time zone."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from amplify.core.matching.profiles import SLOTS_PER_WEEK
from amplify.core.matching.weekly import utc_offset, utc_slots
from amplify.matching.models import MatchProfile
from amplify.people.models import Person
from amplify.programmes.models import Pairing

# The UTC hours a part of day covers (morning, afternoon, evening; the small hours are left
# out: nobody is offered a 2 a.m. meeting).
PART_HOURS = ((6, 12), (12, 18), (18, 23))


@dataclass(frozen=True)
class Choice:
    """One weekly start time, in UTC: `code` is what a form posts ("<weekday>-<hour>")."""

    weekday: int  # 0 = Monday, in UTC
    hour: int  # UTC

    @property
    def code(self) -> str:
        return f"{self.weekday}-{self.hour}"

    @classmethod
    def parse(cls, code: str) -> Choice | None:
        day, _sep, hour = (code or "").partition("-")
        if not (day.isdigit() and hour.isdigit()):
            return None
        if not (0 <= int(day) < 7 and 0 <= int(hour) < 24):
            return None
        return cls(int(day), int(hour))

    def first_at(self, not_before: date) -> datetime:
        """The first such start on or after `not_before`, in UTC."""
        days = (self.weekday - not_before.weekday()) % 7
        return datetime.combine(not_before + timedelta(days=days), time(self.hour), tzinfo=UTC)


def zone_of(person: Person) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(person.time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def shared_slots(pairing: Pairing, *, on: date) -> frozenset[int]:
    """The UTC slots (day × part of day) both people have free, as matching computes them."""
    profiles = {
        mp.person_id: mp
        for mp in MatchProfile.objects.filter(person__in=[pairing.mentor_id, pairing.mentee_id])
    }

    def slots(person: Person) -> frozenset[int]:
        mp = profiles.get(person.pk)
        offset = utc_offset(person.time_zone, on) if person.time_zone else None
        return utc_slots(mp.availability if mp else [], offset) if mp else frozenset()

    return slots(pairing.mentor) & slots(pairing.mentee)


def choices(pairing: Pairing, *, on: date, minutes: int) -> tuple[list[Choice], bool]:
    """The start times the pair may choose, and whether they come from shared free time
    (False: the two profiles share none, so every daytime hour is offered)."""
    shared = shared_slots(pairing, on=on)
    slots = sorted(shared) if shared else list(range(SLOTS_PER_WEEK))
    hours_needed = -(-minutes // 60)
    out: list[Choice] = []
    for slot in slots:
        day, part = divmod(slot, 3)
        first, last = PART_HOURS[part]
        out.extend(Choice(day, hour) for hour in range(first, last - hours_needed + 1))
    return out, bool(shared)


def local_label(at: datetime, zone: zoneinfo.ZoneInfo) -> str:
    """A start time as its reader sees it, e.g. "Tue 18:00"."""
    from django.utils.formats import date_format

    return date_format(at.astimezone(zone), "D H:i")
