"""Nominations on top of the world, for these tests and the shared walks (the wrong-role
table, the admin walks, the query counts).

The reporting lines (the HR import's `Person.manager`): Bob is Otto's line manager, and
Otto is Nia's. The recruiting cohort is a second cohort of Max's leadership programme."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from amplify.accounts.models import User
from amplify.conftest import World, _user
from amplify.nominations.models import Nomination, Seniority
from amplify.nominations.services import (
    nomination_create,
    nomination_decide,
    nomination_endorse,
    nomination_withdraw,
)
from amplify.people.models import Person
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Cohort
from amplify.programmes.tests.factories import CohortFactory

CASE = "Nia turned round the Nordic streaming launch; she is ready to lead people."


@dataclass
class Line:
    cohort: Cohort  # Amplify 2027, recruiting
    bob: User  # Otto's line manager
    nia: User  # Otto's direct report

    def person(self, user: User) -> Person:
        return Person.objects.get(user=user)


def recruiting_cohort(world: World) -> Cohort:
    found = Cohort.objects.filter(programme=world.leadership, name="Amplify 2027").first()
    return found or CohortFactory(
        programme=world.leadership,
        name="Amplify 2027",
        starts_on=date(2027, 3, 1),
        ends_on=date(2027, 9, 28),
        status=Cohort.Status.RECRUITING,
    )


def line(world: World) -> Line:
    """Bob manages Otto, who manages Nia; the recruiting cohort."""
    cohort = recruiting_cohort(world)
    otto = world.person(world.otto)
    existing = User.objects.filter(email="nia@sony.example").first()
    if existing is not None:
        return Line(cohort, User.objects.get(email="bob@sony.example"), existing)
    bob = _user("bob@sony.example")
    nia = _user("nia@sony.example")
    bob_person = PersonFactory(
        name="Bob Staff", email=bob.email, user=bob, division=otto.division, country_id="DE"
    )
    PersonFactory(name="Nia Staff", email=nia.email, user=nia, manager=otto, division=otto.division)
    otto.manager = bob_person
    otto.save(update_fields=["manager"])
    return Line(cohort, bob, nia)


def nia_nominated(world: World, **extra: str) -> Nomination:
    """Otto nominates Nia, his report: submitted at once."""
    ln = line(world)
    return nomination_create(
        cohort=ln.cohort,
        nominee=ln.person(ln.nia),
        nominated_by=world.person(world.otto),
        case=CASE,
        seniority=extra.get("seniority", Seniority.MANAGER),
    )


def otto_self_nominated(world: World) -> Nomination:
    """Otto nominates himself: awaiting Bob's endorsement."""
    ln = line(world)
    return nomination_create(
        cohort=ln.cohort,
        nominee=world.person(world.otto),
        nominated_by=world.person(world.otto),
        case="I want to learn to lead the team I now have.",
    )


def make_everything(world: World) -> None:
    """A nomination in each state, for the admin walk."""
    ln = line(world)
    otto = world.person(world.otto)
    max_ = world.person(world.max)
    own = otto_self_nominated(world)
    nomination_endorse(nomination=own, endorsed_by=ln.person(ln.bob))
    nomination_decide(nomination=own, decision="waitlist", decided_by=max_, changed_by=world.max)
    nia = nia_nominated(world)
    nomination_decide(nomination=nia, decision="select", decided_by=max_, changed_by=world.max)
    for i in range(2):
        person = PersonFactory(name=f"Report {i}", manager=otto)
        n = nomination_create(cohort=ln.cohort, nominee=person, nominated_by=otto, case=CASE)
        if i:
            nomination_withdraw(nomination=n, withdrawn_by=otto)
        else:
            nomination_decide(
                nomination=n,
                decision="decline",
                reason="Next year, after her first year in the role.",
                decided_by=max_,
                changed_by=world.max,
            )
