"""One pair's score, criterion by criterion: the explanation shown to the people matched."""

from __future__ import annotations

from dataclasses import dataclass

from amplify.core.matching.profiles import LABELS, Criterion, Profile, Rules, points


@dataclass(frozen=True)
class Contribution:
    criterion: Criterion
    label: str
    points: int  # 0..10
    weight: int  # the programme's weight for this criterion
    detail: str

    @property
    def score(self) -> int:
        return self.points * self.weight


def _detail(criterion: Criterion, mentor: Profile, mentee: Profile) -> str:
    if criterion is Criterion.INTERESTS:
        shared = sorted(mentor.tags & mentee.tags)
        return ", ".join(shared) if shared else "none in common"
    if criterion is Criterion.CAREER:
        return f"wants {mentee.job_family or '—'}; mentor works in {mentor.job_family or '—'}"
    if criterion is Criterion.DIVISION:
        return f"wants {mentee.division or '—'}; mentor is in {mentor.division or '—'}"
    if criterion is Criterion.LANGUAGE:
        first = mentee.languages[0] if mentee.languages else "—"
        return f"first language {first}; mentor speaks {', '.join(mentor.languages) or '—'}"
    if criterion is Criterion.TIME_ZONE:
        if mentor.utc_offset is None or mentee.utc_offset is None:
            return "time zone unknown"
        return f"{abs(mentor.utc_offset - mentee.utc_offset)} h apart"
    if criterion is Criterion.LOCATION:
        if not (mentor.in_person and mentee.in_person):
            return "at least one of them meets only online"
        return "same country" if mentor.country == mentee.country else "different countries"
    if criterion is Criterion.AVAILABILITY:
        return f"{len(mentor.slots & mentee.slots)} shared weekly slots"
    if criterion is Criterion.SENIORITY:
        return f"levels {mentor.seniority} and {mentee.seniority}"
    if criterion is Criterion.BACKGROUND:
        asked = len(mentee.wants)
        met = len(mentee.wants & mentor.attributes)
        return f"{met} of {asked} asked for" if asked else "no preference stated"
    raise ValueError(criterion)


def explain(mentor: Profile, mentee: Profile, rules: Rules) -> list[Contribution]:
    """The criteria with a non-zero weight, largest contribution first."""
    out = [
        Contribution(
            c, LABELS[c], points(c, mentor, mentee), rules.weight(c), _detail(c, mentor, mentee)
        )
        for c in Criterion
        if rules.weight(c)
    ]
    return sorted(out, key=lambda x: (-x.score, x.criterion.value))


def score(mentor: Profile, mentee: Profile, rules: Rules) -> int:
    return sum(rules.weight(c) * points(c, mentor, mentee) for c in Criterion)
