"""The builder's services: the item bank's rules, settings, templates and applying them,
a wave's edits until it is sent, sending, closing, and the live response rate."""

from __future__ import annotations

from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from amplify.conftest import World
from amplify.surveys import schedule, services
from amplify.surveys.models import Item, ItemKind, Mode, SurveySettings, Wave, WaveQuestion
from amplify.surveys.tests.builder_factories import (
    answered,
    draft_wave,
    launched,
    more_mentors,
    stand_in_launch,
)
from amplify.surveys.tests.factories import AnswerFactory, ItemFactory

TWO = [{"value": "events", "label": "Events"}, {"value": "talks", "label": "Talks"}]


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


# ---------- The item bank ----------


def test_it_creates_a_choice_item_with_checked_options(world: World) -> None:
    item = services.item_create(
        by=world.harriet,
        key="helped_most",
        kind=ItemKind.SINGLE,
        text="What helped most?",
        choices=TWO,
    )
    assert item.choices == TWO


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ([{"value": "a", "label": "A"}], "at least two"),
        ([{"value": "a", "label": "A"}, {"value": "a", "label": "B"}], "used twice"),
        ([{"value": "", "label": "A"}, {"value": "b", "label": "B"}], "no value"),
        ([{"value": "x" * 61, "label": "A"}, {"value": "b", "label": "B"}], "at most"),
    ],
)
def test_it_refuses_bad_options(world: World, choices: list, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        services.item_create(
            by=world.harriet, key="k", kind=ItemKind.MULTIPLE, text="Q?", choices=choices
        )
    assert message in _errors(exc)["choices"][0]


def test_it_refuses_options_on_a_scale_item(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        services.item_create(
            by=world.harriet, key="k", kind=ItemKind.AGREEMENT, text="Q?", choices=TWO
        )
    assert "choices" in _errors(exc)


def test_it_checks_a_number_items_range(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        services.item_create(
            by=world.harriet,
            key="n",
            kind=ItemKind.NUMBER,
            text="How many?",
            number_min=10,
            number_max=1,
        )
    assert "number_max" in _errors(exc)
    item = services.item_create(
        by=world.harriet,
        key="n",
        kind=ItemKind.NUMBER,
        text="How many?",
        number_min=0,
        number_max=10,
    )
    assert (item.number_min, item.number_max) == (0, 10)


def test_it_refuses_a_key_already_taken(world: World) -> None:
    ItemFactory(key="taken")
    with pytest.raises(ValidationError) as exc:
        services.item_create(by=world.ina, key="taken", kind=ItemKind.YES_NO, text="Q?")
    assert "key" in _errors(exc)


def test_the_key_and_type_are_fixed_once_answered(world: World) -> None:
    item = ItemFactory(key="barriers_understood")
    services.item_update(item=item, by=world.harriet, key="barriers", kind=ItemKind.YES_NO)
    item.refresh_from_db()
    assert (item.key, item.kind) == ("barriers", ItemKind.YES_NO)
    AnswerFactory(item=item, number=1)
    with pytest.raises(ValidationError) as exc:
        services.item_update(item=item, by=world.harriet, key="other")
    assert "key" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        services.item_update(item=item, by=world.harriet, kind=ItemKind.AGREEMENT)
    assert "kind" in _errors(exc)
    # The wording may still be improved
    services.item_update(item=item, by=world.harriet, text="I understand the barriers.")
    assert Item.objects.get(pk=item.pk).text == "I understand the barriers."


def test_a_retired_item_is_not_offered_for_new_questions(world: World) -> None:
    wave = draft_wave(world)
    item = services.item_retire(item=ItemFactory(key="old"), by=world.ina)
    with pytest.raises(ValidationError) as exc:
        services.question_add(wave=wave, item=item, by=world.harriet)
    assert "retired" in _errors(exc)["item"][0]


# ---------- Settings ----------


def test_settings_have_defaults_until_saved(world: World) -> None:
    settings = schedule.settings_for(world.programme)
    assert settings.pk is None
    assert (settings.reminder_days, settings.max_reminders, settings.follow_up_months) == (
        [3, 7],
        3,
        6,
    )
    services.survey_settings_save(
        programme=world.programme,
        by=world.harriet,
        reminder_days=[7, 2, 7],
        remind_before_close=False,
        max_reminders=2,
        follow_up_months=12,
    )
    saved = schedule.settings_for(world.programme)
    assert (saved.reminder_days, saved.remind_before_close, saved.follow_up_months) == (
        [2, 7],
        False,
        12,
    )


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"max_reminders": 4}, "max_reminders"),
        ({"follow_up_months": 0}, "follow_up_months"),
        ({"reminder_days": [0]}, "reminder_days"),
    ],
)
def test_it_refuses_bad_settings(world: World, values: dict, field: str) -> None:
    base = {
        "reminder_days": [3],
        "remind_before_close": True,
        "max_reminders": 3,
        "follow_up_months": 6,
    }
    with pytest.raises(ValidationError) as exc:
        services.survey_settings_save(
            programme=world.programme, by=world.harriet, **{**base, **values}
        )
    assert field in _errors(exc)
    assert not SurveySettings.objects.exists()


# ---------- Templates ----------


def _template(world: World) -> tuple:
    template = services.template_create(
        programme=world.programme, by=world.harriet, name="Mentoring"
    )
    pre = services.template_wave_create(
        template=template,
        by=world.harriet,
        title="Before",
        phase="pre",
        audience=["mentee", "mentor"],
        mode=Mode.CONFIDENTIAL,
        anchor="start",
        opens_after_days=-7,
        open_days=14,
    )
    follow = services.template_wave_create(
        template=template,
        by=world.harriet,
        title="Six months on",
        phase="follow_up",
        audience=["mentee"],
        mode=Mode.ANONYMOUS,
        anchor="end",
        opens_after_days=0,
        open_days=21,
    )
    one, two = ItemFactory(key="barriers_understood"), ItemFactory(key="keep_meeting")
    services.question_add(wave=pre, item=one, by=world.harriet)
    services.question_add(wave=pre, item=two, by=world.harriet, required=False)
    services.questions_reorder(wave=pre, item_ids=[two.pk, one.pk], by=world.harriet)
    return template, pre, follow, one, two


def test_a_template_refuses_a_duplicate_name_and_a_role_the_programme_lacks(world: World) -> None:
    template = services.template_create(
        programme=world.programme, by=world.harriet, name="Mentoring"
    )
    with pytest.raises(ValidationError) as exc:
        services.template_create(programme=world.programme, by=world.harriet, name="mentoring ")
    assert "name" in _errors(exc)
    with pytest.raises(ValidationError) as exc:
        services.template_wave_create(
            template=template,
            by=world.harriet,
            title="X",
            phase="pre",
            audience=["participant"],
            mode=Mode.ANONYMOUS,
            anchor="start",
        )
    assert "participant" in _errors(exc)["audience"][0]


def test_applying_a_template_gives_the_cohort_its_dated_waves_once(world: World) -> None:
    template, _pre, _follow, _one, _two = _template(world)
    cohort = world.cohort  # 1 September 2026 to 26 February 2027
    made = services.template_apply(template=template, cohort=cohort, by=world.harriet)
    assert [w.title for w in made] == ["Before", "Six months on"]
    before, after = made
    assert before.opens_at.date() == date(2026, 8, 25)
    assert before.closes_at - before.opens_at == timedelta(days=14)
    # The follow-up: the programme's follow-up months (6) after the end
    assert after.opens_at.date() == date(2027, 8, 26)
    assert after.mode == Mode.ANONYMOUS
    assert after.launched_at is None
    asked = list(WaveQuestion.objects.filter(wave=before).values_list("item__key", "required"))
    assert asked == [("keep_meeting", False), ("barriers_understood", True)]
    # A second apply adds nothing; a wave added to the template later is added alone
    assert services.template_apply(template=template, cohort=cohort, by=world.harriet) == []
    services.template_wave_create(
        template=template,
        by=world.harriet,
        title="Mid",
        phase="mid",
        audience=["mentor"],
        mode=Mode.ATTRIBUTED,
        anchor="start",
        opens_after_days=60,
        open_days=7,
    )
    assert [
        w.title for w in services.template_apply(template=template, cohort=cohort, by=world.harriet)
    ] == ["Mid"]
    assert Wave.objects.filter(cohort=cohort).count() == 3


def test_the_follow_up_uses_the_programmes_months(world: World) -> None:
    template, *_ = _template(world)
    SurveySettings.objects.create(programme=world.programme, reminder_days=[3], follow_up_months=12)
    made = services.template_apply(template=template, cohort=world.cohort, by=world.harriet)
    assert made[1].opens_at.date() == date(2028, 2, 26)


def test_months_after_keeps_to_the_month(world: World) -> None:
    assert schedule.months_after(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert schedule.months_after(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_a_template_of_another_programme_is_refused(world: World) -> None:
    template, *_ = _template(world)
    with pytest.raises(ValidationError):
        services.template_apply(template=template, cohort=world.leadership_cohort, by=world.harriet)


# ---------- A wave ----------


def test_a_wave_must_close_after_it_opens(world: World) -> None:
    now = timezone.now()
    with pytest.raises(ValidationError) as exc:
        services.wave_create(
            cohort=world.cohort,
            by=world.harriet,
            title="Pre",
            phase="pre",
            audience=["mentor"],
            mode=Mode.ANONYMOUS,
            opens_at=now,
            closes_at=now - timedelta(days=1),
        )
    assert "closes_at" in _errors(exc)


def test_a_wave_is_edited_until_it_is_sent(world: World) -> None:
    wave = draft_wave(world)
    services.wave_update(
        wave=wave, by=world.harriet, title="After the programme", mode=Mode.ATTRIBUTED
    )
    assert Wave.objects.get(pk=wave.pk).title == "After the programme"
    launched(wave)
    with pytest.raises(ValidationError) as exc:
        services.wave_update(wave=wave, by=world.harriet, mode=Mode.ANONYMOUS)
    assert "mode" in _errors(exc)
    with pytest.raises(ValidationError):
        services.wave_update(wave=wave, by=world.harriet, title="Changed")
    with pytest.raises(ValidationError):
        services.question_add(wave=wave, item=ItemFactory(key="late"), by=world.harriet)
    with pytest.raises(ValidationError):
        services.wave_delete(wave=wave, by=world.harriet)


def test_sending_calls_the_launch_once_its_checks_pass(world: World) -> None:
    empty = services.wave_create(
        cohort=world.cohort,
        by=world.harriet,
        title="Pre",
        phase="pre",
        audience=["mentor"],
        mode=Mode.ANONYMOUS,
        opens_at=timezone.now(),
        closes_at=timezone.now() + timedelta(days=7),
    )
    with mock.patch(
        "amplify.surveys.invitations.wave_launch", side_effect=stand_in_launch
    ) as launch:
        with pytest.raises(ValidationError, match="at least one question"):
            services.wave_send(wave=empty, by=world.harriet)
        wave = draft_wave(world)
        assert services.wave_send(wave=wave, by=world.harriet) == 4
        assert launch.call_count == 1
        assert launch.call_args.kwargs["by"] == world.harriet
        with pytest.raises(ValidationError, match="already"):
            services.wave_send(wave=wave, by=world.harriet)


def test_closing_an_open_wave(world: World) -> None:
    wave = draft_wave(world)
    with pytest.raises(ValidationError):
        services.wave_close(wave=wave, by=world.harriet)
    launched(wave)
    closed = services.wave_close(wave=wave, by=world.harriet)
    assert services.wave_status(closed) == services.WaveStatus.CLOSED
    with pytest.raises(ValidationError, match="already closed"):
        services.wave_close(wave=wave, by=world.harriet)


def test_the_status_of_a_wave(world: World) -> None:
    wave = draft_wave(world)
    now = timezone.now()
    assert services.wave_status(wave, now=now) == "draft"
    wave.launched_at = now
    assert services.wave_status(wave, now=wave.opens_at - timedelta(hours=1)) == "scheduled"
    assert services.wave_status(wave, now=now) == "open"
    assert services.wave_status(wave, now=wave.closes_at) == "closed"


# ---------- Response rates ----------


def test_the_response_rate_hides_small_groups(world: World) -> None:
    people = more_mentors(world, 8)  # 10 mentors, 2 mentees
    wave = launched(draft_wave(world))
    answered(wave, people[:6])
    rate = services.response_rates([wave])[0]
    mentors, mentees = rate.roles
    # The 2 mentees invited are hidden, and so the 10 mentors (the total would give them)
    assert mentees.invited.reason == "small"
    assert mentees.answered.value == 0
    assert mentors.invited.reason == "complementary"
    assert mentors.answered.value == 6
    assert mentors.percent is None
    assert rate.total.invited.value == 12
    assert rate.total.answered.value == 6
    assert rate.total.percent == 50
    assert rate.answered_by is None


def test_names_of_those_who_answered_only_in_attributed_mode(world: World) -> None:
    people = more_mentors(world, 3)
    confidential = launched(draft_wave(world))
    attributed = launched(draft_wave(world, mode=Mode.ATTRIBUTED))
    answered(confidential, people)
    answered(attributed, people)
    rates = services.response_rates([confidential, attributed], with_names=True)
    assert rates[0].answered_by is None
    assert sorted(rates[1].answered_by or []) == sorted(p.display_name for p in people)


def test_it_lists_every_mode_in_plain_words() -> None:
    assert set(services.MODE_EXPLAINED) == set(Mode)
