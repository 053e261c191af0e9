""" "Why we matched you", as each person may read it.

A pair's stored score and explanation leave out the private criterion (the background a
mentee asked her mentor to share): said to the mentee, "shares the background you asked
for" tells her something of her mentor's background; said to the mentor, it tells her the
mentee's. So only the mentee reads it, and only if her mentor chose to let her
(MatchProfile.share_background_match_with_mentee). Everyone else, managers included, reads
the explanation without it, and is told that the match also counted private preferences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from amplify.accounts.models import User
from amplify.core.matching.reasons import Reason
from amplify.matching.models import ProposedPair

# Why someone is left out of a run, for each code the engine stores (and the one a
# manager's exclusion stores).
EXCLUDED_BY_MANAGER = "excluded_by_manager"
REASONS: dict[str, str | Promise] = {
    Reason.NO_MENTORS: _("There is no mentor in this run"),
    Reason.LANGUAGE: _("No mentor shares a language with this mentee"),
    Reason.TIME: _("No mentor who shares a language is free at the same time as this mentee"),
    Reason.REPORTING_LINE: _(
        "The only mentors free at the same time are in this mentee's reporting line"
    ),
    Reason.EXCLUDED: _("The only mentors left are marked never to be paired with this mentee"),
    Reason.UNTRAINED: _(
        "Every mentor who could take this mentee lacks the required mentor training"
    ),
    Reason.FULL: _("Every mentor who could take this mentee has no free place"),
    Reason.PLACES_TAKEN: _(
        "Every mentor who could take this mentee went to mentees who fit better"
    ),
    Reason.TRAINING: _("Has not completed the required mentor training"),
    Reason.NO_PLACES: _("Has no free places"),
    EXCLUDED_BY_MANAGER: _("Taken out of this run by a manager"),
}

PRIVATE_NOTE = _(
    "The match also counted private preferences; they are left out of what is shown here."
)


@dataclass(frozen=True)
class Explanation:
    pair: ProposedPair
    score: int
    breakdown: list[dict[str, Any]]
    private_left_out: bool  # the match counted preferences not shown (and not in the score)


def _mentor_agreed(pair: ProposedPair) -> bool:
    try:
        return bool(pair.mentor.match_profile.share_background_match_with_mentee)
    except ObjectDoesNotExist:
        return False


def explanation_for(pair: ProposedPair, user: User) -> Explanation:
    """The pair's score and explanation as `user` may read them."""
    if pair.private_breakdown and pair.mentee.user_id == user.pk and _mentor_agreed(pair):
        rows = sorted(pair.breakdown + pair.private_breakdown, key=lambda r: -r["score"])
        return Explanation(pair, pair.engine_score, rows, private_left_out=False)
    return Explanation(
        pair, pair.score, pair.breakdown, private_left_out=bool(pair.private_breakdown)
    )
