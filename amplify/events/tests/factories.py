from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from amplify.events.models import Event


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
