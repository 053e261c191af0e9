"""The demo's mentoring relationships in Positive Influence: each pair accepted the
agreement within days of being matched, each mentee set goals and updated their progress,
and mentors commented. In the running cohort 7 a few pairs still wait for one person to
accept, and one mentee has asked to end her relationship (the `pm` login decides). In past
cohorts the pairs ended by a withdrawal are closed with that reason, and two more ended
early (moved away; the mentor left).

The cohorts were closed by `build_mentoring`; their history is replayed here through the
same services, dated when it happened, with each closed cohort briefly back to running so
that the services accept it (nothing is emailed: closures are recorded with notify off).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from amplify.demo.programmes import Demo
from amplify.mentoring.models import AgreementVersion
from amplify.mentoring.services import (
    agreement_accept,
    agreement_current,
    goal_comment_add,
    goal_progress_update,
    goal_set,
    relationship_close,
    relationship_end_ask,
    relationship_start,
)
from amplify.programmes.models import Cohort, Pairing, Programme

# (title, why it matters, how she will know)
GOALS = (
    (
        "Land a first paid role in the music industry",
        "Nobody in my family works in music; I want to show it can be done from where I grew up.",
        "An offer of a paid job, apprenticeship or internship.",
    ),
    (
        "Build a portfolio of my production work",
        "People ask to hear what I have made, and right now it is scattered across my phone.",
        "Five finished tracks on one portfolio page, shared with three industry contacts.",
    ),
    (
        "Speak up with confidence in meetings",
        "I have ideas but I go quiet when the room is full of people who seem to know more.",
        "Present my project at the showcase without reading from notes.",
    ),
    (
        "Understand how a record label really works",
        "I only know the artist side; I want to see the jobs nobody talks about.",
        "Shadow three departments and write one page on what each does.",
    ),
    (
        "Grow my professional network",
        "Most jobs here seem to go to people someone already knows.",
        "Ten new industry contacts and two coffee chats I arranged myself.",
    ),
    (
        "Write a CV and cover letter I am proud of",
        "I have been applying with a CV I wrote at school.",
        "Reviewed by my mentor and by one recruiter, and sent with three applications.",
    ),
    (
        "Apply for the Sony Music graduate scheme",
        "It is the route in I most want, and I nearly did not apply last year.",
        "Application submitted a week before the deadline.",
    ),
)
NOTES = (
    "Made a start: a first draft and a list of who to ask.",
    "Halfway there; my mentor helped me plan the next steps.",
    "Harder than I thought, but two things are done.",
    "Nearly there: one last step before the showcase.",
    "Done!",
)
COMMENTS = (
    "Great progress. Next time, bring the draft and we will go through it together.",
    "I can introduce you to someone in A&R who started the same way: let me ask her.",
    "Try breaking this into smaller steps, one for each fortnight.",
    "Really proud of how far this has come since our first meeting.",
    "Have a look at the PRS Foundation's schemes: they fit this goal well.",
)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _replay(
    d: Demo, pairing: Pairing, rng: random.Random, *, until: date, both: bool = True
) -> None:
    """The pair's first weeks and months: agreements, goals, progress, comments."""
    start = pairing.started_on
    # Most mentees of the demo have no account: the services take the person.
    mentor, mentee = pairing.mentor, pairing.mentee
    mentor_day = start + timedelta(days=rng.randint(0, 4))
    mentee_day = start + timedelta(days=rng.randint(1, 9))
    if not both:
        # Only one of the two has accepted so far.
        if rng.random() < 0.5:
            agreement_accept(pairing=pairing, by=mentor, now=_at(min(mentor_day, until), 10))
        else:
            agreement_accept(pairing=pairing, by=mentee, now=_at(min(mentee_day, until), 19))
        return
    agreement_accept(pairing=pairing, by=mentor, now=_at(min(mentor_day, until), 10))
    agreement_accept(pairing=pairing, by=mentee, now=_at(min(mentee_day, until), 19))
    set_on = min(mentee_day + timedelta(days=rng.randint(2, 12)), until)
    for title, why, criterion in rng.sample(GOALS, rng.randint(1, 3)):
        goal = goal_set(
            pairing=pairing,
            by=mentee,
            title=title,
            why_it_matters=why,
            success_criterion=criterion,
            target_date=pairing.cohort.ends_on - timedelta(days=rng.randint(0, 40)),
            now=_at(set_on, 20),
        )
        progress, day = 0, set_on
        for _ in range(rng.randint(1, 4)):
            day = day + timedelta(days=rng.randint(10, 35))
            if day >= until:
                break
            progress = min(100, progress + rng.choice((10, 20, 25, 30, 40)))
            note = NOTES[-1] if progress == 100 else rng.choice(NOTES[:-1])
            goal_progress_update(
                goal=goal, by=mentee, progress=progress, note=note, now=_at(day, 21)
            )
            if rng.random() < 0.45:
                goal_comment_add(
                    goal=goal,
                    by=mentor,
                    body=rng.choice(COMMENTS),
                    now=_at(day + timedelta(days=1), 9),
                )
            if progress == 100:
                break


def _early_closures(d: Demo, cohort: Cohort, closures: tuple[tuple[str, str], ...]) -> None:
    """Some pairs of a past cohort that ended early, each closed by the manager with its
    reason, a few weeks before the end."""
    still_going = list(
        Pairing.objects.filter(cohort=cohort, ended_on__isnull=True)
        .exclude(mentor=d.demo["mentor"])
        .order_by("-pk")
    )
    for pairing, (reason, note) in zip(still_going, closures, strict=False):
        relationship_close(
            pairing=pairing,
            closed_by=d.by,
            reason=reason,
            note=note,
            now=_at(cohort.ends_on - timedelta(days=45), 15),
            notify=False,
        )


EARLY = {
    2: (("moved_away", "Moved to Glasgow for a college place; we wished her well."),),
    4: (("other", "The mentor left the company; the mentee chose to finish with the group."),),
}


def build_relationships(d: Demo) -> dict[str, Any]:
    programme = Programme.objects.get(slug="positive-influence")
    rng = random.Random(9_2026)  # its own: the other builders' draws stay as they were
    cohorts = list(programme.cohorts.filter(number__lte=7).order_by("number"))
    first = cohorts[0]
    version = agreement_current(programme)
    # Version 1 was the agreement from the first cohort on.
    AgreementVersion.objects.filter(pk=version.pk).update(
        published_at=_at(first.starts_on, 9), published_by=d.by
    )
    awaiting = 0
    for cohort in cohorts:
        was = cohort.status
        running = cohort.number == 7
        until = d.today if running else cohort.ends_on
        Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.RUNNING)
        try:
            pairings = list(
                Pairing.objects.filter(cohort=cohort, kind=Pairing.Kind.MENTORING)
                .select_related("cohort", "mentor", "mentee")
                .order_by("pk")
            )
            for pairing in pairings:
                relationship_start(pairing=pairing)
                if pairing.ended_on is not None:
                    # Ended by a withdrawal: they had accepted; the manager records why.
                    ended = pairing.ended_on
                    Pairing.objects.filter(pk=pairing.pk).update(ended_on=None)
                    pairing.ended_on = None
                    _replay(d, pairing, rng, until=ended)
                    Pairing.objects.filter(pk=pairing.pk).update(ended_on=ended)
                    relationship_close(
                        pairing=pairing,
                        closed_by=d.by,
                        reason="withdrew",
                        note="Started a full-time course; left with our best wishes.",
                        now=_at(ended, 12),
                        notify=False,
                    )
                    continue
                is_demo_pair = pairing.mentor_id == d.demo["mentor"].pk
                # In the running cohort, a few pairs still wait for one of the two.
                both = not (running and not is_demo_pair and awaiting < 3 and rng.random() < 0.3)
                awaiting += 0 if both else 1
                _replay(d, pairing, rng, until=until, both=both)
            if cohort.number in EARLY:
                _early_closures(d, cohort, EARLY[cohort.number])
        finally:
            Cohort.objects.filter(pk=cohort.pk).update(status=was)
    # In cohort 7 one mentee has asked the manager to end her relationship.
    asking = (
        Pairing.objects.current()
        .filter(cohort=cohorts[-1], relationship__active_since__isnull=False)
        .exclude(mentor=d.demo["mentor"])
        .select_related("mentee")
        .order_by("-pk")
        .first()
    )
    if asking is not None:
        relationship_end_ask(
            pairing=asking,
            by=asking.mentee,
            reason="moved_away",
            note="I got a place at university in Edinburgh and will move in three weeks.",
            now=_at(d.today - timedelta(days=2), 18),
        )
    return {"awaiting": awaiting}
