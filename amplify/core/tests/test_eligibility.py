"""The eligibility rules, with no database: ages on the cohort's start date, borderline
birthdays, the socioeconomic criteria and the right to take part."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amplify.core.eligibility import (
    AGE_UNKNOWN,
    NO_CRITERION,
    NO_RIGHT_TO_TAKE_PART,
    RIGHT_TO_TAKE_PART_UNKNOWN,
    TOO_OLD,
    TOO_YOUNG,
    Answers,
    Criterion,
    Rules,
    age_on,
    birthday,
    decide,
)

MEALS = Criterion("free_school_meals", "free_school_meals", frozenset({"yes"}))
FIRST = Criterion("first_generation", "first_generation_university", frozenset({"yes"}))
START = date(2026, 9, 1)


def rules(**extra: object) -> Rules:
    return Rules(starts_on=START, criteria=(MEALS, FIRST), **extra)  # type: ignore[arg-type]


def answers(born: date | None, *, right: bool | None = True, meals: str = "yes") -> Answers:
    return Answers(
        date_of_birth=born, right_to_take_part=right, background={"free_school_meals": meals}
    )


def codes(decision: object) -> list[str]:
    return [f.code for f in decision.failures]  # type: ignore[attr-defined]


def test_it_accepts_someone_who_meets_every_rule() -> None:
    decision = decide(rules(), answers(date(2005, 1, 1)))
    assert decision.eligible
    assert decision.failures == ()
    assert decision.criteria_met == ("free_school_meals",)


def test_it_refuses_someone_who_turns_18_the_day_after_the_start() -> None:
    decision = decide(rules(), answers(date(2008, 9, 2)))
    assert codes(decision) == [TOO_YOUNG]
    params = decision.failures[0].params
    assert params["age"] == 17
    assert params["min_age"] == 18
    assert params["old_enough_on"] == date(2026, 9, 2)


def test_it_refuses_someone_who_turns_18_a_week_after_the_start() -> None:
    assert codes(decide(rules(), answers(date(2008, 9, 8)))) == [TOO_YOUNG]


def test_it_accepts_someone_who_turns_18_on_the_start_day() -> None:
    assert decide(rules(), answers(date(2008, 9, 1))).eligible


def test_it_accepts_someone_whose_25th_birthday_is_the_start_day() -> None:
    assert decide(rules(), answers(date(2001, 9, 1))).eligible


def test_it_refuses_someone_who_turns_26_on_the_start_day() -> None:
    decision = decide(rules(), answers(date(2000, 9, 1)))
    assert codes(decision) == [TOO_OLD]
    assert decision.failures[0].params == {"max_age": 25, "age": 26}


def test_it_accepts_someone_who_turns_26_the_day_after_the_start() -> None:
    assert decide(rules(), answers(date(2000, 9, 2))).eligible


def test_it_counts_a_29_february_birthday_from_1_march_in_other_years() -> None:
    born = date(2008, 2, 29)
    assert age_on(born, date(2026, 2, 28)) == 17
    assert age_on(born, date(2026, 3, 1)) == 18
    assert birthday(born, 18) == date(2026, 3, 1)
    assert birthday(born, 16) == date(2024, 2, 29)
    starts_28_feb = Rules(starts_on=date(2026, 2, 28), criteria=(MEALS,))
    decision = decide(starts_28_feb, answers(born))
    assert codes(decision) == [TOO_YOUNG]
    assert decision.failures[0].params["old_enough_on"] == date(2026, 3, 1)
    assert decide(Rules(starts_on=date(2026, 3, 1), criteria=(MEALS,)), answers(born)).eligible


def test_it_uses_the_configured_age_bounds() -> None:
    assert decide(rules(min_age=16, max_age=30), answers(date(2010, 9, 1))).eligible
    assert codes(decide(rules(min_age=16, max_age=30), answers(date(1995, 9, 1)))) == [TOO_OLD]


def test_it_returns_every_rule_that_failed() -> None:
    decision = decide(rules(), answers(None, right=False, meals="no"))
    assert codes(decision) == [AGE_UNKNOWN, NO_CRITERION, NO_RIGHT_TO_TAKE_PART]
    assert decision.failures[1].params == {"criteria": ["free_school_meals", "first_generation"]}
    assert not decision.eligible


def test_it_asks_for_the_right_to_take_part_when_unanswered() -> None:
    assert codes(decide(rules(), answers(date(2005, 1, 1), right=None))) == [
        RIGHT_TO_TAKE_PART_UNKNOWN
    ]


def test_it_skips_the_right_to_take_part_when_the_cohort_does_not_require_it() -> None:
    relaxed = rules(require_right_to_take_part=False)
    assert decide(relaxed, answers(date(2005, 1, 1), right=False)).eligible


def test_it_counts_only_the_configured_criteria() -> None:
    only_first = Rules(starts_on=START, criteria=(FIRST,))
    assert codes(decide(only_first, answers(date(2005, 1, 1), meals="yes"))) == [NO_CRITERION]
    both = Answers(
        date_of_birth=date(2005, 1, 1),
        right_to_take_part=True,
        background={"free_school_meals": "yes", "first_generation_university": "yes"},
    )
    assert decide(rules(), both).criteria_met == ("free_school_meals", "first_generation")


def test_it_has_no_criterion_rule_when_none_is_configured() -> None:
    assert decide(Rules(starts_on=START, criteria=()), answers(date(2005, 1, 1), meals="")).eligible


def test_it_refuses_bounds_the_wrong_way_round() -> None:
    with pytest.raises(ValueError, match="age bounds"):
        Rules(starts_on=START, criteria=(), min_age=30, max_age=20)


@given(
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    later=st.integers(min_value=0, max_value=40_000),
)
def test_it_agrees_with_birthdays_for_any_date(born: date, later: int) -> None:
    day = born + timedelta(days=later)
    age = age_on(born, day)
    assert age >= 0
    assert birthday(born, age) <= day
    assert birthday(born, age + 1) > day


@given(
    born=st.dates(min_value=date(1960, 1, 1), max_value=date(2020, 12, 31)),
    start=st.dates(min_value=date(2018, 1, 1), max_value=date(2040, 12, 31)),
    low=st.integers(min_value=10, max_value=30),
    span=st.integers(min_value=0, max_value=20),
)
def test_it_decides_age_exactly_as_the_bounds_say(
    born: date, start: date, low: int, span: int
) -> None:
    decision = decide(
        Rules(starts_on=start, criteria=(), min_age=low, max_age=low + span),
        Answers(date_of_birth=born, right_to_take_part=True),
    )
    assert decision.eligible == (low <= age_on(born, start) <= low + span)
    young = [f for f in decision.failures if f.code == TOO_YOUNG]
    if young:
        # The date she becomes old enough is after the start, and she is then exactly min.
        assert young[0].params["old_enough_on"] > start
        assert age_on(born, young[0].params["old_enough_on"]) == low
