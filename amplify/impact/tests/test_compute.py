"""Figures computed from raw answers: the seed's "74% (14 of 19)" and its suppression."""

import pytest

from amplify.conftest import World
from amplify.impact.compute import indicator_figure
from amplify.impact.library import indicators_install
from amplify.impact.models import Indicator
from amplify.surveys.models import Item, Phase
from amplify.surveys.tests.factories import (
    AnswerFactory,
    InvitationFactory,
    ResponseFactory,
    WaveFactory,
    WaveQuestionFactory,
)


def _answers(world: World, values: list[float], *, invited: int) -> None:
    item = Item.objects.get(key="would_continue_meeting")
    wave = WaveFactory(cohort=world.cohort, phase=Phase.POST)
    WaveQuestionFactory(wave=wave, item=item)
    from amplify.people.tests.factories import PersonFactory

    for _ in range(invited):
        InvitationFactory(wave=wave, person=PersonFactory(), role="mentor")
    for value in values:
        AnswerFactory(response=ResponseFactory(wave=wave, role="mentor"), item=item, number=value)


@pytest.mark.django_db
def test_it_computes_a_share_with_its_interval_and_response_rate(world: World) -> None:
    indicators_install()
    _answers(world, [1.0] * 14 + [0.0] * 5, invited=23)
    figure = indicator_figure(
        Indicator.objects.get(key="mentors_would_continue"), cohorts=[world.cohort]
    )
    assert figure.display() == "74% (14 of 19; 95% CI 51–88%)"
    assert figure.response_rate() == "19 of 23 answered"
    assert figure.trace["numerator"] == 14
    assert figure.trace["n"] == 19


@pytest.mark.django_db
def test_it_hides_a_share_whose_split_is_a_small_group(world: World) -> None:
    indicators_install()
    _answers(world, [1.0] * 9 + [0.0] * 2, invited=12)
    figure = indicator_figure(
        Indicator.objects.get(key="mentors_would_continue"), cohorts=[world.cohort]
    )
    assert figure.value is None
    assert figure.numerator is None
    assert figure.n is None
    assert figure.display() == "fewer than 5"
