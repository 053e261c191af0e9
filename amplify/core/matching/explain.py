"""One pair's score, criterion by criterion: the explanation shown to the people matched."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from amplify.core.matching.profiles import LABELS, Criterion, Profile, Rules, points


@dataclass(frozen=True)
class Contribution:
    criterion: Criterion
    label: str
    points: int  # 0..10
    weight: int  # the programme's weight for this criterion
    detail: str
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def score(self) -> int:
        return self.points * self.weight


def _facts(criterion: Criterion, mentor: Profile, mentee: Profile) -> dict[str, Any]:
    """What the criterion compared, as plain values (codes, counts), for the apps to put in
    words in the reader's language."""
    if criterion is Criterion.INTERESTS:
        return {"shared": sorted(mentor.tags & mentee.tags)}
    if criterion is Criterion.CAREER:
        return {"wants": mentee.job_family, "has": mentor.job_family}
    if criterion is Criterion.DIVISION:
        return {"wants": mentee.division, "has": mentor.division}
    if criterion is Criterion.LANGUAGE:
        first = mentee.languages[0] if mentee.languages else None
        return {"first": first, "speaks": list(mentor.languages)}
    if criterion is Criterion.TIME_ZONE:
        if mentor.utc_offset is None or mentee.utc_offset is None:
            return {"hours_apart": None}
        return {"hours_apart": abs(mentor.utc_offset - mentee.utc_offset)}
    if criterion is Criterion.LOCATION:
        return {
            "in_person": mentor.in_person and mentee.in_person,
            "same_country": mentor.country == mentee.country,
        }
    if criterion is Criterion.AVAILABILITY:
        return {"shared_slots": len(mentor.slots & mentee.slots)}
    if criterion is Criterion.SENIORITY:
        return {"mentor": mentor.seniority, "mentee": mentee.seniority}
    if criterion is Criterion.BACKGROUND:
        return {"met": len(mentee.wants & mentor.attributes), "asked": len(mentee.wants)}
    raise ValueError(criterion)


def _detail(criterion: Criterion, f: dict[str, Any]) -> str:
    """The facts in a line of English, for the command line."""
    if criterion is Criterion.INTERESTS:
        return ", ".join(f["shared"]) if f["shared"] else "none in common"
    if criterion is Criterion.CAREER:
        return f"wants {f['wants'] or '—'}; mentor works in {f['has'] or '—'}"
    if criterion is Criterion.DIVISION:
        return f"wants {f['wants'] or '—'}; mentor is in {f['has'] or '—'}"
    if criterion is Criterion.LANGUAGE:
        return f"first language {f['first'] or '—'}; mentor speaks {', '.join(f['speaks']) or '—'}"
    if criterion is Criterion.TIME_ZONE:
        return "time zone unknown" if f["hours_apart"] is None else f"{f['hours_apart']} h apart"
    if criterion is Criterion.LOCATION:
        if not f["in_person"]:
            return "at least one of them meets only online"
        return "same country" if f["same_country"] else "different countries"
    if criterion is Criterion.AVAILABILITY:
        return f"{f['shared_slots']} shared weekly slots"
    if criterion is Criterion.SENIORITY:
        return f"levels {f['mentor']} and {f['mentee']}"
    if criterion is Criterion.BACKGROUND:
        return f"{f['met']} of {f['asked']} asked for" if f["asked"] else "no preference stated"
    raise ValueError(criterion)


def explain(mentor: Profile, mentee: Profile, rules: Rules) -> list[Contribution]:
    """The criteria with a non-zero weight, largest contribution first."""
    out = []
    for c in Criterion:
        if rules.weight(c):
            facts = _facts(c, mentor, mentee)
            out.append(
                Contribution(
                    c,
                    LABELS[c],
                    points(c, mentor, mentee),
                    rules.weight(c),
                    _detail(c, facts),
                    facts,
                )
            )
    return sorted(out, key=lambda x: (-x.score, x.criterion.value))


def score(mentor: Profile, mentee: Profile, rules: Rules) -> int:
    return sum(rules.weight(c) * points(c, mentor, mentee) for c in Criterion)
