"""People for roll-up tests: enough to show cells, with a few small groups to hide."""

from __future__ import annotations

from datetime import date

from amplify.people.models import Division, Person
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.programmes.tests.factories import CohortFactory

R = Enrolment.Role
S = Enrolment.Status


def enrol(
    cohort: Cohort,
    role: str,
    n: int,
    *,
    country: str = "GB",
    division: Division | None = None,
    status: str = S.ACTIVE,
) -> list[Person]:
    people = PersonFactory.create_batch(n, country_id=country, division=division)
    Enrolment.objects.bulk_create(
        Enrolment(cohort=cohort, person=p, role=role, status=status) for p in people
    )
    return people


def grow(programme: Programme, *, scale: int = 1, year: int = 2024) -> list[Cohort]:
    """Cohorts of `programme`: per cohort 12×scale mentors in GB, 3 in FR (a small group),
    10×scale mentees in GB of whom 6×scale completed and 2 withdrew."""
    cohorts = []
    for i in range(scale):
        cohort = CohortFactory(
            programme=programme,
            name=f"{programme.name} {year} #{i}",
            starts_on=date(year, 1, 10),
            ends_on=date(year, 12, 10),
        )
        enrol(cohort, R.MENTOR, 12 * scale)
        enrol(cohort, R.MENTOR, 3, country="FR")
        enrol(cohort, R.MENTEE, 6 * scale, status=S.COMPLETED)
        enrol(cohort, R.MENTEE, 2, status=S.WITHDRAWN)
        enrol(cohort, R.MENTEE, 4 * scale)
        cohorts.append(cohort)
    return cohorts
