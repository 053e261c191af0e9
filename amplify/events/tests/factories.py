from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from amplify.events.models import Event, EventSession

if TYPE_CHECKING:
    from amplify.conftest import World


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    cohort = factory.SubFactory("amplify.programmes.tests.factories.CohortFactory")
    kind = Event.Kind.LAUNCH
    title = factory.Sequence(lambda n: f"Event {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    time_zone = "Europe/London"
    format = Event.Format.IN_PERSON
    audience = factory.LazyAttribute(lambda o: Event.default_audience(kind=o.kind, cohort=o.cohort))
    venue = "Derry Street, London"


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = EventSession

    event = factory.SubFactory(EventFactory, kind=Event.Kind.GLOBAL_WEEK)
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at + timedelta(hours=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    place = factory.Sequence(lambda n: f"Room {n}")
    host = "Street Theatre Company"
    activity = EventSession.Activity.STREET_THEATRE


def global_week(world: World, *, days_from_now: int = 30) -> Event:
    """A seven-day global week of the leadership cohort (Max runs it; Lena and Leo go)."""
    starts = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(
        days=days_from_now
    )
    return EventFactory(
        cohort=world.leadership_cohort,
        kind=Event.Kind.GLOBAL_WEEK,
        title="Global week, Madrid",
        starts_at=starts,
        ends_at=starts + timedelta(days=6, hours=8),
        time_zone="Europe/Madrid",
        venue="Madrid",
    )


def make_everything(world: World) -> None:
    """One of each of the global week's records, for the admin walk."""
    from amplify.events.models import ActivityGroup, SessionAttendance

    week = global_week(world, days_from_now=-3)
    session = SessionFactory(
        event=week, starts_at=week.starts_at, ends_at=week.starts_at + timedelta(hours=2)
    )
    SessionAttendance.objects.create(
        session=session, person=world.person(world.lena), attended=True, recorded_at=timezone.now()
    )
    group = ActivityGroup.objects.create(event=week, name="Group 1")
    group.members.add(world.person(world.lena), world.person(world.leo))
