"""Writes for matching: profiles, a cohort's pair rules, runs from draft to published."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from amplify.accounts.models import User
from amplify.core.matching import engine
from amplify.core.matching.explain import explain
from amplify.core.matching.fairness import Cell, report
from amplify.core.matching.preferences import Rankings, Used
from amplify.core.matching.profiles import (
    MAX_CAPACITY,
    MAX_TAGS,
    MAX_WEIGHT,
    Criterion,
    Objective,
    Profile,
    Rules,
)
from amplify.home.concurrency import check_version
from amplify.matching import inputs
from amplify.matching.announcements import pairs_announce
from amplify.matching.criteria import LABELS
from amplify.matching.explanations import EXCLUDED_BY_MANAGER, Explanation, explanation_for
from amplify.matching.inputs import MENTOR_CAPACITY
from amplify.matching.models import (
    MatchingRun,
    MatchProfile,
    PairRule,
    ProposedPair,
    RunStatus,
)
from amplify.matching.ranking import rankings_snapshot
from amplify.matching.running import executing, run_discard, run_lock_ready, run_progress
from amplify.matching.vocabulary import TAGS, JobFamily
from amplify.mentoring.services import relationship_start
from amplify.operations import heartbeat
from amplify.people.models import Division, Person
from amplify.programmes.models import Cohort, Enrolment, Pairing, PairingQuerySet, Programme
from amplify.programmes.services import cohort_lock, pairing_create

Progress = Callable[[str, float], None]


# ---------- Matching profiles ----------


# What the profile form and `PUT /api/me/match-profile` change: their version covers these.
PROFILE_FIELDS = (
    "tags",
    "job_family",
    "aspired_division",
    "seniority",
    "availability",
    "meeting_format",
    "capacity",
)


@transaction.atomic
def match_profile_save(
    *,
    person: Person,
    changed_by: Any,
    tags: list[str],
    version: str | None = None,
    job_family: str = "",
    aspired_division: Division | None = None,
    seniority: int = 2,
    availability: list[int] | None = None,
    meeting_format: str = MatchProfile.Format.EITHER,
    capacity: int = 1,
    share_background_match_with_mentee: bool = False,
) -> MatchProfile:
    errors: dict[str, str] = {}
    tags = list(dict.fromkeys(t.strip() for t in tags if t.strip()))
    unknown = [t for t in tags if t not in TAGS]
    if unknown:
        errors["tags"] = _("Unknown interests: %(items)s.") % {"items": ", ".join(unknown)}
    elif len(tags) > MAX_TAGS:
        errors["tags"] = _("Choose at most %(most)s interests or skills.") % {"most": MAX_TAGS}
    if job_family and job_family not in JobFamily.values:
        errors["job_family"] = _("Unknown job family “%(job_family)s”.") % {
            "job_family": job_family
        }
    slots = sorted({int(s) for s in availability or []})
    if any(not 0 <= s < 21 for s in slots):
        errors["availability"] = _("Weekly slots are numbered 0 to 20.")
    elif len(slots) > 10:
        errors["availability"] = _("Choose at most 10 weekly slots.")
    if not 0 <= seniority <= 6:
        errors["seniority"] = _("Seniority is 0 to 6.")
    if not 1 <= capacity <= MAX_CAPACITY:
        errors["capacity"] = _(
            "Take 1 to %(most)s people (a mentor in a mentoring programme takes at "
            "most %(mentor_most)s)."
        ) % {"most": MAX_CAPACITY, "mentor_most": MENTOR_CAPACITY}
    if meeting_format not in MatchProfile.Format.values:
        errors["meeting_format"] = _("Choose in person or online.")
    if errors:
        raise ValidationError(errors)
    # The person's row, locked, queues two saves of her profile (two tabs, say) so the
    # second compares its version with what the first saved.
    Person.objects.select_for_update(no_key=True).filter(pk=person.pk).first()
    check_version(
        MatchProfile.objects.filter(person=person).first(),
        fields=PROFILE_FIELDS,
        expected=version,
    )
    profile, _created = MatchProfile.objects.get_or_create(person=person)
    profile.tags, profile.job_family, profile.aspired_division = tags, job_family, aspired_division
    profile.seniority, profile.availability = seniority, slots
    profile.meeting_format, profile.capacity = meeting_format, capacity
    profile.share_background_match_with_mentee = bool(share_background_match_with_mentee)
    profile._history_user = changed_by  # type: ignore[attr-defined]
    profile.save()
    return profile


# ---------- A cohort's rules about pairs ----------


def _kind_for(cohort: Cohort) -> str:
    return (
        MatchingRun.Kind.MENTORING
        if cohort.programme.kind == Programme.Kind.MENTORING
        else MatchingRun.Kind.COACHING
    )


def _check_roles(cohort: Cohort, mentor: Person, mentee: Person) -> None:
    kind = MatchingRun.Kind(_kind_for(cohort))
    active = Enrolment.objects.active().filter(cohort=cohort)
    if not active.filter(person=mentor, role=inputs.GIVERS[kind]).exists():
        raise ValidationError(
            {
                "mentor": _("%(person)s is not an active %(role)s here.")
                % {"person": mentor, "role": str(Enrolment.Role(inputs.GIVERS[kind]).label).lower()}
            }
        )
    if not active.filter(person=mentee, role=inputs.TAKERS[kind]).exists():
        raise ValidationError(
            {
                "mentee": _("%(person)s is not an active %(role)s here.")
                % {"person": mentee, "role": str(Enrolment.Role(inputs.TAKERS[kind]).label).lower()}
            }
        )


@transaction.atomic
def pair_rule_set(
    *, cohort: Cohort, mentor: Person, mentee: Person, kind: str, created_by: Any, note: str = ""
) -> PairRule:
    """Always (lock) or never (exclude) pair these two in this cohort's runs."""
    if kind not in PairRule.Kind.values:
        raise ValidationError({"kind": _("Choose “lock” or “exclude”.")})
    # Locked, so that two managers cannot lock one mentee to two mentors at once.
    cohort = cohort_lock(cohort)
    _check_roles(cohort, mentor, mentee)
    if kind == PairRule.Kind.LOCK:
        taken = PairRule.objects.filter(
            cohort=cohort, mentee=mentee, kind=PairRule.Kind.LOCK
        ).exclude(mentor=mentor)
        holder = taken.select_related("mentor").first()
        if holder is not None:
            raise ValidationError(
                {
                    "mentee": _("%(mentee)s is already locked to %(mentor)s.")
                    % {"mentee": mentee, "mentor": holder.mentor}
                }
            )
    rule, _created = PairRule.objects.update_or_create(
        cohort=cohort,
        mentor=mentor,
        mentee=mentee,
        defaults={"kind": kind, "note": note[:200], "created_by": created_by},
    )
    return rule


def pair_rule_remove(*, rule: PairRule) -> None:
    rule.delete()


# ---------- Runs ----------


def rules_for(run: MatchingRun) -> Rules:
    return Rules(
        weights={Criterion(k): int(v) for k, v in run.weights.items()},
        objective=Objective(run.objective),
        required_training_hours=float(run.required_training_hours),
        min_shared_slots=run.min_shared_slots,
    )


def _clean_weights(weights: dict[str, Any]) -> dict[str, int]:
    out = {}
    for criterion in Criterion:
        value = weights.get(criterion.value, 0)
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValidationError(
                {
                    "weights": _("The weight of “%(criterion)s” must be a whole number.")
                    % {"criterion": LABELS[criterion]}
                }
            ) from None
        if not 0 <= number <= MAX_WEIGHT:
            raise ValidationError(
                {
                    "weights": _("The weight of “%(criterion)s” must be 0 to %(most)s.")
                    % {"criterion": LABELS[criterion], "most": MAX_WEIGHT}
                }
            )
        out[criterion.value] = number
    if not any(out.values()):
        raise ValidationError({"weights": _("Give at least one criterion a weight.")})
    return out


@transaction.atomic
def matching_run_start(
    *,
    cohort: Cohort,
    created_by: Any,
    weights: dict[str, Any],
    mode: str = "optimal",
    objective: str = Objective.MOST_MATCHED,
    required_training_hours: Decimal | float | None = None,
    min_shared_slots: int = 1,
    parent: MatchingRun | None = None,
    rematch: bool | None = None,
    queue: bool = True,
) -> MatchingRun:
    """Snapshot the cohort's people and rules and queue the run for a worker (or leave it
    to the caller, with queue=False, to execute in the same transaction).

    A cohort's published pairs are kept (see matching_run_publish), so a run in a cohort
    that has some is a rematch: `rematch=None` makes it one when there are published pairs,
    and `rematch=False` is refused then, now rather than after the run has been reviewed."""
    # Locked, so that two runs started at once get the next two numbers.
    cohort = cohort_lock(cohort)
    if cohort.status == Cohort.Status.CLOSED:
        raise ValidationError(_("This cohort is closed."))
    if mode not in MatchingRun.Mode.values:
        raise ValidationError({"mode": _("Choose optimal or stable.")})
    if objective not in Objective.__members__.values():
        raise ValidationError({"objective": _("Choose “most matched” or “best score”.")})
    if not 1 <= int(min_shared_slots) <= 10:
        raise ValidationError({"min_shared_slots": _("Shared weekly slots must be 1 to 10.")})
    kind = _kind_for(cohort)
    hours = (
        Decimal(str(required_training_hours))
        if required_training_hours is not None
        else (Decimal(10) if kind == MatchingRun.Kind.MENTORING else Decimal(0))
    )
    if not 0 <= hours <= 100:
        raise ValidationError({"required_training_hours": _("Training hours must be 0 to 100.")})
    mentors, mentees, names = inputs.profiles(cohort, kind)
    if not mentors or not mentees:
        who = MatchingRun.Kind(kind).label.lower()
        raise ValidationError(
            _("This cohort needs active %(who)s before it can be matched.") % {"who": who}
        )
    rules = PairRule.objects.filter(cohort=cohort)
    locked = [[str(r.mentor_id), str(r.mentee_id)] for r in rules if r.kind == PairRule.Kind.LOCK]
    excluded = [
        [str(r.mentor_id), str(r.mentee_id)] for r in rules if r.kind == PairRule.Kind.EXCLUDE
    ]
    current = list(published_pairs(cohort, kind))
    if rematch is None:
        rematch = bool(current)
    elif current and not rematch:
        raise ValidationError(
            ngettext(
                "This cohort has %(n)d published pair, which a new run would undo. Start a "
                "rematch instead: it keeps the published pair and matches the people left "
                "without one.",
                "This cohort has %(n)d published pairs, which a new run would undo. Start a "
                "rematch instead: it keeps the published pairs and matches the people left "
                "without one.",
                len(current),
            )
            % {"n": len(current)}
        )
    if rematch:
        # Keep every published pair as it is; match only the people left without one.
        locked = [[str(p.mentor_id), str(p.mentee_id)] for p in current]
    keys = {p.key for p in mentors} | {p.key for p in mentees}
    locked = [pair for pair in locked if pair[0] in keys and pair[1] in keys]
    number = (cohort.matching_runs.aggregate(n=Max("number"))["n"] or 0) + 1
    run = MatchingRun.objects.create(
        cohort=cohort,
        number=number,
        kind=kind,
        mode=mode,
        objective=objective,
        weights=_clean_weights(weights),
        required_training_hours=hours,
        min_shared_slots=int(min_shared_slots),
        parent=parent,
        is_rematch=rematch,
        created_by=created_by,
        mentee_count=len(mentees),
        inputs={
            "mentors": [inputs.to_json(p) for p in mentors],
            "mentees": [inputs.to_json(p) for p in mentees],
            "locked": locked,
            "excluded": excluded,
            "names": names,
            # The stable mode's real rankings (amplify.matching.ranking), as they were now.
            **({"rankings": rankings_snapshot(cohort)} if mode == MatchingRun.Mode.STABLE else {}),
        },
    )
    if queue:
        from amplify.matching.tasks import execute_matching_run

        transaction.on_commit(lambda: execute_matching_run.enqueue(run.pk))
    return run


def published_pairs(cohort: Cohort, kind: str) -> PairingQuerySet:
    """The cohort's pairs of this kind that are not ended: every run must keep them."""
    return Pairing.objects.active().filter(cohort=cohort, kind=kind)


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
                mentors, mentees, rules, locked=locked, excluded=excluded, progress=_progress(run)
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
        _proposal(run, by_mentor[m.mentor], by_mentee[m.mentee], rules, locked=m.locked)
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
            **inputs.consented_groupings([p.pk for p in people]),
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


def _proposal(
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
def proposed_pair_lock(*, pair: ProposedPair, locked: bool, changed_by: Any) -> ProposedPair:
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
def proposed_pair_exclude(*, pair: ProposedPair, changed_by: Any) -> None:
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
def proposed_pairs_swap(*, first: ProposedPair, second: ProposedPair, changed_by: Any) -> None:
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
    excluded = {tuple(p) for p in run.inputs["excluded"]}
    for mentor, mentee in ((a_mentor, b_mentee), (b_mentor, a_mentee)):
        problem = _infeasible(mentor, mentee, rules, excluded)
        if problem:
            raise ValidationError(
                _("%(mentor)s and %(mentee)s cannot be paired: %(problem)s.")
                % {
                    "mentor": run.inputs["names"][mentor.key],
                    "mentee": run.inputs["names"][mentee.key],
                    "problem": problem,
                }
            )
    old = first.score + second.score
    swapped = [
        _proposal(run, mentor, mentee, rules, locked=True)
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


def _infeasible(
    mentor: Profile, mentee: Profile, rules: Rules, excluded: set[tuple[str, ...]]
) -> str | None:
    if not set(mentor.languages) & set(mentee.languages):
        return "no common language"
    if len(mentor.slots & mentee.slots) < rules.min_shared_slots:
        return "no shared free time"
    if mentor.key in mentee.managers:
        return "the mentor is in her reporting line"
    if (mentor.key, mentee.key) in excluded:
        return "they are marked never to be paired"
    if not rules.trained(mentor):
        return "the mentor has not completed the required training"
    return None


def matching_run_rerun(*, run: MatchingRun, created_by: Any) -> MatchingRun:
    """The same settings on today's profiles and rules (including locks added in review);
    a rematch if pairs have been published since."""
    return matching_run_start(
        cohort=run.cohort,
        created_by=created_by,
        weights=run.weights,
        mode=run.mode,
        objective=run.objective,
        required_training_hours=run.required_training_hours,
        min_shared_slots=run.min_shared_slots,
        parent=run,
        rematch=True if run.is_rematch else None,
    )


def matching_run_discard(*, run: MatchingRun, changed_by: Any) -> MatchingRun:
    return run_discard(
        run, changed_by=changed_by, published_error=_("A published run cannot be discarded.")
    )


@transaction.atomic
def matching_run_publish(
    *,
    run: MatchingRun,
    published_by: Any,
    now: datetime | None = None,
    notify: bool = True,
    undelivered: list[str] | None = None,
) -> list[Pairing]:
    """Create the pairs and tell both people (unless notify is off, for recording history).
    The emails go once the pairs are committed, or when the cohort moves on if it does not
    announce pairs yet (amplify.matching.announcements); the name of everyone whose email
    could not be sent is appended to `undelivered`, for the caller to show (failures are
    logged too).
    A cohort's published pairs are kept: a run can be published over them only if it keeps
    them (a rematch does)."""
    # The cohort first, as every path that changes runs: two runs of one cohort published
    # at once queue here (the second then finds itself discarded) instead of deadlocking.
    run = run_lock_ready(
        run, refusal=_("Only a run ready for review can be published (this one is “%(status)s”).")
    )
    now = now or timezone.now()
    current = {(p.mentor_id, p.mentee_id): p for p in published_pairs(run.cohort, run.kind)}
    proposals = list(run.pairs.select_related("mentor", "mentee"))
    proposed = {(p.mentor_id, p.mentee_id) for p in proposals}
    dropped = set(current) - proposed
    # Refused when the run starts (matching_run_start); pairs made by hand since can still
    # be in the way here.
    if dropped:
        raise ValidationError(
            ngettext(
                "This run would undo %(count)d published pair; start a rematch, which keeps "
                "it, instead.",
                "This run would undo %(count)d published pairs; start a rematch, which keeps "
                "them, instead.",
                len(dropped),
            )
            % {"count": len(dropped)}
        )
    created, announced = [], []
    for proposal in proposals:
        if (proposal.mentor_id, proposal.mentee_id) in current:
            continue  # kept from before: its own run's proposal still explains it
        proposal.pairing = pairing_create(
            cohort=run.cohort,
            kind=run.kind,
            mentor=proposal.mentor,
            mentee=proposal.mentee,
            started_on=now.date(),
            created_by=published_by,
        )
        proposal.save(update_fields=["pairing"])
        if run.kind == Pairing.Kind.MENTORING:
            relationship_start(pairing=proposal.pairing)  # both are asked to accept the agreement
        created.append(proposal.pairing)
        announced.append(proposal)
    if notify:
        pairs_announce(cohort=run.cohort, proposals=announced, undelivered=undelivered)
    run.status, run.published_by, run.published_at = RunStatus.PUBLISHED, published_by, now
    run._history_user = published_by  # type: ignore[attr-defined]
    run.save()
    MatchingRun.objects.filter(cohort=run.cohort, kind=run.kind, status=RunStatus.READY).exclude(
        pk=run.pk
    ).update(status=RunStatus.DISCARDED)
    return created


def my_matches(user: User) -> list[Explanation]:
    """The published proposals behind the user's current pairs (not those of a closed
    cohort), each explained as she may read it."""
    # Her person's id as a subquery, so the database finds her pairs by the mentor and
    # mentee indexes; `mentor__user=user` joined people and scanned every published pair.
    me = Subquery(Person.objects.filter(user=user).values("pk")[:1])
    pairs = (
        ProposedPair.objects.for_user(user)
        .filter(run__status=RunStatus.PUBLISHED, pairing__in=Pairing.objects.current())
        .filter(Q(mentor_id=me) | Q(mentee_id=me))
        .select_related("mentor__match_profile", "mentee", "run__cohort")
    )
    return [explanation_for(pair, user) for pair in pairs]
