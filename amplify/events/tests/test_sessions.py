"""The global week's agenda: sessions inside the week's dates, no two at once in one place,
clear messages naming the field, and attendance per session."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from amplify.conftest import World
from amplify.events.models import Event, EventSession
from amplify.events.sessions import (
    session_create,
    session_delete,
    session_record_attendance,
    session_update,
)
from amplify.events.tests.factories import EventFactory, SessionFactory, global_week
from amplify.home.concurrency import EditConflict, version_of
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Cohort
from amplify.tests.collide import at_once


def _fields(week: Event, *, hours: int = 1, length: int = 2, place: str = "Retiro Park") -> dict:
    starts = week.starts_at + timedelta(hours=hours)
    return {
        "title": "A day in the forest",
        "place": place,
        "host": "Bosque Vivo",
        "activity": EventSession.Activity.NATURE,
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=length),
    }


def test_it_adds_a_session_to_the_week(world: World) -> None:
    # Given the leadership cohort's global week
    week = global_week(world)
    # When Max adds a session
    session = session_create(event=week, created_by=world.max, **_fields(week))
    # Then it is on the agenda, its history naming him
    assert list(week.sessions.all()) == [session]
    assert session.history.get().history_user == world.max


def test_it_refuses_a_session_outside_the_weeks_dates(world: World) -> None:
    week = global_week(world)
    # When the session starts the day before the week, or ends the day after it
    with pytest.raises(ValidationError) as before:
        session_create(event=week, created_by=world.max, **_fields(week, hours=-24))
    with pytest.raises(ValidationError) as after:
        session_create(event=week, created_by=world.max, **_fields(week, hours=7 * 24))
    # Then the message names the field and the week's dates
    assert "starts_at" in before.value.message_dict
    assert "within the event's dates" in before.value.message_dict["starts_at"][0]
    assert "ends_at" in after.value.message_dict


def test_it_takes_an_early_start_on_the_first_day(world: World) -> None:
    # Given a week whose published start is 9:00, a breakfast at 8:00 the same day belongs
    week = global_week(world)
    session = session_create(event=week, created_by=world.max, **_fields(week, hours=-1))
    assert session.pk


def test_it_refuses_two_sessions_at_once_in_one_place(world: World) -> None:
    week = global_week(world)
    session_create(event=week, created_by=world.max, **_fields(week))
    # When another session overlaps it in the same place (however it is capitalised)
    with pytest.raises(ValidationError) as error:
        session_create(
            event=week, created_by=world.max, **_fields(week, hours=2, place="retiro park")
        )
    # Then the message names the place and the session that holds it
    assert "A day in the forest" in error.value.message_dict["place"][0]
    # And elsewhere, or straight after, it is fine
    session_create(event=week, created_by=world.max, **_fields(week, hours=2, place="Lavapiés"))
    session_create(event=week, created_by=world.max, **_fields(week, hours=3))


def test_it_lets_a_session_move_within_its_own_time(world: World) -> None:
    week = global_week(world)
    session = session_create(event=week, created_by=world.max, **_fields(week))
    # When its end moves later: it does not clash with itself
    updated = session_update(
        session=session, changed_by=world.max, ends_at=session.ends_at + timedelta(hours=1)
    )
    assert updated.ends_at == session.ends_at + timedelta(hours=1)


def test_it_names_each_missing_or_bad_field(world: World) -> None:
    week = global_week(world)
    fields = _fields(week)
    fields.update(ends_at=fields["starts_at"], capacity=0)
    with pytest.raises(ValidationError) as error:
        session_create(event=week, created_by=world.max, **fields)
    assert set(error.value.message_dict) == {"ends_at", "capacity"}
    with pytest.raises(ValidationError) as missing:
        session_create(event=week, created_by=world.max, title=" ")
    assert {"title", "place", "activity", "starts_at"} <= set(missing.value.message_dict)


def test_it_keeps_agendas_to_global_weeks_and_open_cohorts(world: World) -> None:
    launch = EventFactory(cohort=world.leadership_cohort)
    with pytest.raises(ValidationError, match="Only a global week"):
        session_create(event=launch, created_by=world.max, **_fields(launch))
    week = global_week(world)
    Cohort.objects.filter(pk=week.cohort_id).update(status=Cohort.Status.CLOSED)
    with pytest.raises(ValidationError, match="closed"):
        session_create(event=week, created_by=world.max, **_fields(week))


def test_it_refuses_an_edit_over_someone_elses(world: World) -> None:
    week = global_week(world)
    session = SessionFactory(event=week)
    seen = version_of(
        session,
        ("starts_at", "ends_at", "title", "place", "host", "activity", "description", "capacity"),
    )
    session_update(session=session, changed_by=world.max, title="Street theatre")
    with pytest.raises(EditConflict):
        session_update(session=session, changed_by=world.ada, version=seen, title="Other")


def test_it_deletes_a_session(world: World) -> None:
    session = SessionFactory(event=global_week(world))
    session_delete(session=session, deleted_by=world.max)
    assert not EventSession.objects.exists()


def test_it_records_attendance_once_the_session_started(world: World) -> None:
    week = global_week(world, days_from_now=-2)
    session = SessionFactory(
        event=week, starts_at=week.starts_at, ends_at=week.starts_at + timedelta(hours=2)
    )
    lena = world.person(world.lena)
    # When Max marks Lena present, then absent
    session_record_attendance(session=session, person=lena, attended=True, recorded_by=world.max)
    row = session_record_attendance(
        session=session, person=lena, attended=False, recorded_by=world.max
    )
    # Then one row holds the latest
    assert session.attendance.get() == row
    assert row.attended is False
    assert row.history.first().history_user == world.max


def test_it_refuses_attendance_before_the_start_or_for_an_outsider(world: World) -> None:
    upcoming = SessionFactory(event=global_week(world))
    with pytest.raises(ValidationError, match="once the session has started"):
        session_record_attendance(
            session=upcoming, person=world.person(world.lena), attended=True, recorded_by=world.max
        )
    week = global_week(world, days_from_now=-2)
    started = SessionFactory(
        event=week, starts_at=week.starts_at, ends_at=week.starts_at + timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as error:
        session_record_attendance(
            session=started, person=PersonFactory(), attended=True, recorded_by=world.max
        )
    assert "person" in error.value.message_dict


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sessions_for_one_place_at_once_make_one(world: World) -> None:
    # Given a week, and two managers adding a session for the same place and time at once
    week = global_week(world)
    fields = _fields(week)
    results = at_once(
        [
            lambda: session_create(event=week, created_by=world.max, **fields),
            lambda: session_create(event=week, created_by=world.ada, **fields),
        ],
        meet_at=(EventSession, "save"),
    )
    # Then one is on the agenda and the other is told the place is taken
    errors = [r for r in results if isinstance(r, ValidationError)]
    assert len(errors) == 1
    assert "place" in errors[0].message_dict
    assert EventSession.objects.filter(event=week).count() == 1
