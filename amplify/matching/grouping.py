"""Writes for home groups: a cohort's participants in balanced groups, draft to published."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from amplify.core.matching.groups import Member, form_groups
from amplify.diversity.models import DiversityProfile
from amplify.matching.inputs import utc_offset
from amplify.matching.models import GroupingRun, GroupRule, HomeGroup, MatchProfile, RunStatus
from amplify.matching.running import executing, run_discard
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment
from amplify.programmes.services import cohort_lock

REGIONS = {
    "EMEA": "Europe, Middle East & Africa",
    "NA": "North America",
    "LATAM": "Latin America",
    "APAC": "Asia Pacific",
}


@transaction.atomic
def group_rule_set(
    *, cohort: Cohort, first: Person, second: Person, kind: str, created_by: Any
) -> GroupRule:
    if kind not in GroupRule.Kind.values:
        raise ValidationError({"kind": "Choose keep together or keep apart."})
    if first.pk == second.pk:
        raise ValidationError({"second": "Choose two different people."})
    active = Enrolment.objects.active().filter(cohort=cohort, role=Enrolment.Role.PARTICIPANT)
    for person in (first, second):
        if not active.filter(person=person).exists():
            raise ValidationError(f"{person} is not an active participant of {cohort}.")
    low, high = sorted((first, second), key=lambda p: p.pk)
    rule, _ = GroupRule.objects.update_or_create(
        cohort=cohort, first=low, second=high, defaults={"kind": kind, "created_by": created_by}
    )
    return rule


def bands(regions: dict[str, str], offsets: dict[str, int | None], min_size: int) -> dict[str, str]:
    """Each person's band: her region, except that a region too small to make a group joins
    the region nearest to it in time (by its people's median UTC offset), so nobody is left
    in a group below the minimum size."""
    members: dict[str, list[str]] = {}
    for key, region in regions.items():
        members.setdefault(region, []).append(key)

    def centre(band: str) -> float:
        known = sorted(o for k in members[band] if (o := offsets.get(k)) is not None)
        return float(known[len(known) // 2]) if known else 0.0

    while len(members) > 1:
        small = min(members, key=lambda b: (len(members[b]), b))
        if len(members[small]) >= min_size:
            break
        nearest = min(
            (b for b in members if b != small),
            key=lambda b: (abs(centre(b) - centre(small)), len(members[b]), b),
        )
        merged = "+".join(sorted(set(nearest.split("+")) | set(small.split("+"))))
        members[merged] = members.pop(nearest) + members.pop(small)
    return {key: band for band, keys in members.items() for key in keys}


def band_name(band: str) -> str:
    return " and ".join(REGIONS.get(part, part) for part in band.split("+"))


def _members(cohort: Cohort, min_size: int) -> list[Member]:
    people = list(
        Person.objects.filter(
            enrolments__cohort=cohort,
            enrolments__role=Enrolment.Role.PARTICIPANT,
            enrolments__status=Enrolment.Status.ACTIVE,
        )
        .select_related("country")
        .distinct()
        .order_by("pk")
    )
    match = {m.person_id: m for m in MatchProfile.objects.filter(person__in=people)}
    consented = {
        d.person_id: d.gender
        for d in DiversityProfile.objects.filter(
            person__in=people, consent_to_matching=True
        ).exclude(gender__in=["", "declined"])
    }
    band_of = bands(
        {str(p.pk): p.country.region_id if p.country else "Unknown" for p in people},
        {
            str(p.pk): utc_offset(p.time_zone, cohort.starts_on) if p.time_zone else None
            for p in people
        },
        min_size,
    )
    out = []
    for p in people:
        profile = match.get(p.pk)
        out.append(
            Member(
                str(p.pk),
                band_of[str(p.pk)],
                {
                    "function": (profile.job_family or None) if profile else None,
                    "country": p.country_id,
                    "gender": consented.get(p.pk),  # only with consent to use it in matching
                    "seniority": str(profile.seniority) if profile else None,
                },
            )
        )
    return out


@transaction.atomic
def grouping_run_start(
    *,
    cohort: Cohort,
    created_by: Any,
    min_size: int = 5,
    max_size: int = 8,
    target_size: int = 6,
    queue: bool = True,
) -> GroupingRun:
    if not 2 <= min_size <= target_size <= max_size <= 20:
        raise ValidationError(
            {"target_size": "Sizes need 2 <= minimum <= target <= maximum <= 20."}
        )
    # Locked, so that two runs started at once get the next two numbers.
    cohort = cohort_lock(cohort)
    members = _members(cohort, min_size)
    if len(members) < 2:
        raise ValidationError("This cohort needs active participants before forming groups.")
    rules = GroupRule.objects.filter(cohort=cohort)
    number = (cohort.grouping_runs.aggregate(n=Max("number"))["n"] or 0) + 1
    run = GroupingRun.objects.create(
        cohort=cohort,
        number=number,
        min_size=min_size,
        max_size=max_size,
        target_size=target_size,
        created_by=created_by,
        inputs={
            "members": [
                {"key": m.key, "band": m.band, "attributes": dict(m.attributes)} for m in members
            ],
            "together": [
                [str(r.first_id), str(r.second_id)]
                for r in rules
                if r.kind == GroupRule.Kind.TOGETHER
            ],
            "apart": [
                [str(r.first_id), str(r.second_id)] for r in rules if r.kind == GroupRule.Kind.APART
            ],
        },
    )
    if queue:
        from amplify.matching.tasks import execute_grouping_run

        transaction.on_commit(lambda: execute_grouping_run.enqueue(run.pk))
    return run


def grouping_run_execute(*, run: GroupingRun) -> GroupingRun:
    with executing(run, stage="Forming groups", progress=10):
        members = [Member(m["key"], m["band"], m["attributes"]) for m in run.inputs["members"]]
        grouping = form_groups(
            members,
            min_size=run.min_size,
            max_size=run.max_size,
            target_size=run.target_size,
            keep_together=[tuple(p) for p in run.inputs["together"]],
            keep_apart=[tuple(p) for p in run.inputs["apart"]],
        )
        run.groups.all().delete()
        for group in grouping.groups:
            home = HomeGroup.objects.create(
                run=run,
                band=group.band,
                number=group.number,
                name=f"{band_name(group.band)} {group.number}",
                balance={
                    "perfect": group.perfect,
                    "counts": {
                        a: {v: c for v, (c, _) in cells.items()}
                        for a, cells in group.balance.items()
                    },
                },
            )
            home.members.set([int(k) for k in group.members])
        run.result = {
            "imbalance": round(grouping.imbalance, 2),
            "random": round(grouping.random_imbalance, 2),
            "bound": round(grouping.lower_bound, 2),
            "improvement": round(grouping.improvement, 4),
            "perfect": grouping.perfect,
            "status": grouping.status,
            "warnings": grouping.warnings,
        }
        run.status, run.stage, run.progress = RunStatus.READY, "", 100
        run.finished_at = timezone.now()
        run.save()
    return run


@transaction.atomic
def home_group_move(*, run: GroupingRun, person: Person, to: HomeGroup, changed_by: Any) -> None:
    """Move one person to another group of the same band, by hand, during review."""
    cohort_lock(run.cohort)  # the cohort first, as every path that changes runs
    run = GroupingRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.READY:
        raise ValidationError("Only groups ready for review can be changed.")
    current = run.groups.filter(members=person).first()
    if current is None or to.run_id != run.pk:
        raise ValidationError("Choose a person and a group of this run.")
    if to.band != current.band:
        raise ValidationError("Groups meet in shared working hours: move within a band.")
    if to.members.count() >= run.max_size:
        raise ValidationError(f"{to.name} is full ({run.max_size}).")
    current.members.remove(person)
    to.members.add(person)
    run.result["edited"] = True
    run.save(update_fields=["result"])


def grouping_run_discard(*, run: GroupingRun, changed_by: Any) -> GroupingRun:
    return run_discard(
        run,
        changed_by=changed_by,
        published_error=("Published groups cannot be discarded; publish another run."),
    )


def grouping_run_rerun(*, run: GroupingRun, created_by: Any) -> GroupingRun:
    """The same sizes on today's participants and rules."""
    return grouping_run_start(
        cohort=run.cohort,
        created_by=created_by,
        min_size=run.min_size,
        max_size=run.max_size,
        target_size=run.target_size,
    )


@transaction.atomic
def grouping_run_publish(
    *, run: GroupingRun, published_by: Any, now: datetime | None = None
) -> GroupingRun:
    # The cohort first: two runs published at once queue, and the last one is published
    # (the first, discarded) rather than both.
    cohort_lock(run.cohort)
    run = GroupingRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.READY:
        raise ValidationError(
            f"Only groups ready for review can be published (this run is "
            f"“{run.get_status_display()}”)."
        )
    GroupingRun.objects.filter(cohort=run.cohort, status=RunStatus.PUBLISHED).update(
        status=RunStatus.DISCARDED
    )
    run.status, run.published_by, run.published_at = (
        RunStatus.PUBLISHED,
        published_by,
        now or timezone.now(),
    )
    run._history_user = published_by  # type: ignore[attr-defined]
    run.save()
    return run
