"""Showcase records on top of the world, for these tests and the shared walks: the
leadership cohort's showcase event, Lena's and Leo's experiments (Sam sponsors Lena's), the
default rubric, one slot per experiment, and Sam judging Leo's (not Lena's: she sponsors it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from amplify.conftest import World
from amplify.events.models import Event
from amplify.events.tests.factories import EventFactory
from amplify.experiments.models import Experiment
from amplify.people.tests.factories import PersonFactory, UserFactory
from amplify.programmes.models import Enrolment
from amplify.programmes.tests.factories import EnrolmentFactory
from amplify.showcase import services
from amplify.showcase.models import JudgeAssignment, Rubric, Slot


@dataclass
class Showcase:
    event: Event
    rubric: Rubric
    lena_slot: Slot
    leo_slot: Slot
    sam_on_leo: JudgeAssignment


def showcase_for(world: World) -> Showcase:
    """Made once per test; a second call finds the first."""
    cohort = world.leadership_cohort
    event = Event.objects.filter(cohort=cohort, kind=Event.Kind.SHOWCASE).first()
    if event is None:
        start = timezone.now() - timedelta(hours=3)
        event = EventFactory(
            cohort=cohort,
            kind=Event.Kind.SHOWCASE,
            title="Global showcase",
            starts_at=start,
            ends_at=start + timedelta(hours=4),
        )
        sam = world.person(world.sam)
        Experiment.objects.create(
            cohort=cohort, owner=world.person(world.lena), sponsor=sam, title="Nordic streaming"
        )
        Experiment.objects.create(cohort=cohort, owner=world.person(world.leo), title="Vloggers")
    rubric = services.rubric_create_default(programme=world.leadership, changed_by=world.max)
    if not Slot.objects.filter(event=event).exists():
        services.slots_generate(event=event, changed_by=world.max, minutes=20)
    lena_slot = Slot.objects.get(event=event, experiment__owner__user=world.lena)
    leo_slot = Slot.objects.get(event=event, experiment__owner__user=world.leo)
    sam_on_leo = services.judge_assign(
        slot=leo_slot, judge=world.person(world.sam), changed_by=world.max
    )
    return Showcase(event, rubric, lena_slot, leo_slot, sam_on_leo)


def marks(rubric: Rubric, *values: int) -> dict[int, int]:
    criteria = list(rubric.criteria.all())
    return {c.pk: values[i % len(values)] for i, c in enumerate(criteria)}


def another_judge(world: World, name: str = "Jo Judge") -> tuple[object, object]:
    """An MD sponsoring nothing, enrolled as a sponsor of the cohort, with an account."""
    user = UserFactory()
    person = PersonFactory(name=name, email=user.email, user=user)
    EnrolmentFactory(cohort=world.leadership_cohort, person=person, role=Enrolment.Role.SPONSOR)
    return user, person


def make_everything(world: World) -> Showcase:
    """Every kind of showcase record, for the admin walks: marks, a publication, a vote."""
    show = showcase_for(world)
    services.scores_save(
        assignment=show.sam_on_leo, judge=world.person(world.sam), values=marks(show.rubric, 4)
    )
    services.audience_vote_set(event=show.event, is_open=True, changed_by=world.max)
    services.audience_vote_cast(
        event=show.event, voter=world.person(world.lena), slot=show.leo_slot
    )
    return show
