"""Writes for home groups: a cohort's participants in balanced groups, draft to published.

Region bands are the core's (amplify.core.matching.bands); the engine that forms the groups is
amplify.core.matching.groups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from amplify.accounts.types import Actor
from amplify.core.matching.bands import band_name, bands, small_bands
from amplify.core.matching.groups import Grouping, Member, form_groups
from amplify.core.matching.weekly import utc_offset
from amplify.core.privacy import SMALL_GROUP
from amplify.diversity.consented import consented_genders
from amplify.home.storedtext import english
from amplify.matching import tasks
from amplify.matching.inputs import run_key, token
from amplify.matching.models import GroupingRun, GroupRule, HomeGroup, MatchProfile, RunStatus
from amplify.matching.services._lifecycle import executing, run_discard, run_lock_ready
from amplify.operations import heartbeat
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment
from amplify.programmes.services import cohort_lock

SMALL_BAND = gettext_noop(
    "%(band)s: groups of fewer than %(size)s people are not balanced by gender, so that no "
    "group's balance can say who is who."
)

# Attributes that come from diversity profiles (only with consent to matching). They are
# balanced only in bands whose groups all hold SMALL_GROUP people or more, and no group's
# count of them is ever stored: a manager sees whether a group is balanced, not who is what.
# (Keep-together rules and groups of two would otherwise let her read one person's gender.)
PRIVATE = ("gender",)


# The sizes a grouping run may ask for, and those it takes when not told (the API's schema
# derives its own from these).
SMALLEST_GROUP, LARGEST_GROUP = 2, 20


@dataclass(frozen=True)
class GroupSizes:
    min_size: int = 5
    target_size: int = 6
    max_size: int = 8


DEFAULT_GROUP_SIZES = GroupSizes()


@transaction.atomic
def group_rule_set(
    *, cohort: Cohort, first: Person, second: Person, kind: str, created_by: Actor
) -> GroupRule:
    if kind not in GroupRule.Kind.values:
        raise ValidationError({"kind": _("Choose keep together or keep apart.")})
    if first.pk == second.pk:
        raise ValidationError({"second": _("Choose two different people.")})
    active = Enrolment.objects.active().filter(cohort=cohort, role=Enrolment.Role.PARTICIPANT)
    for person in (first, second):
        if not active.filter(person=person).exists():
            raise ValidationError(
                _("%(person)s is not an active participant of %(cohort)s.")
                % {"person": person, "cohort": cohort}
            )
    low, high = sorted((first, second), key=lambda p: p.pk)
    rule, _created = GroupRule.objects.update_or_create(
        cohort=cohort, first=low, second=high, defaults={"kind": kind, "created_by": created_by}
    )
    return rule


def _members(
    cohort: Cohort, *, min_size: int, max_size: int, target_size: int
) -> tuple[list[Member], set[str]]:
    """The participants as the engine's members, and the bands too small to balance by any
    private attribute (whose members' private attributes are left out)."""
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
    # Gender joins the snapshot as a per-run opaque code: enough to balance groups, nothing
    # that says who is what to someone reading the run.
    key = run_key()
    consented = {
        pid: token(key, "gender", gender)
        for pid, gender in consented_genders(p.pk for p in people).items()
    }
    band_of = bands(
        {str(p.pk): p.country.region_id if p.country else "Unknown" for p in people},
        {
            str(p.pk): utc_offset(p.time_zone, cohort.starts_on) if p.time_zone else None
            for p in people
        },
        min_size,
    )
    small = small_bands(band_of, min_size=min_size, max_size=max_size, target_size=target_size)
    out = []
    for p in people:
        profile = match.get(p.pk)
        band = band_of[str(p.pk)]
        out.append(
            Member(
                str(p.pk),
                band,
                {
                    "function": (profile.job_family or None) if profile else None,
                    "country": p.country_id,
                    # Only with consent to use it in matching, and only in groups of five+.
                    "gender": None if band in small else consented.get(p.pk),
                    "seniority": str(profile.seniority) if profile else None,
                },
            )
        )
    return out, small


@transaction.atomic
def grouping_run_start(
    *,
    cohort: Cohort,
    created_by: Actor,
    min_size: int = DEFAULT_GROUP_SIZES.min_size,
    max_size: int = DEFAULT_GROUP_SIZES.max_size,
    target_size: int = DEFAULT_GROUP_SIZES.target_size,
    queue: bool = True,
) -> GroupingRun:
    if not SMALLEST_GROUP <= min_size <= target_size <= max_size <= LARGEST_GROUP:
        raise ValidationError(
            {"target_size": _("Sizes need 2 <= minimum <= target <= maximum <= 20.")}
        )
    # Locked, so that two runs started at once get the next two numbers.
    cohort = cohort_lock(cohort)
    members, small = _members(cohort, min_size=min_size, max_size=max_size, target_size=target_size)
    if len(members) < 2:
        raise ValidationError(_("This cohort needs active participants before forming groups."))
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
            "small_bands": sorted(small),
        },
    )
    if queue:
        transaction.on_commit(lambda: tasks.execute_grouping_run.enqueue(run.pk))
    return run


def grouping_run_execute(*, run: GroupingRun) -> GroupingRun:
    # The groups are formed outside any transaction (a large cohort takes seconds, and on
    # SQLite a write transaction holds up every other writer); they are written in one.
    with executing(run, stage=gettext_noop("Forming groups"), progress=10, atomic=False):
        members = [Member(m["key"], m["band"], m["attributes"]) for m in run.inputs["members"]]
        grouping = form_groups(
            members,
            min_size=run.min_size,
            max_size=run.max_size,
            target_size=run.target_size,
            keep_together=[tuple(p) for p in run.inputs["together"]],
            keep_apart=[tuple(p) for p in run.inputs["apart"]],
        )
        with heartbeat.finishing(run):  # still this worker's run: else nothing is saved
            small = set(run.inputs.get("small_bands", []))
            run.groups.all().delete()
            for group in grouping.groups:
                home = HomeGroup.objects.create(
                    run=run,
                    band=group.band,
                    number=group.number,
                    name=f"{band_name(group.band)} {group.number}",
                    balance=balance(group.band, group.perfect, group.balance, small=small),
                )
                home.members.set([int(k) for k in group.members])
            notices = grouping.notices + [
                (SMALL_BAND, {"band": band_name(band), "size": SMALL_GROUP})
                for band in sorted(small)
            ]
            run.result = {
                "imbalance": round(grouping.imbalance, 2),
                "random": round(grouping.random_imbalance, 2),
                "bound": round(grouping.lower_bound, 2),
                "improvement": round(grouping.improvement, 4),
                "perfect": _perfect(grouping, small),
                "status": grouping.status,
                # English for the API's older readers; `notices` is what pages translate.
                "warnings": [english(m, p) for m, p in notices],
                "notices": [{"msgid": m, "params": p} for m, p in notices],
            }
            run.status, run.stage, run.progress = RunStatus.READY, "", 100
            run.finished_at = timezone.now()
            run.save()
    return run


def balance(
    band: str,
    perfect: dict[str, bool],
    cells: dict[str, dict[str, tuple[int, float]]],
    *,
    small: set[str],
) -> dict[str, Any]:
    """What a group's page says about its balance: for each attribute whether it is balanced,
    and counts by value for the attributes that are not private. A private attribute's flag
    is None (not shown) in a band too small to balance it."""
    return {
        "perfect": {a: None if a in PRIVATE and band in small else ok for a, ok in perfect.items()},
        "counts": {
            a: {v: c for v, (c, _) in values.items()}
            for a, values in cells.items()
            if a not in PRIVATE
        },
    }


def _perfect(grouping: Grouping, small: set[str]) -> dict[str, bool | None]:
    """Whether every group is balanced, per attribute; for a private attribute, every group of
    the bands that balanced it (None when no band could)."""
    out: dict[str, bool | None] = {}
    for a, ok in grouping.perfect.items():
        if a not in PRIVATE:
            out[a] = ok
            continue
        flags = [g.perfect[a] for g in grouping.groups if g.band not in small]
        out[a] = all(flags) if flags else None
    return out


@transaction.atomic
def home_group_move(*, run: GroupingRun, person: Person, to: HomeGroup, changed_by: Actor) -> None:
    """Move one person to another group of the same band, by hand, during review."""
    run = run_lock_ready(run, refusal=_("Only groups ready for review can be changed."))
    current = run.groups.filter(members=person).first()
    if current is None or to.run_id != run.pk:
        raise ValidationError(_("Choose a person and a group of this run."))
    if to.band != current.band:
        raise ValidationError(_("Groups meet in shared working hours: move within a band."))
    if to.members.count() >= run.max_size:
        raise ValidationError(
            _("%(group)s is full (%(size)s).") % {"group": to.name, "size": run.max_size}
        )
    current.members.remove(person)
    to.members.add(person)
    run.result["edited"] = True
    run.save(update_fields=["result"])


def grouping_run_discard(*, run: GroupingRun, changed_by: Actor) -> GroupingRun:
    return run_discard(
        run,
        changed_by=changed_by,
        published_error=_("Published groups cannot be discarded; publish another run."),
    )


def grouping_run_rerun(*, run: GroupingRun, created_by: Actor) -> GroupingRun:
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
    *, run: GroupingRun, published_by: Actor, now: datetime | None = None
) -> GroupingRun:
    # The cohort first: two runs published at once queue, and the last one is published
    # (the first, discarded) rather than both.
    run = run_lock_ready(
        run,
        refusal=_("Only groups ready for review can be published (this run is “%(status)s”)."),
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
