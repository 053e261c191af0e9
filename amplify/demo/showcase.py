"""The leadership cohorts' global showcases, judged by the managing directors.

Past cohorts: every experiment presented (or, in a branch without experiments, every home
group), three sponsors judging each presentation with no conflict of interest, marks in,
the results published and an audience vote counted. The running cohort: the showcase is
scheduled and the judges are named; the demo judge (a managing director) has presentations
waiting for her marks, and nothing is published yet.
"""

from __future__ import annotations

import random
from typing import Any

from django.core.exceptions import ValidationError

from amplify.accounts.models import User
from amplify.demo.programmes import Demo
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.showcase import services
from amplify.showcase.models import JudgeAssignment, Publication, Rubric, Slot

R = Enrolment.Role


def link_judge(user: User) -> Person:
    """The demo judge's login: a managing director of the company (not the demo sponsor)."""
    person = (
        Person.objects.filter(user__isnull=True, job_title__startswith="Managing Director")
        .order_by("employee_id")
        .first()
    )
    assert person is not None, "the demo company has managing directors"
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    return person


def _mark(rng: random.Random, quality: float, harshness: float) -> int:
    return max(1, min(5, round(3 + quality + harshness + rng.gauss(0, 0.6))))


def _score(
    rng: random.Random,
    rubric: Rubric,
    assignment: JudgeAssignment,
    quality: float,
    harshness: float,
) -> None:
    services.scores_save(
        assignment=assignment,
        judge=assignment.judge,
        values={c.pk: _mark(rng, quality, harshness) for c in rubric.criteria.all()},
    )


def build_showcase(d: Demo) -> dict[str, int]:
    programme = Programme.objects.get(name="Amplify")
    rubric = services.rubric_create_default(programme=programme, changed_by=d.by)
    judge = d.demo.get("judge")
    counts = {"slots": 0, "marks": 0, "published": 0}
    for cohort in programme.cohorts.order_by("number"):
        event = services.showcase_of(cohort.pk)
        if event is None:
            continue
        current = cohort.status != Cohort.Status.CLOSED
        if current and judge is not None:
            # The demo judge is one of the running cohort's executive sponsors.
            Enrolment.objects.get_or_create(cohort=cohort, person=judge, role=R.SPONSOR)
        try:
            services.slots_generate(event=event, changed_by=d.by)
            services.judges_assign_sponsors(event=event, changed_by=d.by, per_slot=3)
        except ValidationError:
            continue  # nothing to present (no experiments, no home groups), or no sponsors
        rng = random.Random(f"showcase-{cohort.number}")
        quality: dict[int, float] = {}
        harshness: dict[int, float] = {}
        assignments = list(
            JudgeAssignment.objects.filter(slot__event=event).select_related("judge", "slot")
        )
        for a in assignments:
            q = quality.setdefault(a.slot_id, rng.gauss(0, 0.8))
            h = harshness.setdefault(a.judge_id, rng.uniform(-1.2, 1.2))
            # The running cohort: the others have begun; the demo judge's wait for her.
            if current and (a.judge_id == getattr(judge, "pk", None) or rng.random() < 0.5):
                continue
            _score(rng, rubric, a, q, h)
            counts["marks"] += rubric.criteria.count()
        counts["slots"] += Slot.objects.filter(event=event).count()
        if current:
            continue
        _audience_vote(d, rng, cohort, event, quality)
        services.results_publish(event=event, published_by=d.demo["pm"])
        # Published the evening of the showcase, as it happened, not on the day of the load.
        Publication.objects.filter(event=event).update(published_at=event.ends_at)
        counts["published"] += 1
    return counts


def _audience_vote(
    d: Demo, rng: random.Random, cohort: Cohort, event: Any, quality: dict[int, float]
) -> None:
    services.audience_vote_set(event=event, is_open=True, changed_by=d.by)
    slots = list(Slot.objects.filter(event=event))
    weights = [2.0 + quality.get(s.pk, 0.0) for s in slots]
    voters = Person.objects.filter(
        enrolments__cohort=cohort, enrolments__role__in=[R.PARTICIPANT, R.COACH]
    ).distinct()
    for voter in voters:
        if rng.random() < 0.8:
            slot = rng.choices(slots, [max(0.1, w) for w in weights])[0]
            services.audience_vote_cast(event=event, voter=voter, slot=slot)
    services.audience_vote_set(event=event, is_open=False, changed_by=d.by)
