"""The nomination services: who may nominate, endorse, withdraw and decide, and what each
refuses with a clear message."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from amplify.conftest import World
from amplify.nominations.models import Nomination
from amplify.nominations.services import (
    nomination_create,
    nomination_decide,
    nomination_endorse,
    nomination_withdraw,
)
from amplify.nominations.tests.factories import CASE, line, nia_nominated, otto_self_nominated
from amplify.people.tests.factories import ExternalPersonFactory
from amplify.programmes.models import Cohort, Enrolment


def _decide(world: World, n: Nomination, decision: str, reason: str = "") -> Nomination:
    return nomination_decide(
        nomination=n,
        decision=decision,
        reason=reason,
        decided_by=world.person(world.max),
        changed_by=world.max,
    )


def test_it_submits_a_line_managers_nomination_at_once(world: World) -> None:
    # Given Otto, Nia's line manager
    # When he nominates her
    n = nia_nominated(world)
    # Then it is submitted, not self-nominated, and in the history
    assert n.status == Nomination.Status.SUBMITTED
    assert not n.self_nominated
    assert n.history.count() == 1


def test_it_asks_the_line_manager_to_endorse_a_self_nomination(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    # Given Otto, whose line manager is Bob
    ln = line(world)
    mail.outbox.clear()
    # When Otto nominates himself
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        n = otto_self_nominated(world)
    # Then it waits for Bob's endorsement, and Bob is asked by email
    assert n.status == Nomination.Status.AWAITING_ENDORSEMENT
    assert n.self_nominated
    assert [m.to for m in mail.outbox] == [[ln.bob.email]]
    assert "endorse" in mail.outbox[0].subject
    # And the programme manager does not see it yet
    assert not Nomination.objects.for_user(world.max).filter(pk=n.pk).exists()
    assert Nomination.objects.for_user(ln.bob).filter(pk=n.pk).exists()


def test_it_lets_only_the_line_manager_endorse(world: World) -> None:
    # Given Otto's self-nomination
    ln = line(world)
    n = otto_self_nominated(world)
    # When someone else endorses it, then it is refused
    with pytest.raises(ValidationError, match="line manager"):
        nomination_endorse(nomination=n, endorsed_by=world.person(world.max))
    # When Bob does, it is submitted and the programme manager sees it
    n = nomination_endorse(nomination=n, endorsed_by=ln.person(ln.bob))
    assert n.status == Nomination.Status.SUBMITTED
    assert n.endorsed_by == ln.person(ln.bob)
    assert Nomination.objects.for_user(world.max).filter(pk=n.pk).exists()


def test_it_refuses_a_cohort_not_in_recruiting(world: World) -> None:
    # Given the running leadership cohort and the mentoring cohort
    ln = line(world)
    for cohort in (world.leadership_cohort, world.cohort):
        # When Otto nominates Nia for either, then it is refused naming the cohort field
        with pytest.raises(ValidationError) as caught:
            nomination_create(
                cohort=cohort,
                nominee=ln.person(ln.nia),
                nominated_by=world.person(world.otto),
                case=CASE,
            )
        assert "cohort" in caught.value.message_dict
    assert "recruiting" in " ".join(caught.value.messages) or "leadership" in " ".join(
        caught.value.messages
    )


def test_it_refuses_a_nominee_who_is_not_a_report(world: World) -> None:
    # Given Nia, Otto's report, and Lena, who is not his
    ln = line(world)
    # When Nia nominates her own manager, or Otto nominates Lena, then it is refused
    for nominee, by in (
        (world.person(world.otto), ln.person(ln.nia)),
        (world.person(world.lena), world.person(world.otto)),
    ):
        with pytest.raises(ValidationError) as caught:
            nomination_create(cohort=ln.cohort, nominee=nominee, nominated_by=by, case=CASE)
        assert "direct reports" in caught.value.message_dict["nominee"][0]


def test_it_refuses_an_external_person_and_an_empty_or_long_case(world: World) -> None:
    ln = line(world)
    otto = world.person(world.otto)
    external = ExternalPersonFactory(manager=otto)
    with pytest.raises(ValidationError) as caught:
        nomination_create(cohort=ln.cohort, nominee=external, nominated_by=otto, case=CASE)
    assert "employees" in caught.value.message_dict["nominee"][0]
    for case in ("  ", "x" * 1501):
        with pytest.raises(ValidationError) as caught:
            nomination_create(
                cohort=ln.cohort, nominee=ln.person(ln.nia), nominated_by=otto, case=case
            )
        assert "case" in caught.value.message_dict
    assert not Nomination.objects.exists()


def test_it_refuses_a_self_nomination_without_a_line_manager(world: World) -> None:
    # Given Lena, with no line manager in the HR records
    ln = line(world)
    lena = world.person(world.lena)
    # When she nominates herself, then she is told why
    with pytest.raises(ValidationError, match="line manager is not in the HR records"):
        nomination_create(cohort=ln.cohort, nominee=lena, nominated_by=lena, case=CASE)


def test_it_keeps_one_open_nomination_per_nominee_and_cohort(world: World) -> None:
    # Given Nia nominated
    n = nia_nominated(world)
    # When she is nominated again, then it is refused
    with pytest.raises(ValidationError, match="already nominated"):
        nia_nominated(world)
    # And the database refuses a second open one too
    with pytest.raises(IntegrityError):
        Nomination.objects.create(
            cohort=n.cohort, nominee=n.nominee, nominated_by=n.nominated_by, case=CASE
        )


def test_it_allows_a_new_nomination_once_the_last_was_withdrawn(world: World) -> None:
    n = nia_nominated(world)
    nomination_withdraw(nomination=n, withdrawn_by=n.nominated_by)
    again = nia_nominated(world)
    assert again.status == Nomination.Status.SUBMITTED


def test_it_lets_only_the_nominee_or_nominator_withdraw(world: World) -> None:
    ln = line(world)
    n = nia_nominated(world)
    with pytest.raises(ValidationError, match="Only the nominee"):
        nomination_withdraw(nomination=n, withdrawn_by=world.person(world.max))
    n = nomination_withdraw(nomination=n, withdrawn_by=ln.person(ln.nia))
    assert n.status == Nomination.Status.WITHDRAWN


def test_it_enrols_the_selected_nominee_and_tells_both(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    # Given Nia nominated by Otto
    ln = line(world)
    n = nia_nominated(world)
    mail.outbox.clear()
    # When Max selects her
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        n = _decide(world, n, "select")
    # Then she is a participant of the cohort, and Nia and Otto are told
    assert n.status == Nomination.Status.SELECTED
    assert n.decided_by == world.person(world.max)
    assert Enrolment.objects.filter(
        cohort=ln.cohort, person=ln.person(ln.nia), role=Enrolment.Role.PARTICIPANT
    ).exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ln.nia.email, world.otto.email])
    # And she cannot be selected twice
    with pytest.raises(ValidationError, match="already selected"):
        _decide(world, n, "decline", "Changed my mind")


def test_it_needs_a_reason_to_decline(world: World) -> None:
    n = nia_nominated(world)
    with pytest.raises(ValidationError) as caught:
        _decide(world, n, "decline")
    assert "reason" in caught.value.message_dict
    n = _decide(world, n, "decline", "Next year: she has just changed roles.")
    assert n.status == Nomination.Status.DECLINED
    assert n.decision_reason.startswith("Next year")


def test_it_selects_from_the_waitlist(world: World) -> None:
    n = _decide(world, nia_nominated(world), "waitlist")
    assert n.status == Nomination.Status.WAITLISTED
    with pytest.raises(ValidationError, match="already waitlisted"):
        _decide(world, n, "waitlist")
    assert _decide(world, n, "select").status == Nomination.Status.SELECTED


def test_it_refuses_a_decision_on_what_changed_meanwhile(world: World) -> None:
    # Given a nomination one manager saw submitted, and another waitlisted since
    n = nia_nominated(world)
    _decide(world, n, "waitlist")
    # When the first selects it, saying what she saw, then she is told what happened
    with pytest.raises(ValidationError, match="changed this nomination meanwhile"):
        nomination_decide(
            nomination=n,
            decision="select",
            expected_status=Nomination.Status.SUBMITTED,
            decided_by=world.person(world.max),
            changed_by=world.max,
        )


def test_it_saves_nothing_when_the_enrolment_is_refused(world: World) -> None:
    # Given a nomination of a cohort that has closed since
    ln = line(world)
    n = nia_nominated(world)
    Cohort.objects.filter(pk=ln.cohort.pk).update(status=Cohort.Status.CLOSED)
    # When Max selects it, then the enrolment is refused and the nomination unchanged
    with pytest.raises(ValidationError, match="closed"):
        _decide(world, n, "select")
    n.refresh_from_db()
    assert n.status == Nomination.Status.SUBMITTED
