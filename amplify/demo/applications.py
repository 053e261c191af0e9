"""Applications for Positive Influence: every mentee of cohorts 1–7 applied (most were
referred by the partner), alongside applicants the rules turned away, each decided by the
real eligibility function; cohort 8 is recruiting, with submitted applications, partner
referrals, an offer, and the demo applicant's saved draft. The evidence of closed cohorts
past their retention days is minimised by the real periodic job, leaving the counts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.utils import timezone

from amplify.applications import links, services
from amplify.applications.models import Application, ApplicationEvidence, HeardFrom, Stage
from amplify.applications.periodic import application_evidence_minimise
from amplify.demo.programmes import Demo
from amplify.diversity.models import DiversityProfile
from amplify.matching.vocabulary import TAGS, JobFamily
from amplify.people.models import Person
from amplify.programmes.lifecycle import cohort_set_status
from amplify.programmes.models import Cohort, Enrolment, Programme

APPLICANT = {"name": "Sam Okafor", "email": "applicant@example.com"}
# Applicants each past cohort turned away, and why (what they answered).
TURNED_AWAY: tuple[dict[str, Any], ...] = (
    {"age": 17},  # turns 18 a few weeks after the start
    {"age": 27},
    {"background": ("professional", "independent", "no", "no")},  # no criterion met
    {"right": False},
)


def _born(starts_on: date, age: int, day_offset: int) -> date:
    return date(starts_on.year - age - 1, 1, 1) + timedelta(days=day_offset % 360)


def _turned_away_born(starts_on: date, age: int, n: int) -> date:
    """17: turns 18 a few weeks after the start; otherwise that age, give or take a month."""
    if age < 18:
        return date(starts_on.year - 18, starts_on.month, 1) + timedelta(days=40)
    return date(starts_on.year - age, starts_on.month, 1) - timedelta(days=30 + n)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _past(d: Demo, cohort: Cohort) -> int:
    """A closed or running cohort: its mentees' applications, and a few turned away."""
    made = 0
    started = cohort.status == Cohort.Status.RUNNING
    mentees = (
        Enrolment.objects.filter(cohort=cohort, role=Enrolment.Role.MENTEE)
        .select_related("person__diversity_profile")
        .order_by("pk")
    )
    submitted = _at(cohort.starts_on - timedelta(days=45))
    for n, enrolment in enumerate(mentees):
        person = enrolment.person
        profile = getattr(person, "diversity_profile", None)
        background = {
            q: (getattr(profile, q, "") or "declined")
            for q in ("parental_occupation", "school_type", "free_school_meals")
        } | {"first_generation_university": getattr(profile, "first_generation_university", "")}
        if not any(
            (
                background["parental_occupation"] == "working_class",
                background["free_school_meals"] == "yes",
                background["first_generation_university"] == "yes",
                background["school_type"] in ("state_non_selective", "independent_bursary"),
            )
        ):
            # Everyone who took part met a criterion: the school type they gave says so.
            background["school_type"] = DiversityProfile.SchoolType.STATE_NON_SELECTIVE
        stage = Stage.STARTED if started else Stage.COMPLETED
        if enrolment.status == Enrolment.Status.WITHDRAWN:
            stage = Stage.WITHDRAWN
        made += _record(
            d,
            cohort,
            name=person.name,
            email=person.email,
            born=_born(cohort.starts_on, 18 + n % 7, n * 37),
            background=background,
            right=True,
            stage=stage,
            submitted=submitted,
            referred=person.referred_by is not None,
            person=person,
        )
    for n, spec in enumerate(TURNED_AWAY):
        occupation, school, meals, first = spec.get(
            "background", ("working_class", "state_non_selective", "yes", "no")
        )
        made += _record(
            d,
            cohort,
            name=f"{d.rng.choice(['Alex', 'Jordan', 'Riley', 'Morgan', 'Casey'])} "
            f"{d.rng.choice(['Hughes', 'Patel', 'Nwosu', 'Kowalski', 'Reid'])}",
            email=f"applicant-{cohort.number}-{n}@example.org",
            born=_turned_away_born(cohort.starts_on, int(spec.get("age", 20)), n),
            background={
                "parental_occupation": occupation,
                "school_type": school,
                "free_school_meals": meals,
                "first_generation_university": first,
            },
            right=bool(spec.get("right", True)),
            stage=None,
            submitted=submitted,
            referred=n % 2 == 0,
        )
    return made


def _record(
    d: Demo,
    cohort: Cohort,
    *,
    name: str,
    email: str,
    born: date,
    background: dict[str, str],
    right: bool,
    stage: Stage | None,
    submitted: datetime,
    referred: bool,
    person: Person | None = None,
) -> int:
    """One application of a past cohort, decided by the cohort's rules (stage None: as
    the rules decide it)."""
    application = Application(
        cohort=cohort,
        name=name,
        email=email,
        postcode=d.rng.choice(["E1 6AN", "M1 1AE", "B5 4BU", "LS1 4AP", "BS1 5TR", "L1 8JQ"]),
        right_to_take_part=right,
        interests=d.rng.sample(TAGS, 3),
        career_aspiration=d.rng.choice(JobFamily.values),
        languages=["en"],
        availability=sorted(d.rng.sample(range(21), 4)),
        heard_from=HeardFrom.PARTNER if referred else d.rng.choice(HeardFrom.values),
        referred_by=d.partner if referred else None,
        consent_given_at=submitted,
        submitted_at=submitted,
        complete=True,
        person=person,
    )
    evidence = ApplicationEvidence(date_of_birth=born, **background)
    services.eligibility_record(application, evidence)
    if stage is None:
        stage = Stage.ELIGIBLE if application.eligible else Stage.INELIGIBLE
    application.stage = stage
    if stage in (Stage.STARTED, Stage.COMPLETED, Stage.WITHDRAWN):
        application.accepted_at = submitted + timedelta(days=14)
    application.save()
    evidence.application = application
    evidence.save()
    return 1


def _recruiting(d: Demo, cohort: Cohort) -> str:
    """Cohort 8 opens recruitment: applications through the real services."""
    cohort = cohort_set_status(cohort=cohort, status=Cohort.Status.RECRUITING, changed_by=d.by)
    answers: dict[str, Any] = {
        "postcode": "SE15 4QL",
        "right_to_take_part": True,
        "interests": ["Songwriting", "Music production", "Social media"],
        "career_aspiration": JobFamily.AR,
        "languages": ["en"],
        "availability": [4, 7, 13],
        "heard_from": HeardFrom.SOCIAL,
        "parental_occupation": "working_class",
        "school_type": "state_non_selective",
        "free_school_meals": "yes",
        "first_generation_university": "yes",
    }
    starts = cohort.starts_on
    people: list[tuple[str, int, dict[str, Any]]] = [
        ("Maya Lewis", 20, {}),
        ("Tom Baker", 23, {}),
        ("Priya Shah", 19, {"first_generation_university": "no"}),
        ("Kai Roberts", 17, {}),  # turns 18 just after the start
        ("Leah Murray", 22, {"right_to_take_part": False}),
        (
            "Ben Carter",
            24,
            {
                "parental_occupation": "professional",
                "school_type": "independent",
                "free_school_meals": "no",
                "first_generation_university": "no",
            },
        ),
    ]
    submitted = []
    for name, age, extra in people:
        born = date(starts.year - age, starts.month, starts.day) + timedelta(days=3)
        if age == 17:
            born = date(starts.year - 18, starts.month, starts.day) + timedelta(days=5)
        application, _created = services.application_start(
            cohort=cohort,
            email=f"{name.split()[0].lower()}@example.org",
            consent=True,
            language="en-gb",
            name=name,
            date_of_birth=born,
            **(answers | extra),
        )
        submitted.append(services.application_submit(application=application))
    pm = d.by
    services.application_decide(application=submitted[0], action="shortlist", decided_by=pm)
    services.application_decide(application=submitted[1], action="offer", decided_by=pm)
    services.application_decide(application=submitted[2], action="waitlist", decided_by=pm)
    partner_user = d.demo["partner"].user
    assert partner_user is not None
    for name in ("Chloe Adams", "Ryan Evans", "Zara Hussain"):
        services.referral_create(
            cohort=cohort,
            partner=d.partner,
            name=name,
            email=f"{name.split()[0].lower()}.referred@example.org",
            referred_by=partner_user,
        )
    # The demo applicant started her application and saved it: the link resumes it.
    draft, _created = services.application_start(
        cohort=cohort,
        consent=True,
        language="en-gb",
        name=APPLICANT["name"],
        email=APPLICANT["email"],
        postcode="N17 6RA",
        interests=["Live music", "Touring"],
        heard_from=HeardFrom.EVENT,
    )
    return links.resume_link(draft)


def build_applications(d: Demo) -> str:
    """Returns the demo applicant's link to her saved draft."""
    programme = Programme.objects.get(name="Positive Influence")
    for cohort in programme.cohorts.exclude(number=8).order_by("number"):
        _past(d, cohort)
    link = _recruiting(d, programme.cohorts.get(number=8))
    application_evidence_minimise(timezone.now())
    return link
