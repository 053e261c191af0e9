"""Reading a showcase's judging: its results (through amplify.core.judging), the progress of
the scoring, and the audience vote. A fixed number of queries whatever the showcase's size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from amplify.core import judging
from amplify.core.outcomes import shown_count
from amplify.events.models import Event
from amplify.experiments.models import Experiment
from amplify.people.models import Person
from amplify.programmes.models import Cohort
from amplify.showcase.models import AudienceVote, Criterion, JudgeAssignment, Score, Slot
from amplify.showcase.services import is_published


@dataclass(frozen=True)
class CriterionBar:
    criterion: Criterion
    z: float | None
    raw: float | None
    percent: int  # the bar's length, 0-100: raw mean over the 1-5 scale


@dataclass(frozen=True)
class Row:
    slot: Slot
    result: judging.SlotResult
    bars: list[CriterionBar]


def marks_of(event: Event) -> list[judging.Mark]:
    return [
        judging.Mark(judge, slot, criterion, value)
        for judge, slot, criterion, value in Score.objects.filter(
            assignment__slot__event=event
        ).values_list("assignment__judge_id", "assignment__slot_id", "criterion_id", "value")
    ]


def criteria_of(event: Event) -> list[Criterion]:
    return list(Criterion.objects.filter(rubric__programme_id=event.cohort.programme_id))


def rows(event: Event) -> list[Row]:
    """The ranked results, each slot with its per-criterion profile."""
    criteria = criteria_of(event)
    found = judging.results(marks_of(event))
    slots = Slot.objects.with_subject().in_bulk([r.slot for r in found])
    span = judging.SCALE_MAX - judging.SCALE_MIN
    out = []
    for result in found:
        bars = []
        for c in criteria:
            raw = result.raw_profile.get(c.pk)
            percent = 0 if raw is None else round(100 * (raw - judging.SCALE_MIN) / span)
            bars.append(CriterionBar(c, result.profile.get(c.pk), raw, percent))
        out.append(Row(slots[result.slot], result, bars))
    return out


@dataclass(frozen=True)
class Progress:
    assignments: int
    scored: int

    @property
    def percent(self) -> int:
        return round(100 * self.scored / self.assignments) if self.assignments else 0


def progress(event: Event) -> Progress:
    counts = JudgeAssignment.objects.filter(slot__event=event).aggregate(
        n=Count("pk"), scored=Count("pk", filter=Q(scored_at__isnull=False))
    )
    return Progress(counts["n"], counts["scored"])


def votes(event: Event) -> list[tuple[Slot, int | None]]:
    """The audience vote per slot, most first; a count below five is not shown (None)."""
    counts = dict(
        AudienceVote.objects.filter(event=event)
        .values_list("slot_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    slots = list(Slot.objects.filter(event=event).with_subject())
    slots.sort(key=lambda s: (-counts.get(s.pk, 0), s.position, s.pk))
    return [(s, shown_count(counts.get(s.pk, 0))) for s in slots]


def sponsored_owners(event: Event) -> dict[int, set[int]]:
    """Sponsor -> the owners of the experiments she sponsors in the cohort (for warnings on
    the page without a query per assignment)."""
    out: dict[int, set[int]] = {}
    pairs = Experiment.objects.filter(cohort_id=event.cohort_id, sponsor__isnull=False)
    for sponsor, owner in pairs.values_list("sponsor_id", "owner_id"):
        out.setdefault(sponsor, set()).add(owner)
    return out


def conflict_shown(slot: Slot, judge: Person, sponsored: dict[int, set[int]]) -> str | None:
    if slot.experiment_id is not None and slot.experiment is not None:
        if judge.pk in (slot.experiment.sponsor_id, slot.experiment.owner_id):
            return _("Conflict of interest: sponsors or presents this experiment.")
        return None
    members = {m.pk for m in slot.home_group.members.all()} if slot.home_group else set()
    if judge.pk in members or members & sponsored.get(judge.pk, set()):
        return _("Conflict of interest: a member's experiment, or her own group.")
    return None


def may_see(user: Any, cohort: Cohort, event: Event) -> bool:
    if user.has_perm("showcase.preview", cohort):
        return True
    return is_published(event)
