"""Survey records for tests: items, waves, invitations and (raw) responses."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from amplify.programmes.tests.factories import CohortFactory
from amplify.surveys.models import (
    Answer,
    Invitation,
    Item,
    ItemKind,
    Mode,
    Phase,
    Response,
    Wave,
    WaveQuestion,
)


class ItemFactory(DjangoModelFactory):
    class Meta:
        model = Item
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"item_{n}")
    kind = ItemKind.AGREEMENT
    text = factory.Sequence(lambda n: f"Statement number {n}.")


class WaveFactory(DjangoModelFactory):
    class Meta:
        model = Wave

    cohort = factory.SubFactory(CohortFactory)
    title = "End of programme"
    phase = Phase.POST
    audience = factory.LazyFunction(lambda: ["mentor", "mentee"])
    mode = Mode.CONFIDENTIAL
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=13))


class WaveQuestionFactory(DjangoModelFactory):
    class Meta:
        model = WaveQuestion

    wave = factory.SubFactory(WaveFactory)
    item = factory.SubFactory(ItemFactory)
    position = factory.Sequence(lambda n: n)


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = Invitation

    wave = factory.SubFactory(WaveFactory)
    role = "mentor"
    sent_at = factory.LazyFunction(timezone.now)


class ResponseFactory(DjangoModelFactory):
    class Meta:
        model = Response

    wave = factory.SubFactory(WaveFactory)
    role = "mentor"
    submitted_on = factory.LazyFunction(timezone.localdate)


class AnswerFactory(DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    item = factory.SubFactory(ItemFactory)
