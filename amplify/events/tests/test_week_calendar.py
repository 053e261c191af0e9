"""The global week as one calendar file: a VEVENT per session, stable UIDs, SEQUENCE counting
changes; the guests download it, outsiders cannot."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from icalendar import Calendar

from amplify.conftest import World
from amplify.events.calendar import week_ical
from amplify.events.sessions import session_update
from amplify.events.tests.factories import SessionFactory, global_week


def _vevents(content: bytes) -> list:
    return list(Calendar.from_ical(content).walk("VEVENT"))


def test_it_puts_every_session_in_one_file(world: World) -> None:
    # Given a week with three sessions
    week = global_week(world)
    made = [
        SessionFactory(event=week, starts_at=week.starts_at + timedelta(days=d)) for d in range(3)
    ]
    # When the file is made
    items = _vevents(week_ical(week))
    # Then it holds one VEVENT per session, in order, with their places
    assert [str(i["uid"]) for i in items] == [f"event-session-{s.pk}@amplify" for s in made]
    assert [str(i["location"]) for i in items] == [s.place for s in made]
    assert "Hosted by Street Theatre Company" in str(items[0]["description"])


def test_it_keeps_the_uid_and_bumps_the_sequence_on_change(world: World) -> None:
    week = global_week(world)
    session = SessionFactory(event=week)
    (before,) = _vevents(week_ical(week))
    session_update(
        session=session, changed_by=world.max, starts_at=session.starts_at + timedelta(hours=1)
    )
    (after,) = _vevents(week_ical(week))
    assert after["uid"] == before["uid"]
    assert (before["sequence"], after["sequence"]) == (0, 1)


def test_the_guests_download_it_and_outsiders_cannot(world: World, as_user) -> None:
    week = global_week(world)
    SessionFactory(event=week)
    url = reverse("events:week-ical", args=[week.pk])
    response = as_user(world.lena).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    assert len(_vevents(response.content)) == 1
    assert as_user(world.otto).get(url).status_code == 404
    assert as_user(world.harriet).get(url).status_code == 404
