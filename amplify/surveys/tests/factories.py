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


# A wave with one question of every kind (the respondent side's tests answer it).
EVERY_KIND = (
    ("barriers_understood", ItemKind.AGREEMENT, True, {}),
    ("would_recommend", ItemKind.RECOMMENDATION, True, {}),
    ("keep_meeting", ItemKind.YES_NO, True, {}),
    ("hours_a_month", ItemKind.NUMBER, False, {"number_min": 0, "number_max": 40}),
    (
        "heard_from",
        ItemKind.SINGLE,
        False,
        {
            "choices": [
                {"value": "school", "label": "My school"},
                {"value": "friend", "label": "A friend"},
            ]
        },
    ),
    (
        "liked_most",
        ItemKind.MULTIPLE,
        False,
        {
            "choices": [
                {"value": "meetings", "label": "Meetings"},
                {"value": "events", "label": "Events"},
                {"value": "visits", "label": "Office visits"},
            ]
        },
    ),
    ("comments", ItemKind.TEXT, False, {}),
)


def wave_of_every_kind(**kwargs: object) -> Wave:
    """A wave (WaveFactory's defaults, overridable) asking one question of each kind."""
    wave = WaveFactory(**kwargs)
    for position, (key, kind, required, extra) in enumerate(EVERY_KIND):
        item = ItemFactory(key=key, kind=kind, text=f"Question {key}?", **extra)
        WaveQuestionFactory(wave=wave, item=item, position=position, required=required)
    return wave
