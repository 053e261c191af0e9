"""Showcase judging: each judge's marks normalised, combined per presentation, ranked.

A room of managing directors does not mark alike: one gives 2s and 3s, another 4s and 5s.
So each judge's marks are turned into z-scores against her own marks (her mean and spread
over every slot and criterion she marked at this showcase) before anything is combined: a
harsh and a lenient judge with the same opinion of the presentations count the same, and a
judge's marks mean the same after any shift or stretch of her scale.

A judge whose marks are all equal (or who gave a single mark) shows no preference between
the presentations she saw: her marks are z = 0, so they neither raise nor lower anyone. They
still count in the number of judges a slot had.

A slot's combined score is the mean of its normalised marks over its judges and criteria;
its profile is that mean per criterion. Slots are ranked by combined score, highest first;
combined scores equal to within a tolerance share a rank (competition ranking: 1, 2, 2, 4),
and the raw means (on the 1–5 scale) are given alongside for the record, never for ranking.

Plain data in, results out: no Django (an import-linter contract enforces it).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

# Combined scores closer than this are a tie: they differ by floating-point noise only.
TIE_TOLERANCE = 1e-9
SCALE_MIN = 1
SCALE_MAX = 5


@dataclass(frozen=True)
class Mark:
    judge: Hashable
    slot: Hashable
    criterion: Hashable
    value: float


@dataclass(frozen=True)
class SlotResult:
    slot: Hashable
    rank: int
    tied: bool  # shares its rank with another slot
    combined: float  # mean z-score over judges and criteria
    raw_mean: float  # mean of the marks as given, on the rubric's scale
    judges: int
    marks: int
    profile: dict[Hashable, float] = field(default_factory=dict)  # criterion -> mean z
    raw_profile: dict[Hashable, float] = field(default_factory=dict)  # criterion -> mean mark


def normalise(marks: Iterable[Mark]) -> list[tuple[Mark, float]]:
    """Each mark with its z-score against its judge's own marks (population spread); all
    marks of a judge whose marks do not vary are 0."""
    marks = list(marks)
    by_judge: dict[Hashable, list[float]] = defaultdict(list)
    for m in marks:
        by_judge[m.judge].append(float(m.value))
    stats: dict[Hashable, tuple[float, float]] = {}
    for judge, values in by_judge.items():
        mean = math.fsum(values) / len(values)
        spread = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))
        stats[judge] = (mean, spread)
    out = []
    for m in marks:
        mean, spread = stats[m.judge]
        # Relative to the judge's own scale, so that no rounding noise passes for a spread.
        flat = spread <= TIE_TOLERANCE * max(1.0, abs(mean))
        out.append((m, 0.0 if flat else (float(m.value) - mean) / spread))
    return out


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def rank(scores: dict[Hashable, float], *, tolerance: float = TIE_TOLERANCE) -> dict[Hashable, int]:
    """Competition ranks, highest first; scores equal within `tolerance` (relative to their
    size, at least absolute) share the rank of the first of them."""
    order = sorted(scores, key=lambda k: (-scores[k], str(k)))
    ranks: dict[Hashable, int] = {}
    leader: float | None = None
    current = 0
    for position, key in enumerate(order, start=1):
        value = scores[key]
        if leader is None or abs(leader - value) > tolerance * max(1.0, abs(leader)):
            leader, current = value, position
        ranks[key] = current
    return ranks


def results(marks: Iterable[Mark], *, tolerance: float = TIE_TOLERANCE) -> list[SlotResult]:
    """Every marked slot, ranked (best first, then by slot for a stable order). A slot with
    no marks is not in the list: it was not judged."""
    z_by_slot: dict[Hashable, list[float]] = defaultdict(list)
    raw_by_slot: dict[Hashable, list[float]] = defaultdict(list)
    z_by_criterion: dict[Hashable, dict[Hashable, list[float]]] = defaultdict(
        lambda: defaultdict(list)
    )
    raw_by_criterion: dict[Hashable, dict[Hashable, list[float]]] = defaultdict(
        lambda: defaultdict(list)
    )
    judges: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mark, z in normalise(marks):
        z_by_slot[mark.slot].append(z)
        raw_by_slot[mark.slot].append(float(mark.value))
        z_by_criterion[mark.slot][mark.criterion].append(z)
        raw_by_criterion[mark.slot][mark.criterion].append(float(mark.value))
        judges[mark.slot].add(mark.judge)
    combined = {slot: _mean(zs) for slot, zs in z_by_slot.items()}
    ranks = rank(combined, tolerance=tolerance)
    shared: dict[int, int] = defaultdict(int)
    for r in ranks.values():
        shared[r] += 1
    found = [
        SlotResult(
            slot=slot,
            rank=ranks[slot],
            tied=shared[ranks[slot]] > 1,
            combined=combined[slot],
            raw_mean=_mean(raw_by_slot[slot]),
            judges=len(judges[slot]),
            marks=len(z_by_slot[slot]),
            profile={c: _mean(v) for c, v in z_by_criterion[slot].items()},
            raw_profile={c: _mean(v) for c, v in raw_by_criterion[slot].items()},
        )
        for slot in combined
    ]
    return sorted(found, key=lambda r: (r.rank, str(r.slot)))


def valid_mark(value: object) -> bool:
    """A mark on the rubric's scale: a whole number from 1 to 5."""
    return (
        isinstance(value, int) and not isinstance(value, bool) and SCALE_MIN <= value <= SCALE_MAX
    )
