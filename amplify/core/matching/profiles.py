"""Who is matched, and what makes a good pair.

A pair's score is the sum over criteria of weight × points, points being a whole number from 0
to 10 for each criterion. Whole numbers keep every score exact: the same pair scores the same
in a matrix product, in an explanation and in a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

MAX_POINTS = 10
MAX_WEIGHT = 5
# Limits that keep every criterion within MAX_POINTS and every product exact.
MAX_TAGS = 5
MAX_SLOTS = 10
MAX_CAPACITY = 8  # a coach's coachees; mentoring programmes allow mentors at most 3
MAX_WANTS = 2
SLOTS_PER_WEEK = 21  # seven days × morning, afternoon, evening (UTC)


class Criterion(StrEnum):
    INTERESTS = "interests"
    CAREER = "career"
    DIVISION = "division"
    LANGUAGE = "language"
    TIME_ZONE = "time_zone"
    LOCATION = "location"
    AVAILABILITY = "availability"
    SENIORITY = "seniority"
    BACKGROUND = "background"


LABELS: dict[Criterion, str] = {
    Criterion.INTERESTS: "Shared interests and skills",
    Criterion.CAREER: "Career goal matches the mentor's field",
    Criterion.DIVISION: "Wants to work where the mentor works",
    Criterion.LANGUAGE: "Mentor speaks the mentee's first language",
    Criterion.TIME_ZONE: "Close time zones",
    Criterion.LOCATION: "Can meet in person nearby",
    Criterion.AVAILABILITY: "Shared free time in the week",
    Criterion.SENIORITY: "Mentor is more senior",
    Criterion.BACKGROUND: "Shares the background the mentee asked for",
}

DEFAULT_WEIGHTS: dict[Criterion, int] = {
    Criterion.INTERESTS: 3,
    Criterion.CAREER: 3,
    Criterion.DIVISION: 1,
    Criterion.LANGUAGE: 1,
    Criterion.TIME_ZONE: 2,
    Criterion.LOCATION: 1,
    Criterion.AVAILABILITY: 1,
    Criterion.SENIORITY: 1,
    Criterion.BACKGROUND: 2,
}


class Objective(StrEnum):
    # Match as many mentees as possible, then maximise the total score among those matchings.
    MOST_MATCHED = "most_matched"
    # Maximise the total score, even if that leaves some mentee unmatched; a pair that would
    # score nothing is never made.
    BEST_SCORE = "best_score"


@dataclass(frozen=True)
class Profile:
    """One person on either side. Mentors describe themselves; mentees describe what they want
    (`job_family` and `division` are then aspirations)."""

    key: str
    tags: frozenset[str] = frozenset()  # interests (mentees), skills and expertise (mentors)
    job_family: str | None = None
    division: str | None = None
    languages: tuple[str, ...] = ()  # ISO 639-1, first = preferred
    utc_offset: int | None = None  # whole hours, -12..+14
    country: str | None = None
    in_person: bool = True  # willing to meet in person
    slots: frozenset[int] = frozenset()  # weekly slots 0..20 when free (UTC)
    seniority: int = 0  # 0 = student .. 6 = executive
    # Consented only: a mentor's own background attributes, and the attributes a mentee
    # asked her mentor to share, as tokens compared only for equality (Django stores opaque
    # per-run tokens; the core never needs to know what they stand for).
    attributes: frozenset[str] = frozenset()
    wants: frozenset[str] = frozenset()
    capacity: int = 1  # mentors: mentees they can take (1-3; a coach up to 8)
    training_hours: float = 0.0  # mentors: completed mentor training
    # Mentors: what her programme's screening still lacks (amplify.core.training codes);
    # the training rule sets her aside until it is empty, as it does for too few hours.
    screening: tuple[str, ...] = ()
    managers: tuple[str, ...] = ()  # mentees: keys of her manager and her manager's manager

    def __post_init__(self) -> None:
        if len(self.tags) > MAX_TAGS:
            raise ValueError(f"{self.key}: at most {MAX_TAGS} interests or skills")
        if len(self.wants) > MAX_WANTS:
            raise ValueError(f"{self.key}: at most {MAX_WANTS} background preferences")
        if len(self.slots) > MAX_SLOTS:
            raise ValueError(f"{self.key}: at most {MAX_SLOTS} weekly slots")
        if any(not 0 <= s < SLOTS_PER_WEEK for s in self.slots):
            raise ValueError(f"{self.key}: weekly slots are 0..{SLOTS_PER_WEEK - 1}")
        if not 0 <= self.seniority <= 6:
            raise ValueError(f"{self.key}: seniority is 0..6")
        if self.utc_offset is not None and not -12 <= self.utc_offset <= 14:
            raise ValueError(f"{self.key}: UTC offset is -12..+14 hours")
        if not 0 <= self.capacity <= MAX_CAPACITY:
            raise ValueError(f"{self.key}: a mentor takes 0 to {MAX_CAPACITY} mentees")


@dataclass(frozen=True)
class Rules:
    """A programme's matching rules."""

    weights: Mapping[Criterion, int] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    objective: Objective = Objective.MOST_MATCHED
    required_training_hours: float = 10.0
    min_shared_slots: int = 1  # weekly slots both must have free (meetings are an hour)
    require_common_language: bool = True
    # Suggestions shown while a cohort recruits leave the whole training rule out (mentors
    # train and are screened meanwhile); a matching run always keeps it.
    require_training: bool = True

    def __post_init__(self) -> None:
        for criterion, weight in self.weights.items():
            if not 0 <= weight <= MAX_WEIGHT:
                raise ValueError(f"weight of {criterion.value} must be 0..{MAX_WEIGHT}")

    def trained(self, mentor: Profile) -> bool:
        """The training rule: enough training hours and nothing left in her screening."""
        if not self.require_training:
            return True
        return mentor.training_hours >= self.required_training_hours and not mentor.screening

    def weight(self, criterion: Criterion) -> int:
        return int(self.weights.get(criterion, 0))

    @property
    def max_score(self) -> int:
        return MAX_POINTS * sum(self.weight(c) for c in Criterion)


# ---- The points of each criterion: these functions define the score; the encoding
# ---- reproduces them as matrix products, and tests check the two agree.


def time_zone_points(mentor_offset: int | None, mentee_offset: int | None) -> int:
    if mentor_offset is None or mentee_offset is None:
        return 0
    return max(0, MAX_POINTS - 2 * abs(mentor_offset - mentee_offset))


def seniority_points(mentor_level: int, mentee_level: int) -> int:
    gap = mentor_level - mentee_level
    return 10 if gap >= 2 else 6 if gap == 1 else 0


def location_points(mentor: Profile, mentee: Profile) -> int:
    if not (mentor.in_person and mentee.in_person) or mentor.country is None:
        return 0
    return MAX_POINTS if mentor.country == mentee.country else 0


def points(criterion: Criterion, mentor: Profile, mentee: Profile) -> int:
    if criterion is Criterion.INTERESTS:
        return 2 * len(mentor.tags & mentee.tags)
    if criterion is Criterion.CAREER:
        return MAX_POINTS if mentee.job_family and mentee.job_family == mentor.job_family else 0
    if criterion is Criterion.DIVISION:
        return MAX_POINTS if mentee.division and mentee.division == mentor.division else 0
    if criterion is Criterion.LANGUAGE:
        first = mentee.languages[0] if mentee.languages else None
        return MAX_POINTS if first is not None and first in mentor.languages else 0
    if criterion is Criterion.TIME_ZONE:
        return time_zone_points(mentor.utc_offset, mentee.utc_offset)
    if criterion is Criterion.LOCATION:
        return location_points(mentor, mentee)
    if criterion is Criterion.AVAILABILITY:
        return len(mentor.slots & mentee.slots)
    if criterion is Criterion.SENIORITY:
        return seniority_points(mentor.seniority, mentee.seniority)
    if criterion is Criterion.BACKGROUND:
        return 5 * len(mentee.wants & mentor.attributes)
    raise ValueError(criterion)
