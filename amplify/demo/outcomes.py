"""The demo's outcomes and showcase projects, for Positive Influence.

Every past cohort has some confirmed outcomes (jobs, apprenticeships, further education,
awards), recorded by the programme manager from the end-of-programme survey or reported by
alumni themselves; its mentees' showcase projects were saved before the showcase began.

Cohort 5 holds exactly the records that make "5 mentees gained employment during the
programme" true when counted by `Outcome.objects.mentees_employed_during` (never typed):
five mentees with a confirmed job, apprenticeship or internship dated inside the cohort (one
of them with two, counted once), plus records that do not count — a job after the cohort
ended, a promotion and further education, a self-reported job still waiting for
confirmation, and one the manager rejected. Unconfirmed outcomes do not count: a figure is
of what the programme confirmed.

In the running cohort 7, the demo mentee has reported an internship herself, waiting for
the programme manager's confirmation, and is preparing her showcase project.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from amplify.accounts.services import user_create
from amplify.demo.programmes import Demo
from amplify.outcomes.models import Outcome, OutcomeRequest, showcase_event
from amplify.outcomes.services import outcome_record, outcome_verify, showcase_project_save
from amplify.people.models import Person
from amplify.people.services import person_link_user
from amplify.programmes.models import Cohort, Enrolment, Programme

EMPLOYERS = (
    "Sony Music UK",
    "Columbia Records",
    "RCA Label Group",
    "Ministry of Sound",
    "Sony Music Publishing",
    "BBC Radio 1Xtra",
    "Warp Films",
    "Rough Trade",
    "Island Records",
    "Abbey Road Studios",
)
ROLES = {
    "job": ("Marketing assistant", "A&R scout", "Junior producer", "Digital content assistant"),
    "apprenticeship": ("Sound engineering apprentice", "Business administration apprentice"),
    "internship": ("Summer intern, sync team", "Intern, artist development"),
    "further_education": ("BA Music Business", "Level 3 Diploma in Music Technology"),
    "promotion": ("Promoted to team lead at her café job",),
    "award": ("Shortlisted for the Youth Music Awards",),
}
PROJECTS = (
    ("A podcast about routes into music", "Six episodes with people from across the label."),
    ("Designing an EP campaign", "A release plan, budget and social content for an EP."),
    ("Mapping London's grassroots venues", "A map and a short report on venues under 300."),
    ("Short film: the first gig", "A seven-minute documentary shot on a phone."),
    ("A playlist brand for new artists", "Curating and growing a playlist of unsigned acts."),
    ("Sync pitch pack", "Three tracks pitched to an imaginary TV drama, with a brief."),
)


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _account(person: Person) -> Any:
    """An alumna's account (no password: she sets one from a reset link), so that what
    she reports is self-reported by her."""
    if person.user is None:
        user = user_create(email=person.email)
        person_link_user(email=person.email, user=user)
        person.refresh_from_db()
    return person.user


def _mentees(cohort: Cohort) -> list[Person]:
    return [
        e.person
        for e in Enrolment.objects.taking_part()
        .filter(cohort=cohort, role=Enrolment.Role.MENTEE)
        .select_related("person__user")
        .order_by("person__name", "pk")
    ]


def _by_manager(d: Demo, cohort: Cohort, person: Person, kind: str, on: date, i: int) -> Outcome:
    return outcome_record(
        person=person,
        recorded_by=d.by,
        cohort=cohort,
        kind=kind,
        happened_on=on,
        organisation=EMPLOYERS[i % len(EMPLOYERS)],
        description=ROLES.get(kind, ("",))[i % len(ROLES.get(kind, ("",)))],
        now=_at(max(on, cohort.ends_on) + timedelta(days=14)),
    )


def _self_reported(d: Demo, cohort: Cohort, person: Person, kind: str, on: date, i: int) -> Any:
    user = _account(person)
    return outcome_record(
        person=person,
        recorded_by=user,
        cohort=cohort,
        kind=kind,
        happened_on=on,
        organisation=EMPLOYERS[i % len(EMPLOYERS)],
        description=ROLES.get(kind, ("",))[0],
        evidence_link="https://www.linkedin.com/in/example",
        now=_at(on + timedelta(days=3)),
    )


def _cohort_five(d: Demo, cohort: Cohort) -> None:
    people = _mentees(cohort)
    start, end = cohort.starts_on, cohort.ends_on
    # The five who gained employment during the programme (one of them twice).
    for i, (kind, days) in enumerate(
        (("job", 120), ("apprenticeship", 95), ("internship", 60), ("job", 150), ("job", 170))
    ):
        _by_manager(d, cohort, people[i], kind, start + timedelta(days=days), i)
    _by_manager(d, cohort, people[2], "job", end - timedelta(days=2), 7)
    # And what does not count.
    _by_manager(d, cohort, people[5], "job", end + timedelta(days=40), 5)  # after it
    _by_manager(d, cohort, people[6], "promotion", start + timedelta(days=100), 6)
    _by_manager(d, cohort, people[7], "further_education", start + timedelta(days=140), 8)
    # Self-reported, never confirmed (she did not send the offer letter).
    _self_reported(d, cohort, people[8], "job", start + timedelta(days=130), 9)
    # Self-reported, and rejected: the internship was one week of work experience.
    rejected = _self_reported(d, cohort, people[9], "internship", start + timedelta(days=80), 3)
    outcome_verify(
        outcome=rejected,
        by=d.by,
        confirm=False,
        reason="One week of work experience, not an internship; recorded as 'other' instead.",
        now=_at(start + timedelta(days=90)),
    )
    _by_manager(d, cohort, people[9], "other", start + timedelta(days=80), 3)


def _other_cohort(d: Demo, cohort: Cohort) -> None:
    # Its own random numbers, so that the builders after this one see the demo's as before.
    rng = random.Random(cohort.number)
    people = _mentees(cohort)
    days = (cohort.ends_on - cohort.starts_on).days
    kinds = ("job", "internship", "further_education", "apprenticeship", "award", "job")
    chosen = rng.sample(people, k=min(len(people), rng.randint(4, 7)))
    for i, person in enumerate(chosen):
        kind = kinds[i % len(kinds)]
        # Most during the programme; some in the six months after it.
        on = cohort.starts_on + timedelta(days=rng.randint(40, days + 150))
        outcome = _self_reported(d, cohort, person, kind, on, i) if i == 0 else None
        if outcome is not None:
            outcome_verify(outcome=outcome, by=d.by, confirm=True, now=_at(on + timedelta(days=9)))
        else:
            _by_manager(d, cohort, person, kind, on, i)


def _requests(cohort: Cohort, today: date) -> None:
    """The requests the periodic job sent for past cohorts (so it does not send them now)."""
    from amplify.core.outcomes import REQUEST_ROUNDS, request_date

    rows = []
    for person in _mentees(cohort):
        for round_ in REQUEST_ROUNDS:
            due = request_date(round_, ends_on=cohort.ends_on)
            if due <= today:
                rows.append(
                    OutcomeRequest(
                        person=person,
                        cohort=cohort,
                        round=round_,
                        due_on=due,
                        created_at=_at(due, 9),
                        sent_at=_at(due, 9),
                    )
                )
    OutcomeRequest.objects.bulk_create(rows, ignore_conflicts=True)


def _projects(d: Demo, cohort: Cohort, people: list[Person], *, now: datetime) -> int:
    event = showcase_event(cohort)
    if event is None:
        return 0
    saved = 0
    for i, person in enumerate(people):
        title, summary = PROJECTS[((cohort.number or 0) * 3 + i) % len(PROJECTS)]
        showcase_project_save(
            person=person,
            cohort=cohort,
            changed_by=_account(person),
            title=title,
            summary=summary,
            link=f"https://example.com/showcase/{cohort.number}/{i + 1}",
            now=min(now, event.starts_at - timedelta(days=2)),
        )
        saved += 1
    return saved


def build_outcomes(d: Demo) -> dict[str, int]:
    programme = Programme.objects.get(slug="positive-influence")
    now = timezone.now()
    projects = 0
    for cohort in programme.cohorts.order_by("number"):
        if cohort.status == Cohort.Status.CLOSED:
            if cohort.number == 5:
                _cohort_five(d, cohort)
            else:
                _other_cohort(d, cohort)
            _requests(cohort, d.today)
            projects += _projects(d, cohort, _mentees(cohort)[:4], now=now)
        elif cohort.status == Cohort.Status.RUNNING:
            mentee = d.demo["mentee"]
            _self_reported(d, cohort, mentee, "internship", d.today - timedelta(days=10), 1)
            projects += _projects(d, cohort, [mentee], now=now)
    return {"outcomes": Outcome.objects.count(), "showcase_projects": projects}
