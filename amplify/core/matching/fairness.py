"""The fairness report of a matching run: how scores and matches fall across groups of
mentees, who is worst off, and why anyone is unmatched. Groups with fewer than five people are
never shown (see amplify.core.privacy)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from amplify.core.matching.engine import Result
from amplify.core.privacy import SMALL_GROUP


@dataclass
class Cell:
    value: str
    people: int | None  # None: fewer than five, suppressed
    matched: int | None = None
    match_rate: float | None = None
    mean_score: float | None = None
    median_score: float | None = None


@dataclass
class Report:
    matched: int
    mentees: int
    quantiles: dict[str, float]  # of the matched pairs' scores: min, p10, p25, median, ...
    mean: float | None
    worst_off: tuple[str, int] | None  # the matched mentee with the lowest score
    unmatched_by_reason: dict[str, int]
    groups: dict[str, list[Cell]] = field(default_factory=dict)


def _cell(value: str, members: Sequence[str], score_of: Mapping[str, int]) -> Cell:
    if len(members) < SMALL_GROUP:
        return Cell(value, None)
    scores = [score_of[k] for k in members if k in score_of]
    matched = len(scores)
    # The matched count is a group of its own: fewer than five matched (or unmatched) would
    # say who they are.
    if 0 < matched < SMALL_GROUP or 0 < len(members) - matched < SMALL_GROUP:
        return Cell(value, len(members))
    return Cell(
        value,
        len(members),
        matched,
        round(matched / len(members), 3),
        round(float(np.mean(scores)), 1) if scores else None,
        float(np.median(scores)) if scores else None,
    )


def report(
    result: Result, mentees: Sequence[str], groupings: Mapping[str, Mapping[str, str | None]]
) -> Report:
    """`groupings` maps a grouping's name (country, division, a consented attribute) to each
    mentee's value; mentees without a value (None) are left out of that grouping."""
    score_of = {m.mentee: m.score for m in result.matches}
    scores = np.array(sorted(score_of.values()), dtype=float)
    quantiles: dict[str, float] = {}
    if len(scores) >= SMALL_GROUP:
        for name, q in (
            ("min", 0),
            ("p10", 10),
            ("p25", 25),
            ("median", 50),
            ("p75", 75),
            ("p90", 90),
            ("max", 100),
        ):
            quantiles[name] = float(np.percentile(scores, q))
    worst = min(score_of.items(), key=lambda kv: (kv[1], kv[0])) if score_of else None
    out = Report(
        matched=len(score_of),
        mentees=len(mentees),
        quantiles=quantiles,
        mean=round(float(scores.mean()), 1) if len(scores) else None,
        worst_off=worst,
        unmatched_by_reason=dict(Counter(result.unmatched.values())),
    )
    for name, values in groupings.items():
        members: dict[str, list[str]] = defaultdict(list)
        for mentee in mentees:
            value = values.get(mentee)
            if value is not None:
                members[value].append(mentee)
        out.groups[name] = [_cell(v, members[v], score_of) for v in sorted(members)]
    return out
