"""Mentor readiness: hours by module and screening, with no database."""

from datetime import date

import pytest

from amplify.core import training as t

START = date(2026, 4, 1)
MODULES = (
    t.Module("barriers", 3),
    t.Module("coaching", 3),
    t.Module("capital", 2),
    t.Module("inclusion", 2),
    t.Module("safeguarding", 1.5, safeguarding=True),
)
ALL = t.Requirements(hours=10)


def done(**overrides: object) -> t.Record:
    values: dict[str, object] = {
        "attended": {"barriers": 3, "coaching": 3, "capital": 2, "inclusion": 2},
        "verified": frozenset({"safeguarding"}),
        "accepted_version": 2,
        "current_version": 2,
        "checks": (t.Check(t.CLEAR, date(2025, 1, 1), date(2028, 1, 1)),),
    }
    values.update(overrides)
    return t.Record(**values)  # type: ignore[arg-type]


def test_it_is_ready_when_everything_is_done() -> None:
    result = t.readiness(MODULES, done(), ALL, on=START)
    assert result.ready
    assert result.hours == 10
    assert result.hours_left == 0


def test_the_safeguarding_module_does_not_count_towards_hours() -> None:
    assert t.curriculum_hours(MODULES) == 10
    result = t.readiness(MODULES, done(attended={"safeguarding": 1.5}), ALL, on=START)
    assert result.hours == 0
    assert result.gaps == (t.HOURS,)


def test_hours_are_capped_at_the_module_and_a_verified_activity_counts_in_full() -> None:
    record = done(attended={"barriers": 9}, verified=frozenset({"coaching", "safeguarding"}))
    result = t.readiness(MODULES, record, ALL, on=START)
    by_key = {m.key: m for m in result.modules}
    assert by_key["barriers"].done_hours == 3
    assert by_key["coaching"].complete
    assert by_key["capital"].left == 2
    assert result.hours == 6
    assert result.hours_left == 4
    assert result.gaps == (t.HOURS,)
    assert result.screening_gaps == ()


def test_it_returns_every_gap_in_order() -> None:
    record = t.Record(attended={})
    result = t.readiness(MODULES, record, ALL, on=START)
    assert result.gaps == (t.HOURS, t.SAFEGUARDING, t.CODE_NOT_ACCEPTED, t.CHECK_MISSING)
    assert result.screening_gaps == (t.SAFEGUARDING, t.CODE_NOT_ACCEPTED, t.CHECK_MISSING)


def test_a_new_code_version_needs_a_new_acceptance() -> None:
    result = t.readiness(MODULES, done(accepted_version=1, current_version=2), ALL, on=START)
    assert result.gaps == (t.CODE_OUTDATED,)


def test_a_check_expiring_before_the_cohort_starts_does_not_count() -> None:
    check = t.Check(t.CLEAR, date(2023, 1, 1), expires_on=date(2026, 3, 31))
    result = t.readiness(MODULES, done(checks=(check,)), ALL, on=START)
    assert result.gaps == (t.CHECK_EXPIRED,)
    # Expiring on the start date itself still counts for that day.
    same_day = t.Check(t.CLEAR, date(2023, 1, 1), expires_on=START)
    assert t.readiness(MODULES, done(checks=(same_day,)), ALL, on=START).ready


@pytest.mark.parametrize(
    ("checks", "gap"),
    [
        ((), t.CHECK_MISSING),
        ((t.Check(t.PENDING),), t.CHECK_PENDING),
        ((t.Check(t.FAILED),), t.CHECK_FAILED),
        ((t.Check(t.FAILED), t.Check(t.PENDING)), t.CHECK_PENDING),
        ((t.Check(t.FAILED), t.Check(t.CLEAR)), None),
    ],
)
def test_the_background_check_gap_names_what_to_fix(checks, gap) -> None:
    assert t.check_gap(checks, on=START) == gap


def test_a_programme_sets_which_screening_it_requires() -> None:
    record = t.Record(attended=done().attended)
    nothing = t.Requirements(
        hours=10, safeguarding=False, code_of_conduct=False, background_check=False
    )
    assert t.readiness(MODULES, record, nothing, on=START).ready


def test_negative_hours_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        t.Module("x", -1)


def test_without_a_curriculum_every_attended_hour_counts() -> None:
    record = t.Record(attended={"event-1": 6, "event-2": 4})
    none = t.Requirements(
        hours=10, safeguarding=False, code_of_conduct=False, background_check=False
    )
    result = t.readiness((), record, none, on=START)
    assert result.hours == 10
    assert result.ready
