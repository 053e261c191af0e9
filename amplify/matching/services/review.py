"""Writes for reviewing a run before it is published: lock, exclude and swap its pairs."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from amplify.accounts.types import Actor
from amplify.core.matching.feasible import why_not
from amplify.core.matching.reasons import Reason
from amplify.matching import inputs
from amplify.matching.explanations import EXCLUDED_BY_MANAGER
from amplify.matching.models import MatchingRun, PairRule, ProposedPair
from amplify.matching.services._lifecycle import run_lock_ready
from amplify.matching.services.pairrules import pair_rule_set
from amplify.matching.services.proposals import proposal_for, rules_for
from amplify.people.models import Person

# Why a swap is refused, for each rule the core's why_not names (as review has always said it).
INFEASIBLE = {
    Reason.LANGUAGE: "no common language",
    Reason.TIME: "no shared free time",
    Reason.REPORTING_LINE: "the mentor is in her reporting line",
    Reason.EXCLUDED: "they are marked never to be paired",
    Reason.TRAINING: "the mentor has not completed the required training",
}


def _editable(run: MatchingRun) -> MatchingRun:
    """The run, locked for this transaction (its cohort first), if it may still be changed."""
    return run_lock_ready(
        run, refusal=_("Only a run ready for review can be changed (this one is “%(status)s”).")
    )


def _current(run: MatchingRun, *pairs: ProposedPair) -> list[ProposedPair]:
    """The pairs as they are now, locked (after their run): another manager may have
    swapped or excluded them since the page was shown."""
    found = (
        ProposedPair.objects.select_for_update(of=("self",))
        .select_related("mentor", "mentee")
        .filter(run=run)
        .in_bulk([p.pk for p in pairs])
    )
    if len(found) != len({p.pk for p in pairs}):
        raise ValidationError(
            _(
                "These pairs were changed by someone else since you opened the page; "
                "reload it to see them as they are now."
            )
        )
    return [found[p.pk] for p in pairs]


@transaction.atomic
def proposed_pair_lock(*, pair: ProposedPair, locked: bool, changed_by: Actor) -> ProposedPair:
    """Keep this pair in every re-run (or stop keeping it)."""
    run = _editable(pair.run)
    (pair,) = _current(run, pair)
    pair.locked = locked
    pair.save(update_fields=["locked"])
    if locked:
        pair_rule_set(
            cohort=run.cohort,
            mentor=pair.mentor,
            mentee=pair.mentee,
            kind=PairRule.Kind.LOCK,
            created_by=changed_by,
        )
    else:
        PairRule.objects.filter(
            cohort=run.cohort, mentor=pair.mentor, mentee=pair.mentee, kind=PairRule.Kind.LOCK
        ).delete()
    return pair


@transaction.atomic
def proposed_pair_exclude(*, pair: ProposedPair, changed_by: Actor) -> None:
    """Never pair these two: recorded for future runs, and the pair leaves this run."""
    run = _editable(pair.run)
    (pair,) = _current(run, pair)
    pair_rule_set(
        cohort=run.cohort,
        mentor=pair.mentor,
        mentee=pair.mentee,
        kind=PairRule.Kind.EXCLUDE,
        created_by=changed_by,
        note=f"Excluded from run {run.number}",
    )
    _remove(run, pair)


def _remove(run: MatchingRun, pair: ProposedPair) -> None:
    run.result.setdefault("unmatched", {})[str(pair.mentee_id)] = EXCLUDED_BY_MANAGER
    run.total_score -= pair.score
    run.matched_count -= 1
    run.edited = True
    run.certified = False
    pair.delete()
    run.save()


@transaction.atomic
def proposed_pairs_swap(*, first: ProposedPair, second: ProposedPair, changed_by: Actor) -> None:
    """Swap the mentees of two pairs of the same run; both new pairs are locked."""
    run = _editable(first.run)
    if second.run_id != run.pk or first.pk == second.pk:
        raise ValidationError(_("Choose two different pairs of this run."))
    first, second = _current(run, first, second)
    mentors = {p["key"]: inputs.from_json(p) for p in run.inputs["mentors"]}
    mentees = {p["key"]: inputs.from_json(p) for p in run.inputs["mentees"]}
    rules = rules_for(run)
    a_mentor, b_mentor = mentors[str(first.mentor_id)], mentors[str(second.mentor_id)]
    a_mentee, b_mentee = mentees[str(first.mentee_id)], mentees[str(second.mentee_id)]
    excluded = {(str(p[0]), str(p[1])) for p in run.inputs["excluded"]}
    for mentor, mentee in ((a_mentor, b_mentee), (b_mentor, a_mentee)):
        problem = why_not(mentor, mentee, rules, never=excluded)
        if problem is not None:
            raise ValidationError(
                _("%(mentor)s and %(mentee)s cannot be paired: %(problem)s.")
                % {
                    "mentor": run.inputs["names"][mentor.key],
                    "mentee": run.inputs["names"][mentee.key],
                    "problem": INFEASIBLE[problem],
                }
            )
    old = first.score + second.score
    swapped = [
        proposal_for(run, mentor, mentee, rules, locked=True)
        for mentor, mentee in ((a_mentor, b_mentee), (b_mentor, a_mentee))
    ]
    ProposedPair.objects.filter(pk__in=[first.pk, second.pk]).delete()
    ProposedPair.objects.bulk_create(swapped)
    run.total_score += sum(p.score for p in swapped) - old
    run.edited, run.certified = True, False
    run.save()
    people = Person.objects.in_bulk([p.mentor_id for p in swapped] + [p.mentee_id for p in swapped])
    # The swap replaces any lock either mentee had to her old mentor.
    PairRule.objects.filter(
        cohort=run.cohort, kind=PairRule.Kind.LOCK, mentee_id__in=[p.mentee_id for p in swapped]
    ).delete()
    for pair in swapped:
        pair_rule_set(
            cohort=run.cohort,
            mentor=people[pair.mentor_id],
            mentee=people[pair.mentee_id],
            kind=PairRule.Kind.LOCK,
            created_by=changed_by,
        )
