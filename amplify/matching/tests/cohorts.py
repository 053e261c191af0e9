"""A small mentoring cohort ready to match, on top of the shared world.

Cohort 8 of Harriet's programme: mentors Alice and Carl (trained, 10 hours), Mo (never
trained); mentees Bea and Dan, Eve (speaks only French), and Fay, whose manager's manager is
Carl. Everyone is free on Monday and Tuesday mornings unless a test says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from amplify.conftest import World
from amplify.events.models import Event, Rsvp
from amplify.events.tests.factories import EventFactory
from amplify.matching.models import MatchProfile
from amplify.people.models import Person
from amplify.people.tests.factories import ExternalPersonFactory, PersonFactory
from amplify.programmes.models import Cohort, Enrolment
from amplify.programmes.tests.factories import CohortFactory, EnrolmentFactory


@dataclass
class Matchable:
    cohort: Cohort
    alice: Person
    carl: Person
    mo: Person
    bea: Person
    dan: Person
    eve: Person
    fay: Person

    @property
    def mentors(self) -> list[Person]:
        return [self.alice, self.carl, self.mo]

    @property
    def mentees(self) -> list[Person]:
        return [self.bea, self.dan, self.eve, self.fay]


def profile(person: Person, **fields: object) -> MatchProfile:
    defaults: dict[str, object] = {"availability": [0, 3], "tags": ["Marketing"], "capacity": 1}
    defaults.update(fields)
    return MatchProfile.objects.update_or_create(person=person, defaults=defaults)[0]


def train(cohort: Cohort, people: list[Person], hours: int = 10) -> None:
    """Two attended training sessions adding up to `hours`."""
    start = timezone.now() - timedelta(days=20)
    for n in range(2):
        event = EventFactory(
            cohort=cohort,
            kind=Event.Kind.TRAINING,
            starts_at=start + timedelta(days=n),
            ends_at=start + timedelta(days=n, hours=hours / 2),
        )
        for person in people:
            Rsvp.objects.create(event=event, person=person, response="going", attended=True)


def build_matchable(world: World) -> Matchable:
    cohort = CohortFactory(
        programme=world.programme,
        name="Positive Influence 2027 (cohort 8)",
        status=Cohort.Status.MATCHING,
    )
    alice, carl = world.person(world.alice), world.person(world.carl)
    bea, dan = world.person(world.bea), world.person(world.dan)
    mo = PersonFactory(name="Mo Staff")
    eve = ExternalPersonFactory(name="Eve Young", languages=["fr"])
    boss = PersonFactory(name="Boss Staff", manager=carl)
    fay = ExternalPersonFactory(name="Fay Young", manager=boss)
    for person in (alice, carl, mo):
        EnrolmentFactory(cohort=cohort, person=person, role=Enrolment.Role.MENTOR)
    for person in (bea, dan, eve, fay):
        EnrolmentFactory(cohort=cohort, person=person, role=Enrolment.Role.MENTEE)
    profile(alice, tags=["Marketing", "Podcasts"], job_family="marketing", seniority=4)
    profile(carl, tags=["Law", "Licensing"], job_family="legal", seniority=5)
    profile(mo, tags=["Marketing"], job_family="marketing", capacity=3)
    profile(bea, tags=["Marketing", "Podcasts"], job_family="marketing", seniority=0)
    profile(dan, tags=["Law"], job_family="legal", seniority=0)
    profile(eve, tags=["Marketing"], seniority=0)
    profile(fay, tags=["Law", "Licensing"], job_family="legal", seniority=0)
    train(cohort, [alice, carl])
    return Matchable(cohort, alice, carl, mo, bea, dan, eve, fay)
