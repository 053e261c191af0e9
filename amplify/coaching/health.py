"""Reads for coaching cadence: many pairs' session counts and many groups' round counts in a
fixed number of queries, then the core decides who is behind plan and which group is quiet.
Counts and dates only: nothing here reads a note or a theme."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from amplify.coaching.models import CoachingSession, CoachingSettings, PeerRound
from amplify.core import coaching as plan
from amplify.matching.models import HomeGroup, RunStatus
from amplify.programmes.models import Pairing


@dataclass(frozen=True)
class PairRow:
    pk: int
    cohort_id: int
    coach_id: int
    coach_name: str
    participant_id: int
    participant_name: str
    health: plan.PlanHealth
    next_at: datetime | None
    ended: bool


@dataclass(frozen=True)
class GroupRow:
    pk: int
    name: str
    cohort_id: int
    members: int
    health: plan.GroupHealth


PAIR_FIELDS = (
    "pk",
    "started_on",
    "ended_on",
    "cohort_id",
    "cohort__starts_on",
    "cohort__ends_on",
    "cohort__status",
    "cohort__programme_id",
    "mentor_id",
    "mentor__name",
    "mentor__preferred_name",
    "mentee_id",
    "mentee__name",
    "mentee__preferred_name",
)


def session_tallies(pairing_ids: Any, *, today: date, now: datetime) -> dict[int, dict[str, Any]]:
    """Per pair: sessions held up to today, the last one, and the next booked start."""
    rows = (
        CoachingSession.objects.filter(pairing_id__in=pairing_ids)
        .values("pairing_id")
        .annotate(
            held=Count("pk", filter=Q(status="held", held_on__lte=today)),
            last_on=Max("held_on", filter=Q(status="held")),
            next_at=Min("starts_at", filter=Q(status="booked", starts_at__gte=now)),
        )
        .order_by()
    )
    return {r["pairing_id"]: dict(r) for r in rows}


def pair_rows(pairings: Any, *, today: date | None = None) -> list[PairRow]:
    """Each coaching pair with its plan health: three queries whatever the number."""
    today = today or timezone.localdate()
    now = timezone.now()
    found = list(
        pairings.filter(kind=Pairing.Kind.COACHING).values(*PAIR_FIELDS).order_by("mentor__name")
    )
    counted = session_tallies([p["pk"] for p in found], today=today, now=now)
    settings = CoachingSettings.by_programme({p["cohort__programme_id"] for p in found})
    out = []
    for p in found:
        tally = counted.get(p["pk"], {})
        ends_on = min(p["ended_on"] or p["cohort__ends_on"], p["cohort__ends_on"])
        the_plan = plan.Plan(
            started_on=max(p["started_on"], p["cohort__starts_on"]),
            ends_on=p["cohort__ends_on"],
            planned=settings[p["cohort__programme_id"]].sessions_planned,
        )
        health = plan.plan_health(
            the_plan, tally.get("held", 0), tally.get("last_on"), min(today, ends_on)
        )
        out.append(
            PairRow(
                pk=p["pk"],
                cohort_id=p["cohort_id"],
                coach_id=p["mentor_id"],
                coach_name=p["mentor__preferred_name"] or p["mentor__name"],
                participant_id=p["mentee_id"],
                participant_name=p["mentee__preferred_name"] or p["mentee__name"],
                health=health,
                next_at=tally.get("next_at"),
                ended=p["ended_on"] is not None or p["cohort__status"] == "closed",
            )
        )
    return out


def published_groups(cohort_id: int) -> Any:
    return HomeGroup.objects.filter(run__cohort_id=cohort_id, run__status=RunStatus.PUBLISHED)


def group_rows(groups: Any, *, today: date | None = None) -> list[GroupRow]:
    """Each home group with its round cadence, quiet groups first: three queries."""
    today = today or timezone.localdate()
    found = list(
        groups.annotate(n_members=Count("members", distinct=True))
        .values(
            "pk",
            "name",
            "run__cohort_id",
            "run__cohort__starts_on",
            "run__cohort__ends_on",
            "run__cohort__programme_id",
            "run__published_at",
            "n_members",
        )
        .order_by()
    )
    rounds: dict[int, dict[str, Any]] = {
        r["home_group_id"]: dict(r)
        for r in PeerRound.objects.filter(home_group_id__in=[g["pk"] for g in found])
        .values("home_group_id")
        .annotate(held=Count("pk", filter=Q(held_on__lte=today)), last_on=Max("held_on"))
        .order_by()
    }
    settings = CoachingSettings.by_programme({g["run__cohort__programme_id"] for g in found})
    out = []
    for g in found:
        s = settings[g["run__cohort__programme_id"]]
        published = g["run__published_at"]
        started_on = g["run__cohort__starts_on"]
        if published is not None:
            started_on = max(started_on, timezone.localdate(published))
        tally = rounds.get(g["pk"], {})
        health = plan.group_health(
            plan.Group(
                started_on=started_on,
                ends_on=g["run__cohort__ends_on"],
                held=tally.get("held", 0),
                last_on=tally.get("last_on"),
            ),
            today,
            every_days=s.round_every_days,
            quiet_days=s.quiet_days,
        )
        out.append(GroupRow(g["pk"], g["name"], g["run__cohort_id"], g["n_members"], health))
    return sorted(out, key=lambda r: (*plan.quiet_order(r.health), r.name.casefold(), r.pk))
