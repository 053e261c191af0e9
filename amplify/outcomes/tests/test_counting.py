"""The one count of "mentees of cohort X who gained employment during the programme", and
the rule that an aggregate page never shows a count under 5."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from amplify.conftest import World
from amplify.outcomes.models import Outcome
from amplify.outcomes.services import outcome_verify
from amplify.outcomes.tests.factories import a_moment_in, bea_outcome, during
from amplify.people.tests.factories import ExternalPersonFactory
from amplify.programmes.models import Enrolment
from amplify.programmes.tests.factories import EnrolmentFactory


def _confirmed(world: World, person, **kwargs) -> Outcome:
    outcome = bea_outcome(world, person=person, recorded_by=world.harriet, **kwargs)
    assert outcome.is_confirmed
    return outcome


def _mentees(world: World, n: int) -> list:
    people = [ExternalPersonFactory() for _ in range(n)]
    for person in people:
        EnrolmentFactory(cohort=world.cohort, person=person, role=Enrolment.Role.MENTEE)
    return people


def test_it_counts_confirmed_employment_during_the_programme_once_per_mentee(
    world: World,
) -> None:
    bea, dan = world.person(world.bea), world.person(world.dan)
    _confirmed(world, bea, kind="job")
    _confirmed(world, bea, kind="internship")  # the same mentee: counted once
    _confirmed(world, dan, kind="apprenticeship")
    assert Outcome.objects.mentees_employed_during(world.cohort) == 2


def test_it_leaves_out_what_does_not_count(world: World) -> None:
    bea, dan = world.person(world.bea), world.person(world.dan)
    later = a_moment_in(world) + timedelta(days=40)
    # after the programme; a promotion; self-reported only; rejected; a mentor's own job
    _confirmed(world, bea, kind="job", happened_on=world.cohort.ends_on + timedelta(1), now=later)
    _confirmed(world, bea, kind="promotion")
    bea_outcome(world, person=dan, recorded_by=world.dan, kind="job")
    rejected = bea_outcome(world, kind="job")
    outcome_verify(outcome=rejected, by=world.harriet, confirm=False, reason="Not a job")
    alice = world.person(world.alice)
    bea_outcome(world, person=alice, recorded_by=world.alice, kind="job", cohort=None)
    assert Outcome.objects.mentees_employed_during(world.cohort) == 0


def test_a_mentee_who_withdrew_is_not_counted(world: World) -> None:
    bea = world.person(world.bea)
    _confirmed(world, bea, kind="job")
    Enrolment.objects.filter(person=bea).update(status=Enrolment.Status.WITHDRAWN)
    assert Outcome.objects.mentees_employed_during(world.cohort) == 0


def test_the_cohort_page_shows_fewer_than_5_then_the_figure(world: World, as_user) -> None:
    people = _mentees(world, 5)
    for person in people[:4]:
        _confirmed(world, person, kind="job")
    url = reverse("outcomes:cohort", args=[world.cohort.pk])
    page = as_user(world.harriet).get(url)
    assert page.status_code == 200
    assert page.context["employed"] is None
    assert b"fewer than 5" in page.content
    _confirmed(world, people[4], kind="job", happened_on=during(world))
    page = as_user(world.ina).get(url)
    assert page.context["employed"] == 5


def test_the_cohort_page_is_for_its_managers_and_impact_admins(world: World, as_user) -> None:
    url = reverse("outcomes:cohort", args=[world.cohort.pk])
    assert as_user(world.bea).get(url).status_code == 403
    assert as_user(world.alice).get(url).status_code == 403
    assert as_user(world.otto).get(url).status_code == 404
    assert as_user(world.ada).get(url).status_code == 200
    other = reverse("outcomes:cohort", args=[world.leadership_cohort.pk])
    assert as_user(world.harriet).get(other).status_code == 404
