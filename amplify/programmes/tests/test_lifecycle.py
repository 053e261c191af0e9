"""The cohort's status workflow (amplify/programmes/lifecycle.py): one step at a time, a close
that completes enrolments, and a reopen that gives them back the state they had."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from amplify.conftest import World
from amplify.home.concurrency import EditConflict, version_of
from amplify.programmes.lifecycle import (
    STATUS_FIELDS,
    cohort_set_status,
    cohort_status_effects,
    cohort_transition,
    cohort_transitions,
)
from amplify.programmes.models import Cohort, Enrolment
from amplify.programmes.services import cohort_enrol, enrolment_withdraw
from amplify.programmes.tests.factories import CohortFactory, EnrolmentFactory

CLOSED_AT = datetime(2027, 2, 26, 18, tzinfo=UTC)


def errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def statuses(cohort: Cohort) -> dict[str, str]:
    return dict(cohort.enrolments.values_list("person__name", "status"))


def test_it_moves_a_cohort_one_step_at_a_time(world: World) -> None:
    cohort = CohortFactory(programme=world.programme, status=Cohort.Status.DRAFT)
    with pytest.raises(ValidationError) as exc:
        cohort_set_status(cohort=cohort, status="running", changed_by=world.harriet)
    assert errors(exc) == {"status": ["A draft cohort can move only to: recruiting."]}
    for step in ("recruiting", "matching"):
        cohort = cohort_set_status(cohort=cohort, status=step, changed_by=world.harriet)
    with pytest.raises(ValidationError, match="Enrol people before"):
        cohort_set_status(cohort=cohort, status="running", changed_by=world.harriet)
    assert (
        cohort_set_status(cohort=cohort, status="recruiting", changed_by=world.harriet).status
        == "recruiting"
    )


def test_it_completes_enrolments_when_a_cohort_closes(world: World) -> None:
    cohort_set_status(cohort=world.cohort, status="closed", changed_by=world.harriet)
    assert set(world.cohort.enrolments.values_list("status", flat=True)) == {"completed"}
    with pytest.raises(ValidationError, match="closed"):
        cohort_enrol(
            cohort=world.cohort,
            person=world.person(world.otto),
            role="mentor",
            enrolled_by=world.harriet,
        )


def test_it_reopens_a_closed_cohort_with_each_enrolment_as_it_was(world: World) -> None:
    # Given a running cohort in which Dan withdrew
    dan = Enrolment.objects.get(person=world.person(world.dan))
    enrolment_withdraw(enrolment=dan, changed_by=world.harriet, note="Moved away")
    dan.refresh_from_db()
    # When it is closed and then reopened by its programme manager
    cohort_set_status(cohort=world.cohort, status="closed", changed_by=world.harriet, now=CLOSED_AT)
    closed = statuses(world.cohort)
    cohort = cohort_set_status(cohort=world.cohort, status="running", changed_by=world.harriet)
    # Then the close had completed the others, and the reopen makes them active again;
    # Dan stays withdrawn, as he was
    assert closed == {
        "Alice Staff": "completed",
        "Carl Staff": "completed",
        "Bea Young": "completed",
        "Dan Young": "withdrawn",
    }
    assert cohort.status == Cohort.Status.RUNNING
    assert statuses(cohort) == {
        "Alice Staff": "active",
        "Carl Staff": "active",
        "Bea Young": "active",
        "Dan Young": "withdrawn",
    }
    assert set(cohort.enrolments.active().values_list("ended_at", flat=True)) == {None}
    assert Enrolment.objects.get(pk=dan.pk).ended_at == dan.ended_at
    # And the enrolments' history says why each changed
    alice = Enrolment.objects.get(person=world.person(world.alice))
    reasons = list(alice.history.values_list("history_change_reason", flat=True))
    assert reasons[:2] == ["Cohort reopened", "Cohort closed"]


def test_it_reopens_enrolments_that_were_entered_as_completed(world: World) -> None:
    # An old cohort entered as it ended: its enrolments have no earlier state to go back to
    cohort = CohortFactory(programme=world.programme, status=Cohort.Status.CLOSED)
    EnrolmentFactory(cohort=cohort, status=Enrolment.Status.COMPLETED, ended_at=CLOSED_AT)
    cohort = cohort_set_status(cohort=cohort, status="running", changed_by=world.harriet)
    assert list(cohort.enrolments.values_list("status", "ended_at")) == [("active", None)]


def test_it_reopens_a_cohort_everyone_withdrew_from(world: World) -> None:
    # Enrolling is refused while closed, so reopening must not wait for active people
    for enrolment in world.cohort.enrolments.all():
        enrolment_withdraw(enrolment=enrolment, changed_by=world.harriet)
    cohort_set_status(cohort=world.cohort, status="closed", changed_by=world.harriet)
    cohort = cohort_set_status(cohort=world.cohort, status="running", changed_by=world.harriet)
    assert cohort.status == Cohort.Status.RUNNING


def test_it_lets_only_the_programmes_managers_reopen(world: World) -> None:
    # Otto runs the cohort as its enrolled programme manager, not as a manager of the
    # programme; closing completes his enrolment too
    otto = world.person(world.otto)
    cohort_enrol(cohort=world.cohort, person=otto, role="programme_manager", enrolled_by=None)
    assert world.otto.has_perm("programmes.manage_cohort", world.cohort)
    cohort_set_status(cohort=world.cohort, status="closed", changed_by=world.otto)
    for outsider in (world.otto, world.alice):
        with pytest.raises(PermissionDenied):
            cohort_set_status(cohort=world.cohort, status="running", changed_by=outsider)
    assert Cohort.objects.get(pk=world.cohort.pk).status == Cohort.Status.CLOSED
    assert world.ada.has_perm("programmes.reopen_cohort", world.cohort)
    cohort_set_status(cohort=world.cohort, status="running", changed_by=world.harriet)


def test_it_refuses_a_move_made_on_a_status_someone_changed(world: World) -> None:
    seen = version_of(world.cohort, STATUS_FIELDS)
    cohort_set_status(cohort=world.cohort, status="closed", changed_by=world.ada, version=seen)
    # A second close from the same page, or a reopen from it, is not made twice
    for status in ("closed", "matching"):
        with pytest.raises(EditConflict):
            cohort_set_status(
                cohort=world.cohort, status=status, changed_by=world.harriet, version=seen
            )
    assert Cohort.objects.get(pk=world.cohort.pk).status == Cohort.Status.CLOSED
    with pytest.raises(ValidationError, match="out of date"):
        cohort_set_status(
            cohort=world.cohort, status="running", changed_by=world.harriet, version=""
        )


def test_it_says_what_each_move_will_do(world: World) -> None:
    close = cohort_transition(world.cohort, "closed")
    assert cohort_status_effects(world.cohort, close) == [
        "4 active enrolments will be marked completed."
    ]
    assert [t.target for t in cohort_transitions(world.cohort)] == ["matching", "closed"]
    back = cohort_transition(world.cohort, "matching")
    assert str(back.action) == "Move back to matching…"
    assert not back.forward
    assert not back.primary
    assert close.danger
    assert not close.primary
    cohort = cohort_set_status(cohort=world.cohort, status="closed", changed_by=world.harriet)
    reopen = cohort_transition(cohort, "running")
    assert reopen.permission == "programmes.reopen_cohort"
    assert cohort_status_effects(cohort, reopen) == [
        "4 enrolments completed by the close will be active again."
    ]
