"""Profiles as integer matrices whose product scores every pair at once.

Each criterion is a block of columns: the mentee's side holds indicators (one-hot or
multi-hot), the mentor's side holds, for each indicator, the points it would earn times the
criterion's weight. The product of a mentor row and a mentee row is therefore exactly that
pair's score. Pairwise tables (time zones, seniority) fit the same way: the mentor's row holds
her row of the table. All entries are small whole numbers, so float32 products are exact.

Hard constraints are not in the product: each side also gets bit masks (languages, weekly
slots) that are checked, exactly, on the few pairs the product makes candidates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from amplify.core.matching.profiles import (
    MAX_POINTS,
    SLOTS_PER_WEEK,
    Criterion,
    Profile,
    Rules,
    seniority_points,
    time_zone_points,
)

OFFSETS = list(range(-12, 15))
LEVELS = list(range(7))


@dataclass
class Vocabulary:
    """The values seen on either side, each given a column."""

    tags: dict[str, int]
    job_families: dict[str, int]
    divisions: dict[str, int]
    languages: dict[str, int]
    countries: dict[str, int]
    attributes: dict[str, int]
    # Only the UTC offsets someone has get a column: a company in sixteen countries uses a
    # dozen of the 27, and every column is a multiply-add for each of billions of pairs.
    offsets: dict[int, int]

    @classmethod
    def of(cls, *sides: Sequence[Profile]) -> Vocabulary:
        def index(values: set[str]) -> dict[str, int]:
            return {v: i for i, v in enumerate(sorted(values))}

        people = [p for side in sides for p in side]
        return cls(
            tags=index({t for p in people for t in p.tags}),
            job_families=index({p.job_family for p in people if p.job_family}),
            divisions=index({p.division for p in people if p.division}),
            languages=index({lang for p in people for lang in p.languages}),
            countries=index({p.country for p in people if p.country}),
            attributes=index({a for p in people for a in (*p.attributes, *p.wants)}),
            offsets={
                o: i
                for i, o in enumerate(
                    sorted({p.utc_offset for p in people if p.utc_offset is not None})
                )
            },
        )

    @property
    def width(self) -> int:
        return (
            len(self.tags)
            + len(self.job_families)
            + len(self.divisions)
            + len(self.languages)
            + len(self.offsets)
            + len(self.countries)
            + SLOTS_PER_WEEK
            + len(LEVELS)
            + len(self.attributes)
        )


@dataclass
class Side:
    """One side of the market, encoded."""

    keys: list[str]
    matrix: np.ndarray  # (people, width) float32: mentor weights or mentee indicators
    languages: np.ndarray  # (people,) uint64 bit mask, up to 64 languages
    slots: np.ndarray  # (people,) uint32 bit mask of weekly slots
    capacity: np.ndarray  # (people,) int64
    training_hours: np.ndarray  # (people,) float64

    def __len__(self) -> int:
        return len(self.keys)


def _bitmask(values: Sequence[int]) -> int:
    mask = 0
    for value in values:
        mask |= 1 << value
    return mask


def _masks(profiles: Sequence[Profile], vocab: Vocabulary) -> tuple[np.ndarray, np.ndarray]:
    if len(vocab.languages) > 64:
        raise ValueError("At most 64 different languages can be matched on at once.")
    languages = np.array(
        [_bitmask([vocab.languages[lang] for lang in p.languages]) for p in profiles],
        dtype=np.uint64,
    )
    slots = np.array([_bitmask(sorted(p.slots)) for p in profiles], dtype=np.uint32)
    return languages, slots


class _Columns:
    """Allocates the column blocks of the encoding in a fixed order."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.blocks: dict[Criterion, tuple[int, int]] = {}
        start = 0
        for criterion, size in (
            (Criterion.INTERESTS, len(vocab.tags)),
            (Criterion.CAREER, len(vocab.job_families)),
            (Criterion.DIVISION, len(vocab.divisions)),
            (Criterion.LANGUAGE, len(vocab.languages)),
            (Criterion.TIME_ZONE, len(vocab.offsets)),
            (Criterion.LOCATION, len(vocab.countries)),
            (Criterion.AVAILABILITY, SLOTS_PER_WEEK),
            (Criterion.SENIORITY, len(LEVELS)),
            (Criterion.BACKGROUND, len(vocab.attributes)),
        ):
            self.blocks[criterion] = (start, start + size)
            start += size
        self.width = start

    def start(self, criterion: Criterion) -> int:
        return self.blocks[criterion][0]


TZ_TABLE = np.array([[time_zone_points(a, b) for b in OFFSETS] for a in OFFSETS], dtype=np.float32)
LEVEL_TABLE = np.array([[seniority_points(a, b) for b in LEVELS] for a in LEVELS], dtype=np.float32)


def encode_mentors(profiles: Sequence[Profile], vocab: Vocabulary, rules: Rules) -> Side:
    cols = _Columns(vocab)
    offset_columns = [OFFSETS.index(o) for o in vocab.offsets]
    m = np.zeros((len(profiles), cols.width), dtype=np.float32)
    w = {c: float(rules.weight(c)) for c in Criterion}
    for row, p in enumerate(profiles):
        base = cols.start(Criterion.INTERESTS)
        for tag in p.tags:
            m[row, base + vocab.tags[tag]] = 2 * w[Criterion.INTERESTS]
        if p.job_family:
            m[row, cols.start(Criterion.CAREER) + vocab.job_families[p.job_family]] = (
                MAX_POINTS * w[Criterion.CAREER]
            )
        if p.division:
            m[row, cols.start(Criterion.DIVISION) + vocab.divisions[p.division]] = (
                MAX_POINTS * w[Criterion.DIVISION]
            )
        base = cols.start(Criterion.LANGUAGE)
        for lang in p.languages:
            m[row, base + vocab.languages[lang]] = MAX_POINTS * w[Criterion.LANGUAGE]
        if p.utc_offset is not None:
            start, end = cols.blocks[Criterion.TIME_ZONE]
            m[row, start:end] = (
                TZ_TABLE[OFFSETS.index(p.utc_offset), offset_columns] * w[Criterion.TIME_ZONE]
            )
        if p.in_person and p.country:
            m[row, cols.start(Criterion.LOCATION) + vocab.countries[p.country]] = (
                MAX_POINTS * w[Criterion.LOCATION]
            )
        base = cols.start(Criterion.AVAILABILITY)
        for slot in p.slots:
            m[row, base + slot] = w[Criterion.AVAILABILITY]
        start, end = cols.blocks[Criterion.SENIORITY]
        m[row, start:end] = LEVEL_TABLE[p.seniority] * w[Criterion.SENIORITY]
        base = cols.start(Criterion.BACKGROUND)
        for attribute in p.attributes:
            m[row, base + vocab.attributes[attribute]] = 5 * w[Criterion.BACKGROUND]
    languages, slots = _masks(profiles, vocab)
    return Side(
        keys=[p.key for p in profiles],
        matrix=m,
        languages=languages,
        slots=slots,
        capacity=np.array([p.capacity for p in profiles], dtype=np.int64),
        training_hours=np.array([p.training_hours for p in profiles], dtype=np.float64),
    )


def encode_mentees(profiles: Sequence[Profile], vocab: Vocabulary) -> Side:
    cols = _Columns(vocab)
    m = np.zeros((len(profiles), cols.width), dtype=np.float32)
    for row, p in enumerate(profiles):
        base = cols.start(Criterion.INTERESTS)
        for tag in p.tags:
            m[row, base + vocab.tags[tag]] = 1
        if p.job_family:
            m[row, cols.start(Criterion.CAREER) + vocab.job_families[p.job_family]] = 1
        if p.division:
            m[row, cols.start(Criterion.DIVISION) + vocab.divisions[p.division]] = 1
        if p.languages:
            m[row, cols.start(Criterion.LANGUAGE) + vocab.languages[p.languages[0]]] = 1
        if p.utc_offset is not None:
            m[row, cols.start(Criterion.TIME_ZONE) + vocab.offsets[p.utc_offset]] = 1
        if p.in_person and p.country:
            m[row, cols.start(Criterion.LOCATION) + vocab.countries[p.country]] = 1
        base = cols.start(Criterion.AVAILABILITY)
        for slot in p.slots:
            m[row, base + slot] = 1
        m[row, cols.start(Criterion.SENIORITY) + p.seniority] = 1
        base = cols.start(Criterion.BACKGROUND)
        for attribute in p.wants:
            m[row, base + vocab.attributes[attribute]] = 1
    languages, slots = _masks(profiles, vocab)
    return Side(
        keys=[p.key for p in profiles],
        matrix=m,
        languages=languages,
        slots=slots,
        capacity=np.ones(len(profiles), dtype=np.int64),
        training_hours=np.zeros(len(profiles), dtype=np.float64),
    )
