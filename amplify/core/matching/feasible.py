"""Hard constraints, checked exactly on candidate pairs with bit masks; and, for one pair,
which of them it breaks (`why_not`), for review to say why a swap is refused."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from amplify.core.matching.encoding import Side
from amplify.core.matching.profiles import Profile, Rules
from amplify.core.matching.reasons import Reason


def why_not(
    mentor: Profile,
    mentee: Profile,
    rules: Rules,
    *,
    never: Collection[tuple[str, str]] = (),
) -> str | None:
    """The first hard rule this pair breaks, as a Reason code, or None if the engine could
    make it: a common language (unless the rules leave it out), shared free time, the
    mentee's reporting line, the pairs marked `never` to be made (mentor key, mentee key)
    and the mentor's training. The same rules, in the same order, as `Feasibility`, the
    engine's set-aside of untrained mentors and `reasons.unmatched_reasons`."""
    if rules.require_common_language and not set(mentor.languages) & set(mentee.languages):
        return Reason.LANGUAGE
    if len(mentor.slots & mentee.slots) < rules.min_shared_slots:
        return Reason.TIME
    if mentor.key in mentee.managers:
        return Reason.REPORTING_LINE
    if (mentor.key, mentee.key) in never:
        return Reason.EXCLUDED
    if not rules.trained(mentor):
        return Reason.TRAINING
    return None


class Feasibility:
    def __init__(self, mentors: Side, mentees: Side, rules: Rules, forbidden: np.ndarray) -> None:
        self.mentors, self.mentees, self.rules = mentors, mentees, rules
        self.n = len(mentees)
        # Forbidden pairs (reporting lines, "do not match") as sorted keys mentor*n + mentee.
        self.forbidden = np.unique(forbidden.astype(np.int64))

    def common_language(self, mi: np.ndarray, mj: np.ndarray) -> np.ndarray:
        if not self.rules.require_common_language:
            return np.ones(len(mi), dtype=bool)
        return (self.mentors.languages[mi] & self.mentees.languages[mj]) != 0

    def shared_slots(self, mi: np.ndarray, mj: np.ndarray) -> np.ndarray:
        overlap = np.bitwise_count(self.mentors.slots[mi] & self.mentees.slots[mj])
        return overlap >= self.rules.min_shared_slots

    def allowed(self, mi: np.ndarray, mj: np.ndarray) -> np.ndarray:
        if not len(self.forbidden):
            return np.ones(len(mi), dtype=bool)
        keys = mi.astype(np.int64) * self.n + mj
        at = np.searchsorted(self.forbidden, keys)
        at = np.minimum(at, len(self.forbidden) - 1)
        return self.forbidden[at] != keys

    def grid(self, rows: np.ndarray | slice, cols: np.ndarray | slice) -> np.ndarray:
        """Language and time constraints for every pair of the given mentors × mentees
        (forbidden pairs are left to the exact check)."""
        ok = np.bitwise_count(self.mentors.slots[rows, None] & self.mentees.slots[None, cols])
        ok = ok >= self.rules.min_shared_slots
        if self.rules.require_common_language:
            ok &= (self.mentors.languages[rows, None] & self.mentees.languages[None, cols]) != 0
        return ok

    def __call__(self, mi: np.ndarray, mj: np.ndarray) -> np.ndarray:
        return self.common_language(mi, mj) & self.shared_slots(mi, mj) & self.allowed(mi, mj)
