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


# ---------- Paired change, filters, breakdowns, free text, meetings, the trace ----------


def _wave(world: World, item: Item, phase: str, mode: str = "confidential"):
    wave = WaveFactory(cohort=world.cohort, phase=phase, mode=mode)
    WaveQuestionFactory(wave=wave, item=item)
    return wave


def _respond(wave, item: Item, value: float, *, pseudonym: str = "", country=None) -> None:
    response = ResponseFactory(wave=wave, role="mentor", pseudonym=pseudonym, country=country)
    AnswerFactory(response=response, item=item, number=value)


@pytest.mark.django_db
def test_it_tests_paired_confidential_answers_with_mcnemar(world: World) -> None:
    indicators_install()
    item = Item.objects.get(key="barriers_understood")
    pre, post = _wave(world, item, Phase.PRE), _wave(world, item, Phase.POST)
    # 8 people move from disagree to agree, 4 agreed both times; one answered post only.
    for i in range(12):
        _respond(pre, item, 2.0 if i < 8 else 4.0, pseudonym=f"p{i}")
        _respond(post, item, 5.0, pseudonym=f"p{i}")
    _respond(post, item, 5.0, pseudonym="p-late")
    figure = indicator_figure(
        Indicator.objects.get(key="mentors_understand_barriers"), cohorts=[world.cohort]
    )
    assert figure.paired is not None
    assert (figure.paired.test, figure.paired.pairs, figure.paired.improved) == ("mcnemar", 12, 8)
    assert figure.paired.p_value == pytest.approx(2 / 256)
    assert figure.trace["paired"]["pairs"] == 12


@pytest.mark.django_db
def test_it_makes_no_paired_claim_on_anonymous_answers(world: World) -> None:
    indicators_install()
    item = Item.objects.get(key="barriers_understood")
    pre, post = _wave(world, item, Phase.PRE, "anonymous"), _wave(world, item, Phase.POST)
    for i in range(8):
        _respond(pre, item, 2.0)
        _respond(post, item, 5.0, pseudonym=f"p{i}")
    figure = indicator_figure(
        Indicator.objects.get(key="mentors_understand_barriers"), cohorts=[world.cohort]
    )
    assert figure.paired is None
    assert "anonymous" in figure.paired_note


@pytest.mark.django_db
def test_it_reports_no_change_on_fewer_than_five_pairs(world: World) -> None:
    indicators_install()
    item = Item.objects.get(key="barriers_understood")
    pre, post = _wave(world, item, Phase.PRE), _wave(world, item, Phase.POST)
    for i in range(4):
        _respond(pre, item, 2.0, pseudonym=f"p{i}")
    for i in range(10):
        _respond(post, item, 5.0, pseudonym=f"p{i}")
    figure = indicator_figure(
        Indicator.objects.get(key="mentors_understand_barriers"), cohorts=[world.cohort]
    )
    assert figure.paired is None
    assert "Fewer than 5" in figure.paired_note


def _countries(world: World, spread: dict[str, tuple[int, int]]) -> Item:
    """Post answers per country: (agree, disagree)."""
    from amplify.people.models import Country

    indicators_install()
    item = Item.objects.get(key="barriers_understood")
    post = _wave(world, item, Phase.POST)
    for code, (agree, disagree) in spread.items():
        country = Country.objects.get(code=code)
        for value in [5.0] * agree + [2.0] * disagree:
            _respond(post, item, value, country=country)
    return item


@pytest.mark.django_db
def test_a_breakdown_never_lets_the_total_reveal_a_hidden_group(world: World) -> None:
    from amplify.core.disclosure import Cell
    from amplify.impact.compute import figure_breakdown

    _countries(world, {"GB": (10, 6), "FR": (6, 5), "SE": (3, 0)})
    indicator = Indicator.objects.get(key="mentors_understand_barriers")
    total = indicator_figure(indicator, cohorts=[world.cohort])
    assert (total.numerator, total.n) == (19, 30)
    table = figure_breakdown(indicator, cohorts=[world.cohort], by="country")
    sizes = {row[0]: row[1] for row in table.rows}
    shares = {row[0]: row[2] for row in table.rows}
    assert sizes["Sweden"] == Cell(None, "small")
    # Sweden alone hidden: the next smallest (France) is hidden too.
    assert sizes["France"].hidden
    visible_n = sum(c.value for c in sizes.values() if not c.hidden)
    visible_k = sum(f.numerator for f in shares.values() if not f.hidden)
    # The total minus the visible groups gives France and Sweden together, never one of them.
    assert (total.n - visible_n, total.numerator - visible_k) == (14, 9)
    assert [f.hidden for f in shares.values()].count(True) >= 2
    assert any("fewer than 5" in row for row in table.text_rows())


@pytest.mark.django_db
def test_two_filtered_reports_subtracted_reveal_nothing(world: World) -> None:
    _countries(world, {"GB": (10, 6), "FR": (6, 5), "SE": (3, 0)})
    indicator = Indicator.objects.get(key="mentors_understand_barriers")
    # Sweden is a small group; France is hidden to protect it: both filters are refused.
    for code in ("SE", "FR"):
        figure = indicator_figure(indicator, cohorts=[world.cohort], filters={"country": code})
        assert figure.suppressed == "refused"
        assert figure.value is None
        assert figure.numerator is None
        assert figure.trace["note"]
    # The one filter allowed: its rest (France and Sweden, 14 people) is not a small group.
    gb = indicator_figure(indicator, cohorts=[world.cohort], filters={"country": "GB"})
    total = indicator_figure(indicator, cohorts=[world.cohort])
    assert (gb.numerator, gb.n) == (10, 16)
    assert (total.numerator - gb.numerator, total.n - gb.n) == (9, 14)


@pytest.mark.django_db
def test_it_refuses_a_filter_whose_rest_is_a_small_group(world: World) -> None:
    _countries(world, {"GB": (10, 6), "FR": (2, 1)})
    indicator = Indicator.objects.get(key="mentors_understand_barriers")
    figure = indicator_figure(indicator, cohorts=[world.cohort], filters={"country": "GB"})
    assert figure.suppressed == "refused"


@pytest.mark.django_db
def test_it_lists_free_text_only_for_ten_or_more_in_no_fixed_order(world: World) -> None:
    from amplify.impact.compute import free_text_answers
    from amplify.surveys.tests.factories import ItemFactory

    item = ItemFactory(key="anything_else", kind="text")
    wave = _wave(world, item, Phase.POST)
    for i in range(9):
        AnswerFactory(response=ResponseFactory(wave=wave), item=item, text=f"answer {i}")
    assert free_text_answers(item, cohorts=[world.cohort]) is None
    AnswerFactory(response=ResponseFactory(wave=wave), item=item, text="answer 9")
    orders = {tuple(free_text_answers(item, cohorts=[world.cohort]) or []) for _ in range(5)}
    assert all(sorted(o) == [f"answer {i}" for i in range(10)] for o in orders)
    assert len(orders) > 1


@pytest.mark.django_db
def test_it_counts_meetings_held_against_expected(world: World) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from amplify.meetings.models import Meeting
    from amplify.programmes.models import Pairing
    from amplify.programmes.tests.factories import PairingFactory

    indicator = Indicator.objects.create(
        key="meetings", name="Meetings", definition="Held of expected.", kind="meetings"
    )
    today = timezone.localdate()
    world.cohort.ends_on = today + timedelta(days=100)
    world.cohort.save()
    Pairing.objects.filter(cohort=world.cohort).update(started_on=today - timedelta(days=56))
    for _ in range(3):
        PairingFactory(cohort=world.cohort, started_on=today - timedelta(days=56))
    pairs = list(Pairing.objects.filter(cohort=world.cohort, kind="mentoring"))
    assert len(pairs) == 5
    for pairing in pairs[:3]:
        for week in (1, 3, 5):
            Meeting.objects.create(
                pairing=pairing,
                held_on=today - timedelta(days=7 * week),
                duration_minutes=60,
                mode="remote",
                logged_by=pairing.mentor,
            )
    figure = indicator_figure(indicator, cohorts=[world.cohort])
    # 5 pairs × 4 fortnights expected, 9 held.
    assert (figure.numerator, figure.n, figure.value) == (9, 20, 45.0)
    assert figure.trace["pairs"] == 5


@pytest.mark.django_db
def test_the_trace_is_json_and_says_how(world: World) -> None:
    import json

    indicators_install()
    _answers(world, [1.0] * 14 + [0.0] * 5, invited=23)
    figure = indicator_figure(
        Indicator.objects.get(key="mentors_would_continue"), cohorts=[world.cohort]
    )
    trace = json.loads(json.dumps(figure.as_dict()))["trace"]
    assert trace["definition"].startswith("Share of mentors answering yes")
    assert trace["waves"][0]["phase"] == "post"
    assert (trace["numerator"], trace["denominator"], trace["suppression"]) == (14, 19, "none")
    assert trace["computed_at"]
