"""Writes for matching runs: start (with a rematch's defaults), rerun, discard, publish.

Executing a queued run is amplify.matching.services.execution; review, services.review."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amplify.accounts.types import Actor
from amplify.core.matching.profiles import (
    DEFAULT_WEIGHTS,
    MAX_SLOTS,
    MAX_WEIGHT,
    Criterion,
    Objective,
)
from amplify.matching import inputs, tasks
from amplify.matching.announcements import pairs_announce
from amplify.matching.criteria import LABELS
from amplify.matching.models import MatchingRun, PairRule, RunStatus
from amplify.matching.ranking import rankings_snapshot
from amplify.matching.services._lifecycle import run_discard, run_lock_ready
from amplify.matching.services.runkind import run_kind_for
from amplify.mentoring.services import relationship_start
from amplify.programmes.models import Cohort, Pairing, PairingQuerySet
from amplify.programmes.services import cohort_lock, pairing_create

# Limits of a run's settings (the API's schema derives its own from these).
MAX_TRAINING_HOURS = 100
MAX_SHARED_SLOTS = MAX_SLOTS  # nobody has more free slots than this


@dataclass(frozen=True)
class RunSettings:
    """What a matching run is started with, besides its cohort (matching_run_start's
    arguments of the same names)."""

    weights: dict[str, int]
    mode: str
    objective: str
    required_training_hours: Decimal | None  # None: the kind's own (see matching_run_start)
    min_shared_slots: int


def run_defaults(*, cohort: Cohort) -> RunSettings:
    """The settings a run of this cohort takes where its starter gives none: those of the
    cohort's latest published run (a rematch goes on as the pairs it keeps were made), else
    the core's defaults."""
    latest = cohort.matching_runs.filter(status=RunStatus.PUBLISHED).first()
    if latest is None:
        return RunSettings(
            weights={c.value: w for c, w in DEFAULT_WEIGHTS.items()},
            mode=MatchingRun.Mode.OPTIMAL,
            objective=Objective.MOST_MATCHED,
            required_training_hours=None,
            min_shared_slots=1,
        )
    return RunSettings(
        weights=dict(latest.weights),
        mode=latest.mode,
        objective=latest.objective,
        required_training_hours=latest.required_training_hours,
        min_shared_slots=latest.min_shared_slots,
    )


def matching_run_start_defaulted(
    *, cohort: Cohort, created_by: Actor, rematch: bool | None = None, **given: Any
) -> MatchingRun:
    """matching_run_start with run_defaults for every setting not `given`: what the rematch
    page and the API's run start both call, so both start the same run."""
    settings = {**asdict(run_defaults(cohort=cohort)), **given}
    return matching_run_start(cohort=cohort, created_by=created_by, rematch=rematch, **settings)


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
    created_by: Actor,
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
    if not 1 <= int(min_shared_slots) <= MAX_SHARED_SLOTS:
        raise ValidationError({"min_shared_slots": _("Shared weekly slots must be 1 to 10.")})
    kind = run_kind_for(cohort)
    hours = (
        Decimal(str(required_training_hours))
        if required_training_hours is not None
        else (Decimal(10) if kind == MatchingRun.Kind.MENTORING else Decimal(0))
    )
    if not 0 <= hours <= MAX_TRAINING_HOURS:
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
        transaction.on_commit(lambda: tasks.execute_matching_run.enqueue(run.pk))
    return run


def published_pairs(cohort: Cohort, kind: str) -> PairingQuerySet:
    """The cohort's pairs of this kind that are not ended: every run must keep them."""
    return Pairing.objects.active().filter(cohort=cohort, kind=kind)


def matching_run_rerun(*, run: MatchingRun, created_by: Actor) -> MatchingRun:
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


def matching_run_discard(*, run: MatchingRun, changed_by: Actor) -> MatchingRun:
    return run_discard(
        run, changed_by=changed_by, published_error=_("A published run cannot be discarded.")
    )


@transaction.atomic
def matching_run_publish(
    *,
    run: MatchingRun,
    published_by: Actor,
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
