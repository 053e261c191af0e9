"""Why one pair cannot be made (amplify/core/matching/feasible.py, why_not): the engine's own
hard rules, so review refuses a swap for exactly the rules a run applies."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amplify.core.matching.engine import match
from amplify.core.matching.feasible import why_not
from amplify.core.matching.profiles import Objective, Profile, Rules
from amplify.core.matching.reasons import Reason
from amplify.core.tests.test_matching import profiles

MONDAY = frozenset({0})


def mentor(key: str = "ann", **fields: object) -> Profile:
    defaults: dict[str, object] = {"languages": ("en",), "slots": MONDAY, "training_hours": 10}
    return Profile(key, **{**defaults, **fields})  # type: ignore[arg-type]


def mentee(key: str = "bea", **fields: object) -> Profile:
    defaults: dict[str, object] = {"languages": ("en",), "slots": MONDAY}
    return Profile(key, **{**defaults, **fields})  # type: ignore[arg-type]


def test_it_allows_a_pair_that_breaks_no_rule() -> None:
    assert why_not(mentor(), mentee(), Rules()) is None


@pytest.mark.parametrize(
    ("ann", "bea", "never", "reason"),
    [
        ({"languages": ("fr",)}, {}, (), Reason.LANGUAGE),
        ({"slots": frozenset({5})}, {}, (), Reason.TIME),
        ({}, {"managers": ("ann",)}, (), Reason.REPORTING_LINE),
        ({}, {}, [("ann", "bea")], Reason.EXCLUDED),
        ({"training_hours": 2}, {}, (), Reason.TRAINING),
        ({"training_hours": 10, "screening": ("references",)}, {}, (), Reason.TRAINING),
    ],
)
def test_it_names_the_rule_a_pair_breaks(ann, bea, never, reason) -> None:
    assert why_not(mentor(**ann), mentee(**bea), Rules(), never=never) == reason


def test_it_names_the_first_rule_broken_in_the_engines_order() -> None:
    # No language, no shared time, her manager, and untrained: the language is named first
    ann = mentor(languages=("fr",), slots=frozenset({5}), training_hours=0)
    assert why_not(ann, mentee(managers=("ann",)), Rules()) == Reason.LANGUAGE
    assert why_not(ann, mentee(managers=("ann",), languages=("fr",)), Rules()) == Reason.TIME


def test_it_leaves_the_language_out_when_the_rules_do() -> None:
    # The defect: review's own copy of the rules refused a swap for a rule switched off
    rules = Rules(require_common_language=False)
    assert why_not(mentor(languages=("fr",)), mentee(languages=("ja",)), rules) is None
    assert why_not(mentor(languages=()), mentee(languages=()), rules) is None
    assert why_not(mentor(languages=("fr",), slots=frozenset({5})), mentee(), rules) == Reason.TIME


def test_it_leaves_the_training_out_when_the_rules_do() -> None:
    rules = Rules(require_training=False)
    assert why_not(mentor(training_hours=0, screening=("references",)), mentee(), rules) is None


def test_it_counts_the_shared_slots_the_rules_ask_for() -> None:
    both = frozenset({0, 1})
    ann, bea = mentor(slots=both), mentee(slots=frozenset({0, 2}))
    assert why_not(ann, bea, Rules(min_shared_slots=1)) is None
    assert why_not(ann, bea, Rules(min_shared_slots=2)) == Reason.TIME
    assert why_not(mentor(slots=both), mentee(slots=both), Rules(min_shared_slots=2)) is None


# What the engine says of a mentee left unmatched for the rule why_not names (a mentor's own
# code, TRAINING, is told to her mentee as "no trained mentor").
UNMATCHED = {Reason.TRAINING: Reason.UNTRAINED}


@settings(max_examples=150, deadline=None)
@given(
    ann=profiles("ann", True),
    bea=profiles("bea", False),
    manager=st.booleans(),
    never=st.booleans(),
    language=st.booleans(),
    shared=st.integers(1, 2),
)
def test_it_agrees_with_the_engine(
    ann: Profile, bea: Profile, manager: bool, never: bool, language: bool, shared: int
) -> None:
    # Given one mentor and one mentee, and rules that match whenever a pair may be made
    if manager:
        bea = Profile(**{**bea.__dict__, "managers": ("ann",)})
    rules = Rules(
        objective=Objective.MOST_MATCHED,
        required_training_hours=10,
        min_shared_slots=shared,
        require_common_language=language,
    )
    excluded = [("ann", "bea")] if never else []
    # When the engine runs, why_not names what the engine says of her, or nothing if paired
    result = match([ann], [bea], rules, excluded=excluded)
    reason = why_not(ann, bea, rules, never=excluded)
    if reason is None:
        assert [(m.mentor, m.mentee) for m in result.matches] == [("ann", "bea")]
    else:
        assert result.matches == []
        assert result.unmatched == {"bea": UNMATCHED.get(reason, reason)}
