"""Who may join a mentoring cohort: the eligibility rules, as a pure function.

The Django layer loads a cohort's rules and an applicant's answers into the dataclasses
below, calls `decide()`, and stores the result: `eligible`, the criteria met, and every
rule that failed as a code with parameters (translated where it is shown, in kind words).
Nothing here reads the clock: the cohort's start date is passed in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

DEFAULT_MIN_AGE = 18
DEFAULT_MAX_AGE = 25

# The failure codes `decide()` returns, each with the parameters it carries.
AGE_UNKNOWN = "age_unknown"  # {}
TOO_YOUNG = "too_young"  # {"min_age", "age", "old_enough_on"}
TOO_OLD = "too_old"  # {"max_age", "age"}
NO_CRITERION = "no_criterion"  # {"criteria": [codes that count]}
NO_RIGHT_TO_TAKE_PART = "no_right_to_take_part"  # {}
RIGHT_TO_TAKE_PART_UNKNOWN = "right_to_take_part_unknown"  # {}
CODES = (
    AGE_UNKNOWN,
    TOO_YOUNG,
    TOO_OLD,
    NO_CRITERION,
    NO_RIGHT_TO_TAKE_PART,
    RIGHT_TO_TAKE_PART_UNKNOWN,
)


@dataclass(frozen=True)
class Criterion:
    """One socioeconomic criterion: met when the answer to `question` is one of `values`.
    The values come from the diversity app's choices (the Django layer builds these)."""

    code: str
    question: str
    values: frozenset[str]


@dataclass(frozen=True)
class Rules:
    starts_on: date
    criteria: tuple[Criterion, ...]
    min_age: int = DEFAULT_MIN_AGE
    max_age: int = DEFAULT_MAX_AGE
    require_right_to_take_part: bool = True

    def __post_init__(self) -> None:
        if self.min_age < 0 or self.max_age < self.min_age:
            raise ValueError("the age bounds must satisfy 0 <= min_age <= max_age")


@dataclass(frozen=True)
class Answers:
    date_of_birth: date | None
    # True: may take part in the UK; False: may not; None: not answered.
    right_to_take_part: bool | None
    # Question -> the answer's value ("" or absent: not answered).
    background: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Failure:
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}


@dataclass(frozen=True)
class Decision:
    eligible: bool
    failures: tuple[Failure, ...]
    criteria_met: tuple[str, ...]  # codes, in the rules' order


def age_on(date_of_birth: date, day: date) -> int:
    """Whole years completed on `day`. Someone born on 29 February becomes a year older on
    1 March in a year without one (as UK law counts it)."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - int(before_birthday)


def birthday(date_of_birth: date, years: int) -> date:
    """The day someone turns `years` old (1 March for a 29 February birth, if need be)."""
    year = date_of_birth.year + years
    try:
        return date_of_birth.replace(year=year)
    except ValueError:  # 29 February in a year without one
        return date(year, 3, 1)


def decide(rules: Rules, answers: Answers) -> Decision:
    """Every rule is checked, whatever failed before it, so an applicant hears every reason
    at once."""
    failures: list[Failure] = []
    if answers.date_of_birth is None:
        failures.append(Failure(AGE_UNKNOWN))
    else:
        age = age_on(answers.date_of_birth, rules.starts_on)
        if age < rules.min_age:
            old_enough = birthday(answers.date_of_birth, rules.min_age)
            failures.append(
                Failure(
                    TOO_YOUNG,
                    {"min_age": rules.min_age, "age": age, "old_enough_on": old_enough},
                )
            )
        elif age > rules.max_age:
            failures.append(Failure(TOO_OLD, {"max_age": rules.max_age, "age": age}))
    met = tuple(
        c.code for c in rules.criteria if answers.background.get(c.question, "") in c.values
    )
    if rules.criteria and not met:
        failures.append(Failure(NO_CRITERION, {"criteria": [c.code for c in rules.criteria]}))
    if rules.require_right_to_take_part:
        if answers.right_to_take_part is None:
            failures.append(Failure(RIGHT_TO_TAKE_PART_UNKNOWN))
        elif not answers.right_to_take_part:
            failures.append(Failure(NO_RIGHT_TO_TAKE_PART))
    return Decision(eligible=not failures, failures=tuple(failures), criteria_met=met)
