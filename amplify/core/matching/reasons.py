"""Why a mentee is left unmatched: the real cause, named.

Every mentor of the run is considered, those set aside (untrained, or full with locked
mentees) included, and the rules are applied one at a time, those about this mentee first:
a shared language, shared free time, her reporting line, the pairs marked never to be made,
then the mentors' training and their free places. The reason is the first rule after which
no mentor is left. If some mentor passes them all, the places went to mentees who fitted
better. A mentee told "no free place" when every mentor lacked the training would be told
the wrong thing to fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from amplify.core.matching.profiles import Profile, Rules


class Reason:
    """The codes runs store (what each says is the app's, in the reader's language:
    amplify.matching.explanations.REASONS). Mentor codes say why a mentor was set aside;
    the others why a mentee is unmatched."""

    # A mentee
    NO_MENTORS = "no_mentors"
    LANGUAGE = "language"
    TIME = "time"
    REPORTING_LINE = "reporting_line"
    EXCLUDED = "excluded"
    UNTRAINED = "untrained_mentors"
    FULL = "full_mentors"
    PLACES_TAKEN = "places_taken"
    # A mentor
    TRAINING = "training"
    NO_PLACES = "no_places"


def unmatched_reasons(
    mentors: Sequence[Profile],
    unmatched: Sequence[Profile],
    rules: Rules,
    *,
    set_aside: Mapping[str, str],
    places: Mapping[str, int],
    excluded: Iterable[tuple[str, str]] = (),
    had_option: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """The reason code of each unmatched mentee. `set_aside` is the run's mentors set aside
    (key -> TRAINING or NO_PLACES); `places` each mentor's places left once locked pairs
    took theirs; `had_option` the mentees who had a possible mentor with a free place in the
    solve (so their places were taken: nothing to work out)."""
    out: dict[str, str] = {}
    if not unmatched:
        return out
    if not mentors:
        return {p.key: Reason.NO_MENTORS for p in unmatched}
    row = {p.key: i for i, p in enumerate(mentors)}
    spoken = sorted({x for p in mentors for x in p.languages})
    languages = {lang: i for i, lang in enumerate(spoken)}
    speaks = np.zeros((len(mentors), max(len(languages), 1)), dtype=bool)
    for i, p in enumerate(mentors):
        speaks[i, [languages[x] for x in p.languages]] = True
    slots = np.array([_mask(p.slots) for p in mentors], dtype=np.int64)
    trained = np.array([set_aside.get(p.key) != Reason.TRAINING for p in mentors])
    has_place = np.array([places.get(p.key, 0) > 0 for p in mentors])
    never: dict[str, list[int]] = {}
    for mentor_key, mentee_key in excluded:
        if mentor_key in row:
            never.setdefault(mentee_key, []).append(row[mentor_key])
    for mentee in unmatched:
        if mentee.key in had_option:
            out[mentee.key] = Reason.PLACES_TAKEN
            continue
        if rules.require_common_language:
            shared = [languages[x] for x in mentee.languages if x in languages]
            left = speaks[:, shared].any(axis=1)
        else:
            left = np.ones(len(mentors), dtype=bool)
        line = np.zeros(len(mentors), dtype=bool)
        line[[row[k] for k in mentee.managers if k in row]] = True
        marked = np.zeros(len(mentors), dtype=bool)
        marked[never.get(mentee.key, [])] = True
        overlap = np.bitwise_count(slots & _mask(mentee.slots)) >= rules.min_shared_slots
        out[mentee.key] = Reason.PLACES_TAKEN
        for keep, reason in (
            (left, Reason.LANGUAGE),
            (overlap, Reason.TIME),
            (~line, Reason.REPORTING_LINE),
            (~marked, Reason.EXCLUDED),
            (trained, Reason.UNTRAINED),
            (has_place, Reason.FULL),
        ):
            left = left & keep
            if not left.any():
                out[mentee.key] = reason
                break
    return out


def _mask(slots: Iterable[int]) -> int:
    return sum(1 << s for s in slots)
