"""Each unmatched mentee is told the real cause (amplify/core/matching/reasons.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from amplify.core.matching.engine import Reason, match, match_stable
from amplify.core.matching.profiles import Profile, Rules
from amplify.core.tests.test_matching import markets

MONDAY = frozenset({0})


def mentor(key: str, **fields: object) -> Profile:
    defaults: dict[str, object] = {"languages": ("en",), "slots": MONDAY, "training_hours": 10}
    return Profile(key, **{**defaults, **fields})  # type: ignore[arg-type]


def mentee(key: str = "bea", **fields: object) -> Profile:
    defaults: dict[str, object] = {"languages": ("en",), "slots": MONDAY}
    return Profile(key, **{**defaults, **fields})  # type: ignore[arg-type]


ENGINES = [match, match_stable]


@pytest.mark.parametrize("engine", ENGINES)
def test_it_blames_training_when_every_mentor_lacks_it(engine) -> None:
    # The defect: "No mentor has a free place" when every mentor lacked the training
    mentors = [mentor("ann", training_hours=2), mentor("bob", training_hours=0)]
    result = engine(mentors, [mentee()], Rules(required_training_hours=10))
    assert result.unmatched == {"bea": Reason.UNTRAINED}
    assert result.excluded_mentors == {"ann": Reason.TRAINING, "bob": Reason.TRAINING}


@pytest.mark.parametrize("engine", ENGINES)
def test_it_blames_a_language_before_training(engine) -> None:
    mentors = [mentor("ann", training_hours=0), mentor("bob", languages=("fr",))]
    result = engine(mentors, [mentee(languages=("ja",))], Rules())
    assert result.unmatched == {"bea": Reason.LANGUAGE}


@pytest.mark.parametrize("engine", ENGINES)
def test_it_blames_time(engine) -> None:
    result = engine([mentor("ann", slots=frozenset({5}))], [mentee()], Rules())
    assert result.unmatched == {"bea": Reason.TIME}


@pytest.mark.parametrize("engine", ENGINES)
def test_it_blames_the_reporting_line(engine) -> None:
    result = engine([mentor("boss")], [mentee(managers=("boss",))], Rules())
    assert result.unmatched == {"bea": Reason.REPORTING_LINE}


@pytest.mark.parametrize("engine", ENGINES)
def test_it_blames_a_never_pair_rule(engine) -> None:
    result = engine([mentor("ann")], [mentee()], Rules(), excluded=[("ann", "bea")])
    assert result.unmatched == {"bea": Reason.EXCLUDED}


@pytest.mark.parametrize("engine", ENGINES)
def test_it_blames_capacity_when_every_fitting_mentor_is_full(engine) -> None:
    # Ann, the only mentor who shares Bea's language, has her one place taken by a lock
    mentors = [mentor("ann"), mentor("bob", languages=("fr",))]
    mentees = [mentee("kept"), mentee("bea")]
    result = engine(mentors, mentees, Rules(), locked=[("ann", "kept")])
    assert result.unmatched == {"bea": Reason.FULL}


@pytest.mark.parametrize("engine", ENGINES)
def test_it_says_the_places_went_to_better_fits(engine) -> None:
    mentors = [mentor("ann", tags=frozenset({"film"}))]
    mentees = [mentee("fits", tags=frozenset({"film"})), mentee("bea")]
    result = engine(mentors, mentees, Rules())
    assert result.unmatched == {"bea": Reason.PLACES_TAKEN}


@pytest.mark.parametrize("engine", ENGINES)
def test_it_says_when_there_is_no_mentor_at_all(engine) -> None:
    assert engine([], [mentee()], Rules()).unmatched == {"bea": Reason.NO_MENTORS}


def reference(mentors: list[Profile], mentee: Profile, rules: Rules) -> str | None:
    """The first rule after which no mentor is left, checked pair by pair (or None)."""
    left = list(mentors)
    for reason, ok in (
        (Reason.LANGUAGE, lambda r: set(r.languages) & set(mentee.languages)),
        (Reason.TIME, lambda r: len(r.slots & mentee.slots) >= rules.min_shared_slots),
        (Reason.REPORTING_LINE, lambda r: r.key not in mentee.managers),
        (Reason.UNTRAINED, lambda r: r.training_hours >= rules.required_training_hours),
    ):
        left = [r for r in left if ok(r)]
        if not left:
            return reason
    return None


@settings(max_examples=60, deadline=None)
@given(market=markets())
def test_each_reason_is_the_first_rule_that_leaves_no_mentor(market) -> None:
    mentors, mentees = market
    rules = Rules()
    result = match(mentors, mentees, rules, prune=True)
    for key, reason in result.unmatched.items():
        expected = reference(mentors, next(p for p in mentees if p.key == key), rules)
        assert reason == (expected or Reason.PLACES_TAKEN), key
