"""Training records for the personas: Positive Influence with its default curriculum,
Alice and Carl its mentors."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from amplify.conftest import World
from amplify.events.models import Event
from amplify.events.tests.factories import EventFactory
from amplify.training import services
from amplify.training.models import Activity, BackgroundCheck, CodeOfConduct, Module


def curriculum(world: World) -> list[Module]:
    return services.curriculum_create_default(programme=world.programme, created_by=world.harriet)


def safeguarding_module(world: World) -> Module:
    return Module.objects.get(programme=world.programme, safeguarding=True)


def topic_modules(world: World) -> list[Module]:
    return list(Module.objects.filter(programme=world.programme, safeguarding=False).in_order())


def attend(world: World, user, module: Module, hours: float) -> Event:
    """A training event of the cohort linked to the module, which the person attended."""
    from amplify.events.models import Rsvp

    starts = timezone.now() - timedelta(days=40)
    event = EventFactory(
        cohort=world.cohort,
        kind=Event.Kind.TRAINING,
        title=f"Training: {module.title}",
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
    )
    module.events.add(event)
    Rsvp.objects.create(event=event, person=world.person(user), attended=True)
    return event


def activity(world: World, user, module: Module | None = None) -> Activity:
    return services.activity_mark_done(
        module=module or safeguarding_module(world),
        person=world.person(user),
        summary="The NSPCC online course",
    )


def ready(world: World, user) -> None:
    """Everything done: hours, safeguarding, code accepted, a clear check."""
    for m in topic_modules(world):
        attend(world, user, m, float(m.hours))
    services.activity_verify(activity=activity(world, user), verified_by=world.harriet)
    code = CodeOfConduct.objects.filter(programme=world.programme).order_by("-version")[0]
    services.code_accept(code=code, person=world.person(user))
    check(world, user)


def check(world: World, user, **overrides) -> BackgroundCheck:
    today = timezone.localdate()
    values = {
        "kind": BackgroundCheck.Kind.DBS_ENHANCED,
        "status": BackgroundCheck.Status.CLEAR,
        "checked_on": today - timedelta(days=100),
        "expires_on": today + timedelta(days=900),
    }
    values.update(overrides)
    return services.background_check_record(
        programme=world.programme, person=world.person(user), verified_by=world.harriet, **values
    )


def make_everything(world: World) -> None:
    curriculum(world)
    ready(world, world.alice)
    activity(world, world.carl, topic_modules(world)[0])
