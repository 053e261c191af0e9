"""Matching profiles for the demo's people, and each cohort matched and grouped by the engine
(a run, reviewed and published by the programme manager), instead of hand-made pairs."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from amplify.core.matching.profiles import DEFAULT_WEIGHTS
from amplify.matching import grouping, services
from amplify.matching.models import GroupingRun, MatchingRun, MatchProfile, PairRule
from amplify.people.models import Division, Person
from amplify.programmes.models import Cohort

if TYPE_CHECKING:
    from amplify.demo.programmes import Demo

FAMILY = {
    "A&R": "a&r", "Marketing": "marketing", "Commercial": "commercial",
    "Catalogue": "catalogue", "Data": "data", "Technology": "technology", "Finance": "finance",
    "Legal": "legal", "People": "people", "Communications": "communications",
    "Operations": "operations", "Creative": "creative",
}  # fmt: skip
TAGS = {
    "a&r": ["A&R", "Artist development", "Music production", "Songwriting", "Live music"],
    "marketing": [
        "Marketing",
        "Social media",
        "Short-form video",
        "Brand partnerships",
        "Playlisting",
    ],
    "commercial": ["Brand partnerships", "Streaming", "Entrepreneurship", "Marketing"],
    "catalogue": ["Copyright", "Licensing", "Royalties", "Streaming"],
    "data": ["Data and analytics", "AI", "Streaming", "Software"],
    "technology": ["Software", "Product", "AI", "Games", "Design"],
    "finance": ["Finance", "Royalties", "Entrepreneurship"],
    "legal": ["Law", "Copyright", "Licensing"],
    "people": ["Leadership", "Community", "Public speaking", "Charity"],
    "communications": ["Press and PR", "Journalism", "Social media", "Radio", "Charity"],
    "operations": ["Merchandise", "Touring", "Live music"],
    "creative": ["Sync", "Film", "TV", "Photography", "Design", "Short-form video"],
}
EVERY_TAG = sorted({tag for tags in TAGS.values() for tag in tags})
# What the young people referred by the partner most often want to do.
ASPIRATIONS = {
    "a&r": 22,
    "marketing": 20,
    "creative": 18,
    "communications": 10,
    "technology": 8,
    "data": 5,
    "legal": 5,
    "commercial": 5,
    "operations": 4,
    "finance": 3,
}
SENIORITY = {"Coordinator": 1, "Executive": 2, "Manager": 3, "Senior Manager": 4, "Director": 5}
MORNINGS, AFTERNOONS, EVENINGS = range(0, 21, 3), range(1, 21, 3), range(2, 21, 3)
WEEKDAY_EVENINGS = [s for s in EVENINGS if s < 15]
WEEKEND_AFTERNOONS = [16, 19]
RUN_BEFORE = timedelta(days=2)  # runs reviewed for two days before publishing


def profiles_for(d: Demo, people: list[Person], *, role: str) -> None:
    """Give each person a matching profile as someone in that role would fill it in."""
    rng, by = d.rng, d.by
    employees = d.employees_by_person
    divisions = list(Division.objects.order_by("name"))
    have = set(MatchProfile.objects.filter(person__in=people).values_list("person_id", flat=True))
    for person in people:
        if person.pk in have:
            continue  # returning mentors keep last year's profile
        employee = employees.get(person.pk)
        family = FAMILY.get(employee.family, "") if employee else ""
        seniority = SENIORITY.get(employee.level, 6) if employee else 5
        aspired, capacity = None, 1
        online = rng.random() < 0.2
        if role == "mentee":
            family = rng.choices(list(ASPIRATIONS), list(ASPIRATIONS.values()))[0]
            pool = TAGS[family] + rng.sample(TAGS["creative"] + TAGS["marketing"], 3)
            slots = rng.sample(WEEKDAY_EVENINGS, 3) + rng.sample(WEEKEND_AFTERNOONS, 1)
            aspired, seniority = rng.choice(divisions), 0
        elif role == "coach":
            family, seniority, capacity, online = "people", 5, 8, True
            pool = TAGS["people"] + ["Entrepreneurship", "Product"]
            slots = rng.sample(list(MORNINGS[:5]) + list(AFTERNOONS[:5]), 10)
        else:
            pool = TAGS.get(family, TAGS["creative"]) + rng.sample(EVERY_TAG, 3)
            slots = rng.sample(list(MORNINGS[:5]) + list(AFTERNOONS[:5]) + WEEKDAY_EVENINGS, 6)
            if role == "mentor":
                capacity = rng.choices([1, 2], [75, 25])[0]
        tags = list(dict.fromkeys(rng.sample(pool, min(len(pool), rng.randint(3, 5)))))[:5]
        services.match_profile_save(
            person=person,
            changed_by=by,
            tags=tags,
            job_family=family,
            aspired_division=aspired,
            seniority=seniority,
            availability=slots,
            meeting_format="online" if online else "either",
            capacity=capacity,
        )


def align(d: Demo, giver: Person, taker: Person) -> None:
    """The demo's own pair is one a manager would lock with confidence: the taker shares
    some of the giver's interests, field and free time."""
    mine, theirs = taker.match_profile, giver.match_profile
    services.match_profile_save(
        person=taker,
        changed_by=d.by,
        tags=list(dict.fromkeys(theirs.tags[:2] + mine.tags))[:5],
        job_family=theirs.job_family,
        aspired_division=giver.division if mine.aspired_division_id else None,
        seniority=mine.seniority,
        availability=sorted(set(mine.availability[:6]) | set(theirs.availability[:2])),
        meeting_format=mine.meeting_format,
        capacity=mine.capacity,
    )


def match_and_publish(
    d: Demo, cohort: Cohort, *, at: datetime, locks: tuple[tuple[Person, Person], ...] = ()
) -> MatchingRun:
    """What the manager does: lock any pair agreed beforehand, run, publish (the demo's
    history sends no emails)."""
    by = d.by
    for giver, taker in locks:
        align(d, giver, taker)
        services.pair_rule_set(
            cohort=cohort,
            mentor=giver,
            mentee=taker,
            kind=PairRule.Kind.LOCK,
            created_by=by,
            note="Agreed with both before the run",
        )
    weights = {c.value: w for c, w in DEFAULT_WEIGHTS.items()}
    run = services.matching_run_start(cohort=cohort, created_by=by, weights=weights, queue=False)
    run = services.matching_run_execute(run=run)
    services.matching_run_publish(run=run, published_by=by, now=at, notify=False)
    # The history shows the run when it happened, not when the demo was loaded.
    earlier = at - RUN_BEFORE
    MatchingRun.objects.filter(pk=run.pk).update(created_at=earlier, finished_at=earlier)
    return run


def group_and_publish(d: Demo, cohort: Cohort, *, at: datetime) -> None:
    run = grouping.grouping_run_start(cohort=cohort, created_by=d.by, queue=False)
    run = grouping.grouping_run_execute(run=run)
    grouping.grouping_run_publish(run=run, published_by=d.by, now=at)
    earlier = at - RUN_BEFORE
    GroupingRun.objects.filter(pk=run.pk).update(created_at=earlier, finished_at=earlier)
