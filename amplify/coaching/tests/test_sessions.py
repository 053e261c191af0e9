"""Booking, moving, cancelling and logging a coaching session: the calendar messages (the
same UID, a higher SEQUENCE, METHOD:CANCEL), the shared free time, and one log only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from amplify.coaching.models import CoachingSession, Mode
from amplify.coaching.services import (
    coaching_session_book,
    coaching_session_cancel,
    coaching_session_log,
    coaching_session_reschedule,
)
from amplify.coaching.tests.factories import NOTES, booked_for, coco_and_lena
from amplify.conftest import World
from amplify.meetings.slots import Choice


def _ics(message) -> Calendar:
    part = next(c for c, mime in message.alternatives if mime.startswith("text/calendar"))
    return Calendar.from_ical(part)


def _event(message):
    return next(c for c in _ics(message).walk() if c.name == "VEVENT")


def test_it_books_in_shared_time_and_invites_both(
    world: World, django_capture_on_commit_callbacks
) -> None:
    # Given Coco and Lena share Tuesday evenings
    with django_capture_on_commit_callbacks(execute=True):
        # When Coco books a session
        session = booked_for(world)
    # Then both get a METHOD:REQUEST invitation for the session's UID, sequence 0
    assert sorted(m.to[0] for m in mail.outbox) == ["coco@sony.example", "lena.lee@sony.example"]
    message = mail.outbox[0]
    assert _ics(message)["method"] == "REQUEST"
    event = _event(message)
    assert str(event["uid"]) == f"coaching-{session.uid}@amplify"
    assert int(event["sequence"]) == 0
    assert "rrule" not in event
    assert session.starts_at.weekday() == 1
    assert NOTES not in message.body


def test_it_refuses_a_time_outside_the_shared_time(world: World) -> None:
    from amplify.coaching.tests.factories import free_time

    free_time(world)
    pairing = coco_and_lena(world)
    with pytest.raises(ValidationError) as error:
        coaching_session_book(
            pairing=pairing,
            booked_by=pairing.mentee,
            choice=Choice(0, 3).code,
            week_of=timezone.localdate(),
        )
    assert error.value.message_dict == {"choice": ["Choose one of the times offered."]}


def test_a_double_booking_finds_the_first(world: World) -> None:
    first = booked_for(world)
    again = booked_for(world)
    assert again.pk == first.pk
    assert CoachingSession.objects.count() == 1


def test_it_sends_the_update_and_the_cancellation_with_the_same_uid(
    world: World, django_capture_on_commit_callbacks
) -> None:
    session = booked_for(world)
    pairing = coco_and_lena(world)
    mail.outbox.clear()
    # When Lena moves it to Thursday afternoon
    with django_capture_on_commit_callbacks(execute=True):
        moved = coaching_session_reschedule(
            session=session,
            changed_by=pairing.mentee,
            choice=Choice(3, 13).code,
            week_of=timezone.localdate() + timedelta(days=1),
        )
    # Then both get the same UID with sequence 1
    assert moved.sequence == 1
    update = _event(mail.outbox[0])
    assert str(update["uid"]) == f"coaching-{session.uid}@amplify"
    assert int(update["sequence"]) == 1
    assert "New time" in mail.outbox[0].subject
    mail.outbox.clear()
    # And when Coco cancels it, METHOD:CANCEL with sequence 2
    with django_capture_on_commit_callbacks(execute=True):
        coaching_session_cancel(session=moved, changed_by=pairing.mentor)
    assert _ics(mail.outbox[0])["method"] == "CANCEL"
    assert int(_event(mail.outbox[0])["sequence"]) == 2
    # A second cancel sends nothing
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        coaching_session_cancel(session=moved, changed_by=pairing.mentor)
    assert mail.outbox == []


def test_it_logs_a_booked_session_once(world: World) -> None:
    session = booked_for(world)
    pairing = coco_and_lena(world)
    values = {
        "pairing": pairing,
        "logged_by": pairing.mentor,
        "held_on": timezone.localdate(),
        "duration_minutes": 50,
        "mode": Mode.IN_PERSON,
        "themes": ["who_am_i"],
        "coach_notes": NOTES,
        "actions": "Ask two peers for feedback",
        "session": session,
    }
    logged, created = coaching_session_log(**values)
    assert created
    assert logged.pk == session.pk
    assert logged.status == CoachingSession.Status.HELD
    # A double submit returns the first, unchanged
    again, created = coaching_session_log(**{**values, "actions": "changed"})
    assert not created
    assert again.actions == "Ask two peers for feedback"
    # And a second log of the same day without the session too
    again, created = coaching_session_log(**{**values, "session": None})
    assert not created
    assert CoachingSession.objects.held().count() == 1


def test_only_the_coach_logs_and_bad_input_names_the_field(world: World) -> None:
    pairing = coco_and_lena(world)
    with pytest.raises(ValidationError, match="The coach logs"):
        coaching_session_log(
            pairing=pairing,
            logged_by=pairing.mentee,
            held_on=timezone.localdate(),
            duration_minutes=60,
            mode=Mode.VIDEO,
        )
    with pytest.raises(ValidationError) as error:
        coaching_session_log(
            pairing=pairing,
            logged_by=pairing.mentor,
            held_on=timezone.localdate() + timedelta(days=2),
            duration_minutes=3,
            mode="fax",
            themes=["nope"],
        )
    assert set(error.value.message_dict) == {"held_on", "duration_minutes", "mode", "themes"}
    assert not CoachingSession.objects.exists()


def test_a_logged_session_cannot_be_moved_or_cancelled(world: World) -> None:
    session = booked_for(world)
    pairing = coco_and_lena(world)
    coaching_session_log(
        pairing=pairing,
        logged_by=pairing.mentor,
        held_on=timezone.localdate(),
        duration_minutes=60,
        mode=Mode.VIDEO,
        session=session,
    )
    with pytest.raises(ValidationError, match="already logged"):
        coaching_session_cancel(session=session, changed_by=pairing.mentee)
    with pytest.raises(ValidationError, match="already logged"):
        coaching_session_reschedule(
            session=session,
            changed_by=pairing.mentee,
            choice=Choice(3, 13).code,
            week_of=timezone.localdate(),
        )


def test_an_outsider_cannot_book(world: World) -> None:
    from amplify.coaching.tests.factories import free_time

    free_time(world)
    with pytest.raises(ValidationError, match="Only the coach and the participant"):
        coaching_session_book(
            pairing=coco_and_lena(world),
            booked_by=world.person(world.leo),
            choice=Choice(1, 18).code,
            week_of=timezone.localdate(),
        )
