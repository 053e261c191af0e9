"""A run's settings as the engine's rules, and a pair as it is proposed: its shown score and
explanation, with the private criteria kept apart. Shared by executing a run and by review."""

from __future__ import annotations

from typing import Any

from amplify.core.matching.explain import explain
from amplify.core.matching.profiles import Criterion, Objective, Profile, Rules
from amplify.matching.models import MatchingRun, ProposedPair


def rules_for(run: MatchingRun) -> Rules:
    return Rules(
        weights={Criterion(k): int(v) for k, v in run.weights.items()},
        objective=Objective(run.objective),
        required_training_hours=float(run.required_training_hours),
        min_shared_slots=run.min_shared_slots,
    )


# Criteria whose explanation tells of someone's diversity data: kept apart from the rest.
PRIVATE_CRITERIA = (Criterion.BACKGROUND,)


def _breakdown(mentor: Profile, mentee: Profile, rules: Rules) -> list[dict[str, Any]]:
    """Each criterion's contribution, the largest first: that is the explanation people read."""
    rows = [
        {
            "criterion": c.criterion.value,
            "label": c.label,
            "points": c.points,
            "weight": c.weight,
            "score": c.score,
            # The facts, put in words when read (explanations.describe); `label` is the
            # criterion's msgid. No English sentence is stored.
            "facts": c.facts,
        }
        for c in explain(mentor, mentee, rules)
    ]
    return sorted(rows, key=lambda row: -row["score"])


def proposal_for(
    run: MatchingRun, mentor: Profile, mentee: Profile, rules: Rules, *, locked: bool
) -> ProposedPair:
    """A proposed pair whose shown score and explanation leave out the private criteria."""
    rows = _breakdown(mentor, mentee, rules)
    private = {c.value for c in PRIVATE_CRITERIA}
    shown = [r for r in rows if r["criterion"] not in private]
    hidden = [r for r in rows if r["criterion"] in private]
    return ProposedPair(
        run=run,
        mentor_id=int(mentor.key),
        mentee_id=int(mentee.key),
        score=sum(r["score"] for r in shown),
        breakdown=shown,
        private_score=sum(r["score"] for r in hidden),
        private_breakdown=hidden,
        locked=locked,
    )
