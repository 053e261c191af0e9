"""Reads for cadence health: load many pairs' meeting counts in a fixed number of queries,
then let the core decide each pair's status."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Max, Q

from amplify.core import cadence
from amplify.meetings.models import Meeting, MeetingSettings
from amplify.mentoring.models import AgreementState, GoalSummary, Relationship
from amplify.programmes.models import Cohort


@dataclass(frozen=True)
class Side:
    """One person of a pair, as the health rows show her."""

    pk: int
    name: str
    display_name: str


@dataclass(frozen=True)
class PairView:
    """The few fields of a pair the health rows need (read with values(): a thousand pairs
    make no model instances)."""

    pk: int
    mentor: Side
    mentee: Side
    cohort_id: int
    cohort_name: str

    @property
    def mentor_id(self) -> int:
        return self.mentor.pk

    @property
    def mentee_id(self) -> int:
        return self.mentee.pk


@dataclass(frozen=True)
class Row:
    pairing: PairView
    health: cadence.Health
    unconfirmed: int
    # What the programme team may know of the relationship (amplify/mentoring): where the
    # agreement stands, and the goals as numbers only.
    agreement: AgreementState = AgreementState.AWAITING_BOTH
    goals: GoalSummary = field(default_factory=GoalSummary)


@dataclass(frozen=True)
class Tally:
    held: int = 0
    last_met: date | None = None
    unconfirmed: int = 0


NO_MEETINGS = Tally()


def tallies(pairing_ids: Any, *, today: date) -> dict[int, Tally]:
    """Each pair's meetings logged up to today, counted in one grouped query over the
    meetings alone (grouping the pairs' own rows would group by every column joined)."""
    rows = (
        Meeting.objects.filter(pairing_id__in=pairing_ids, held_on__lte=today)
        .values("pairing_id")
        .annotate(
            held=Count("pk"),
            last_met=Max("held_on"),
            unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True)),
        )
        .order_by()
    )
    return {r["pairing_id"]: Tally(r["held"], r["last_met"], r["unconfirmed"]) for r in rows}


def pair_of(p: Any, tally: Tally) -> cadence.Pair:
    """A pairing (its cohort loaded) with its tally, as the core reads it."""
    return cadence.Pair(
        started_on=p.started_on,
        ends_on=p.cohort.ends_on,
        ended_on=p.ended_on,
        held=tally.held,
        last_met_on=tally.last_met,
    )


FIELDS = (
    "pk",
    "started_on",
    "ended_on",
    "cohort_id",
    "cohort__name",
    "cohort__ends_on",
    "cohort__programme_id",
    "mentor_id",
    "mentor__name",
    "mentor__preferred_name",
    "mentee_id",
    "mentee__name",
    "mentee__preferred_name",
)


def rows(pairings: Any, *, today: date) -> list[Row]:
    """Each pair with its health, agreement state and goal numbers: the pairs (annotated with
    their agreement state), their meeting counts, the programmes' settings, and one query of
    goal numbers per cohort shown (one on a cohort's page)."""
    annotated = Relationship.objects.pairings_with_agreement_state(pairings)
    found = list(annotated.values(*FIELDS, "agreement_state").order_by())
    goals: dict[int, GoalSummary] = {}
    for cohort_id in sorted({p["cohort_id"] for p in found}):
        goals.update(Relationship.objects.goal_summaries(cohort=Cohort(pk=cohort_id)))
    counted = tallies(pairings.values("pk"), today=today)
    settings = MeetingSettings.by_programme({p["cohort__programme_id"] for p in found})
    out = []
    for p in found:
        tally = counted.get(p["pk"], NO_MEETINGS)
        pair = cadence.Pair(
            started_on=p["started_on"],
            ends_on=p["cohort__ends_on"],
            ended_on=p["ended_on"],
            held=tally.held,
            last_met_on=tally.last_met,
        )
        view = PairView(
            pk=p["pk"],
            mentor=Side(
                p["mentor_id"], p["mentor__name"], p["mentor__preferred_name"] or p["mentor__name"]
            ),
            mentee=Side(
                p["mentee_id"], p["mentee__name"], p["mentee__preferred_name"] or p["mentee__name"]
            ),
            cohort_id=p["cohort_id"],
            cohort_name=p["cohort__name"],
        )
        thresholds = settings[p["cohort__programme_id"]].thresholds()
        out.append(
            Row(
                view,
                cadence.health(pair, today, thresholds),
                tally.unconfirmed,
                AgreementState(p["agreement_state"]),
                goals.get(p["pk"], GoalSummary()),
            )
        )
    return out


SORTS = {
    "status": lambda r: (cadence.STATUS_ORDER.index(r.health.status), -r.health.gap_days),
    "mentor": lambda r: (r.pairing.mentor.name.casefold(),),
    "mentee": lambda r: (r.pairing.mentee.name.casefold(),),
    "held": lambda r: (r.health.held - r.health.expected, r.health.held),
    "last": lambda r: (r.health.last_met_on or date.min,),
}


def sort_rows(found: list[Row], sort: str, descending: bool = False) -> list[Row]:
    key = SORTS.get(sort, SORTS["status"])
    return sorted(found, key=lambda r: (*key(r), r.pairing.pk), reverse=descending)
