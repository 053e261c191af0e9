"""The demo's nominations. Every participant of the past and running leadership cohorts
was selected from a nomination by her line manager (a few nominated themselves and were
endorsed). The next cohort, "Amplify <next year>", is recruiting: its board holds
nominations in every state — submitted, awaiting a line manager's endorsement (one waits
for a demo login's), selected (and so enrolled), waitlisted, declined with a reason, and
withdrawn."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from amplify.demo.programmes import Demo, _months
from amplify.nominations.models import Nomination, Seniority
from amplify.nominations.services import (
    nomination_create,
    nomination_decide,
    nomination_endorse,
    nomination_withdraw,
)
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.programmes.services import cohort_create

SENIORITY = {
    "Coordinator": Seniority.INDIVIDUAL,
    "Executive": Seniority.INDIVIDUAL,
    "Manager": Seniority.MANAGER,
    "Senior Manager": Seniority.SENIOR_MANAGER,
    "Director": Seniority.DIRECTOR,
}
CASES = (
    "She ran the {division} launch in {country} with half the budget and twice the reach; "
    "her team would follow her anywhere. Ready to lead beyond her own patch.",
    "Quietly the person everyone in {country} goes to with a hard problem. Amplify would "
    "give him the confidence to lead the change he already sees.",
    "Built our first data partnership in {division} from nothing. She thinks big and acts "
    "small, which is exactly what this programme is for.",
    "Moved from sales into digital last year and already leads the streaming push in "
    "{country}. Wants to test an idea for older listeners.",
)
DECLINE_REASONS = (
    "Next year: she has just started a new role and we would like her settled in it first.",
    "A strong case; this cohort already has three people from the same team.",
)


def _case(d: Demo, person: Person) -> str:
    template = d.rng.choice(CASES)
    return template.format(
        division=person.division.name if person.division else "our",
        country=person.country.name if person.country else "our market",
    )


def _band(d: Demo, person: Person) -> str:
    employee = d.employees_by_person.get(person.pk)
    return SENIORITY.get(employee.level, "") if employee else ""


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10), tzinfo=timezone.get_current_timezone())


def _past_cohorts(d: Demo, programme: Programme) -> int:
    """The participants of the cohorts built so far, each selected from a nomination."""
    made = 0
    pm = d.demo["pm"]
    for cohort in programme.cohorts.exclude(status=Cohort.Status.RECRUITING):
        participants = Person.objects.filter(
            enrolments__cohort=cohort, enrolments__role=Enrolment.Role.PARTICIPANT
        ).select_related("manager")
        decided = _at(cohort.starts_on - timedelta(days=40))
        rows = []
        for person in participants:
            own = person.manager is None or d.rng.random() < 0.15
            rows.append(
                Nomination(
                    cohort=cohort,
                    nominee=person,
                    nominated_by=person if own else person.manager,
                    self_nominated=own,
                    case=_case(d, person),
                    seniority=_band(d, person),
                    status=Nomination.Status.SELECTED,
                    decided_by=pm,
                    decided_at=decided,
                    endorsed_by=person.manager if own else None,
                    endorsed_at=decided - timedelta(days=10) if own and person.manager else None,
                )
            )
        Nomination.objects.bulk_create(rows)
        # Nominations opened about two months before the cohort began.
        Nomination.objects.filter(cohort=cohort).update(
            created_at=_at(cohort.starts_on - timedelta(days=60))
        )
        made += len(rows)
    return made


def _candidates(d: Demo, count: int) -> list[Person]:
    """Employees with a line manager, not taking part in the programme so far."""
    taken = set(
        Enrolment.objects.filter(cohort__programme__kind=Programme.Kind.LEADERSHIP).values_list(
            "person_id", flat=True
        )
    )
    demo_ids = {p.pk for p in d.demo.values()}
    pool = [
        p
        for p in Person.objects.employees()
        .filter(manager__isnull=False, division__isnull=False, country__isnull=False)
        .select_related("manager", "country", "division")
        .order_by("pk")[:3000]
        if p.pk not in taken and p.pk not in demo_ids and p.manager_id not in demo_ids
    ]
    d.rng.shuffle(pool)
    return pool[:count]


def build_nominations(d: Demo) -> dict[str, int]:
    programme = Programme.objects.get(kind=Programme.Kind.LEADERSHIP, name="Amplify")
    past = _past_cohorts(d, programme)
    cohort = programme.cohorts.filter(status=Cohort.Status.RECRUITING).first()
    if cohort is None:
        year = d.today.year + 1
        starts_on = date(year, 3, 1)
        cohort = cohort_create(
            programme=programme,
            name=f"Amplify {year}",
            starts_on=starts_on,
            ends_on=_months(starts_on, 7, -3),
            created_by=d.by,
            description="Our next cohort: line managers are nominating now.",
            status=Cohort.Status.RECRUITING,
        )
    pm = d.demo["pm"]
    people = _candidates(d, 26)
    plan = (
        ["submitted"] * 8
        + ["awaiting"] * 3
        + ["endorsed"] * 3
        + ["selected"] * 6
        + ["waitlisted"] * 3
        + ["declined"] * 2
        + ["withdrawn"]
    )
    for person, state in zip(people, plan, strict=False):
        own = state in ("awaiting", "endorsed")
        n = nomination_create(
            cohort=cohort,
            nominee=person,
            nominated_by=person if own else person.manager,  # type: ignore[arg-type]
            case=_case(d, person),
            seniority=_band(d, person),
        )
        if state == "endorsed":
            nomination_endorse(nomination=n, endorsed_by=person.manager)  # type: ignore[arg-type]
        elif state == "withdrawn":
            nomination_withdraw(nomination=n, withdrawn_by=n.nominated_by)
        elif state in ("selected", "waitlisted", "declined"):
            nomination_decide(
                nomination=n,
                decision={"selected": "select", "waitlisted": "waitlist", "declined": "decline"}[
                    state
                ],
                reason=d.rng.choice(DECLINE_REASONS) if state == "declined" else "",
                decided_by=pm,
                changed_by=d.by,
            )
    _waiting_for_a_demo_login(d, cohort)
    return {
        "past nominations": past,
        "recruiting cohort nominations": Nomination.objects.filter(cohort=cohort).count(),
    }


def _waiting_for_a_demo_login(d: Demo, cohort: Cohort) -> None:
    """A report of a demo login nominated herself: it waits for that login's endorsement."""
    for key in ("sponsor", "mentor", "coach", "participant"):
        manager = d.demo[key]
        report = (
            manager.reports.employees()
            .exclude(nominations__cohort=cohort)
            .exclude(enrolments__cohort__programme=cohort.programme)
            .order_by("pk")
            .first()
        )
        if report is not None:
            nomination_create(
                cohort=cohort,
                nominee=report,
                nominated_by=report,
                case=_case(d, report),
                seniority=_band(d, report),
            )
            return
