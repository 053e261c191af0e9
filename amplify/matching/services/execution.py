"""Executing a queued matching run: the engine on the run's snapshot, then its proposals,
proof and fairness report stored."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from amplify.core.matching import engine
from amplify.core.matching.fairness import Cell, report
from amplify.core.matching.preferences import Rankings, Used
from amplify.core.matching.profiles import Profile, Rules
from amplify.diversity.consented import consented_groupings
from amplify.matching import inputs
from amplify.matching.models import MatchingRun, ProposedPair, RunStatus
from amplify.matching.services._lifecycle import executing, run_progress
from amplify.matching.services.proposals import proposal_for, rules_for
from amplify.operations import heartbeat
from amplify.people.models import Person

Progress = Callable[[str, float], None]


def _progress(run: MatchingRun) -> Progress:
    last = {"at": -1}

    def report_(stage: str, share: float) -> None:
        percent = int(share * 100)
        if percent != last["at"]:
            last["at"] = percent
            run_progress(run, stage=stage, percent=percent)

    return report_


def matching_run_execute(*, run: MatchingRun) -> MatchingRun:
    """Run the engine on the run's snapshot and store the proposals, proof and report."""
    # The engine computes outside any transaction (its progress is seen at once); _store
    # writes the result in one.
    with executing(run, stage=gettext_noop("Starting"), atomic=False):
        mentors = [inputs.from_json(p) for p in run.inputs["mentors"]]
        mentees = [inputs.from_json(p) for p in run.inputs["mentees"]]
        rules = rules_for(run)
        locked = [tuple(p) for p in run.inputs["locked"]]
        excluded = [tuple(p) for p in run.inputs["excluded"]]
        if run.mode == MatchingRun.Mode.STABLE:
            given = run.inputs.get("rankings") or {}
            rankings = Rankings(mentees=given.get("mentees", {}), mentors=given.get("mentors", {}))
            result = engine.match_stable(
                mentors, mentees, rules, locked=locked, excluded=excluded, rankings=rankings
            )
        else:
            result = engine.match(
                mentors,
                mentees,
                rules,
                locked=locked,
                excluded=excluded,
                progress=_progress(run),
                buffer_bytes=settings.AMPLIFY_MATCHING_PAIR_BUFFER_BYTES,
            )
        _store(run, result, mentors, mentees, rules)
    return run


@transaction.atomic
def _store(
    run: MatchingRun,
    result: engine.Result,
    mentors: list[Profile],
    mentees: list[Profile],
    rules: Rules,
) -> None:
    heartbeat.hold(run)  # still this worker's run: else nothing of this is saved
    by_mentor = {p.key: p for p in mentors}
    by_mentee = {p.key: p for p in mentees}
    ProposedPair.objects.filter(run=run).delete()
    proposals = [
        proposal_for(run, by_mentor[m.mentor], by_mentee[m.mentee], rules, locked=m.locked)
        for m in result.matches
    ]
    ProposedPair.objects.bulk_create(proposals)
    # Every figure a manager reads is of the scores she sees: an engine score beside them
    # would give away each pair's private points.
    shown = {p.mentee_id: p.score for p in proposals}
    result = replace(
        result, matches=[replace(m, score=shown[int(m.mentee)]) for m in result.matches]
    )
    people = Person.objects.filter(pk__in=[int(p.key) for p in mentees]).select_related("country")
    fairness = report(
        result,
        [p.key for p in mentees],
        {
            "country": {str(p.pk): p.country.name if p.country else None for p in people},
            "aspired_division": {p.key: p.division for p in mentees},
            **consented_groupings([p.pk for p in people]),
        },
    )
    run.result = {
        "proof": {
            "optimal": result.proof.optimal,
            "method": result.proof.method,
            "text": result.proof.describe(),  # English, for runs read before translation
            "msgid": result.proof.statement()[0],
            "params": result.proof.statement()[1],
            "gap": result.proof.gap,
            "rounds": result.proof.rounds,
            "candidates": result.proof.candidate_pairs,
            "priced": result.proof.priced_pairs,
        },
        **({"preferences": _preferences(result.preferences)} if result.preferences else {}),
        "timings": {k: round(v, 3) for k, v in result.timings.items()},
        "unmatched": result.unmatched,
        "excluded_mentors": result.excluded_mentors,
        "fairness": {
            "quantiles": fairness.quantiles,
            "mean": fairness.mean,
            "worst_off": list(fairness.worst_off) if fairness.worst_off else None,
            "unmatched_by_reason": fairness.unmatched_by_reason,
            "groups": {name: _shown_cells(cells) for name, cells in fairness.groups.items()},
        },
    }
    run.matched_count = len(result.matches)
    run.total_score = result.total_score
    run.certified = result.proof.optimal
    run.status, run.stage, run.progress = RunStatus.READY, "", 100
    run.finished_at = timezone.now()
    run.save()


def _preferences(used: Used) -> dict[str, Any]:
    """Which preferences a stable run used, as stored: the source and a translatable line."""
    msgid, params = used.statement()
    return {
        "source": used.source,
        "msgid": msgid,
        "params": params,
        "text": used.describe(),  # English, as the proof's
        "mentees_ranked": used.mentees_ranked,
        "mentors_ranked": used.mentors_ranked,
    }


def _shown_cells(cells: list[Cell]) -> list[dict[str, Any]]:
    """A grouping's cells as stored: a group of fewer than five keeps neither its name nor its
    place, only that it exists (a name such as "Non-binary" beside a hidden count would still
    say that one to four such people are in the cohort)."""
    shown = [cell.__dict__ for cell in cells if cell.people is not None]
    hidden = [{"value": None, "people": None} for cell in cells if cell.people is None]
    return shown + hidden
