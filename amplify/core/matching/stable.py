"""Mentee-optimal stable matching with mentor capacities (the hospitals/residents form of
Gale–Shapley): mentees propose in order of preference, mentors keep the best proposals that
fit their places. No mentee and mentor would both rather be together than with whom they
got, and no stable matching is better for any mentee."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence


def stable_match(
    mentee_prefs: Mapping[str, Sequence[str]],
    mentor_prefs: Mapping[str, Sequence[str]],
    capacity: Mapping[str, int],
) -> dict[str, str]:
    """Mentee -> mentor. A pair is acceptable only if each lists the other; lists are best
    first. Mentors missing from `capacity` take one mentee."""
    rank = {r: {e: k for k, e in enumerate(prefs)} for r, prefs in mentor_prefs.items()}
    held: dict[str, list[str]] = {r: [] for r in mentor_prefs}
    following = dict.fromkeys(mentee_prefs, 0)
    free = deque(sorted(mentee_prefs))
    match: dict[str, str] = {}
    while free:
        mentee = free.popleft()
        prefs = mentee_prefs[mentee]
        while following[mentee] < len(prefs):
            mentor = prefs[following[mentee]]
            following[mentee] += 1
            ranks = rank.get(mentor)
            if ranks is None or mentee not in ranks:
                continue  # the mentor did not list her: not acceptable
            places = capacity.get(mentor, 1)
            if places <= 0:
                continue
            mine = held[mentor]
            if len(mine) < places:
                mine.append(mentee)
                match[mentee] = mentor
                break
            worst = max(mine, key=ranks.__getitem__)
            if ranks[mentee] < ranks[worst]:
                mine.remove(worst)
                mine.append(mentee)
                del match[worst]
                match[mentee] = mentor
                free.append(worst)
                break
    return match


def blocking_pairs(
    match: Mapping[str, str],
    mentee_prefs: Mapping[str, Sequence[str]],
    mentor_prefs: Mapping[str, Sequence[str]],
    capacity: Mapping[str, int],
) -> list[tuple[str, str]]:
    """(mentor, mentee) pairs who would both rather be together: empty when stable."""
    rank = {r: {e: k for k, e in enumerate(prefs)} for r, prefs in mentor_prefs.items()}
    load: dict[str, list[str]] = {}
    for mentee, mentor in match.items():
        load.setdefault(mentor, []).append(mentee)
    out = []
    for mentee, prefs in mentee_prefs.items():
        current = match.get(mentee)
        for mentor in prefs:
            if mentor == current:
                break  # every later mentor she likes less
            ranks = rank.get(mentor, {})
            if mentee not in ranks or capacity.get(mentor, 1) <= 0:
                continue
            mine = load.get(mentor, [])
            if len(mine) < capacity.get(mentor, 1) or any(ranks[mentee] < ranks[e] for e in mine):
                out.append((mentor, mentee))
    return out
