"""Rankings people gave for the stable mode, merged with the order their scores give.

A mentee ranks up to MAX_MENTEE_RANKS of her best-scoring suggested mentors; a mentor ranks
the mentees who ranked her. Whoever ranked proposes to (or prefers) the people she ranked,
in her order, and then everyone else acceptable to her by score: a ranking says who comes
first, never who is refused, so ranking cannot leave anyone unmatched who scores would have
matched. Whoever gave none keeps the order of the scores. Only acceptable pairs (the hard
rules passed) are ever listed: a ranking cannot bring back a pair the rules forbid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

MAX_MENTEE_RANKS = 5

# What a run says about the rankings it used: English msgids with parameters, marked for
# translation in amplify.matching.enginetext.
FROM_SCORES = "Preferences: derived from the scores (nobody ranked)"
FROM_RANKINGS = "Preferences: the rankings every mentee and mentor gave"
FROM_BOTH = (
    "Preferences: rankings from %(mentees)s of %(mentee_total)s mentees and %(mentors)s of "
    "%(mentor_total)s mentors; the others by score"
)
STATEMENTS = (FROM_SCORES, FROM_RANKINGS, FROM_BOTH)


@dataclass(frozen=True)
class Rankings:
    """Best first, by key: each mentee's mentors and each mentor's mentees."""

    mentees: Mapping[str, Sequence[str]] = field(default_factory=dict)
    mentors: Mapping[str, Sequence[str]] = field(default_factory=dict)


# What Used.source may say (the API lists them).
SOURCES = ("scores", "rankings", "mixed")


@dataclass(frozen=True)
class Used:
    """Which preferences a stable run used: how many on each side gave a ranking."""

    mentees_ranked: int
    mentee_total: int
    mentors_ranked: int
    mentor_total: int

    @property
    def source(self) -> str:
        """ "scores", "rankings" (everyone ranked) or "mixed"."""
        ranked = self.mentees_ranked + self.mentors_ranked
        if ranked == 0:
            return "scores"
        if ranked == self.mentee_total + self.mentor_total:
            return "rankings"
        return "mixed"

    def statement(self) -> tuple[str, dict[str, int]]:
        if self.source == "scores":
            return FROM_SCORES, {}
        if self.source == "rankings":
            return FROM_RANKINGS, {}
        return FROM_BOTH, {
            "mentees": self.mentees_ranked,
            "mentee_total": self.mentee_total,
            "mentors": self.mentors_ranked,
            "mentor_total": self.mentor_total,
        }

    def describe(self) -> str:
        msgid, params = self.statement()
        return msgid % params


def merged(ranked: Sequence[str] | None, by_score: Sequence[str]) -> list[str]:
    """The ranked keys that are acceptable (in `by_score`), in the ranking's order, then the
    rest of `by_score` in its order. No ranking: `by_score` itself."""
    if not ranked:
        return list(by_score)
    acceptable = set(by_score)
    first = [key for key in dict.fromkeys(ranked) if key in acceptable]
    chosen = set(first)
    return first + [key for key in by_score if key not in chosen]


def apply(
    rankings: Rankings | None,
    mentee_prefs: Mapping[str, Sequence[str]],
    mentor_prefs: Mapping[str, Sequence[str]],
) -> tuple[dict[str, list[str]], dict[str, list[str]], Used]:
    """Both sides' preference lists with the rankings put first, and what was used. A ranking
    counts only for someone taking part; an empty one counts as none."""
    rankings = rankings or Rankings()
    mentees = {k: merged(rankings.mentees.get(k), v) for k, v in mentee_prefs.items()}
    mentors = {k: merged(rankings.mentors.get(k), v) for k, v in mentor_prefs.items()}
    used = Used(
        mentees_ranked=sum(1 for k in mentee_prefs if rankings.mentees.get(k)),
        mentee_total=len(mentee_prefs),
        mentors_ranked=sum(1 for k in mentor_prefs if rankings.mentors.get(k)),
        mentor_total=len(mentor_prefs),
    )
    return mentees, mentors, used
