"""The global week's pages: the agenda day by day in the reader's time zone, her group and
her attendance; the manager's session forms and attendance list; who may open what."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from amplify.conftest import World
from amplify.events.models import ActivityGroup, EventSession, SessionAttendance
from amplify.events.tests.factories import SessionFactory, global_week
from amplify.people.models import Person
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Enrolment
from amplify.programmes.tests.factories import EnrolmentFactory


def _past_week_with_session(world: World) -> tuple:
    week = global_week(world, days_from_now=-3)
    session = SessionFactory(
        event=week, starts_at=week.starts_at, ends_at=week.starts_at + timedelta(hours=3)
    )
    return week, session


def test_it_shows_the_agenda_day_by_day_in_the_readers_zone(world: World, as_user) -> None:
    # Given a week in Madrid with a session at 23:30 Madrid time on its first day
    week = global_week(world)
    late = week.starts_at.astimezone(timezone.get_default_timezone())
    first = SessionFactory(
        event=week,
        title="Night walk",
        starts_at=week.starts_at + timedelta(hours=14, minutes=30),
        ends_at=week.starts_at + timedelta(hours=15, minutes=30),
    )
    # And Lena reads in Tokyo
    Person.objects.filter(user=world.lena).update(time_zone="Asia/Tokyo")
    # When she opens the agenda
    page = as_user(world.lena).get(reverse("events:week", args=[week.pk])).content.decode()
    # Then the session is under the day and at the time her clock reads
    local = timezone.localtime(first.starts_at, __import__("zoneinfo").ZoneInfo("Asia/Tokyo"))
    assert f"{local:%H:%M}–" in page
    assert local.strftime("%A") in page
    assert "Asia/Tokyo" in page
    assert late is not None


def test_the_cohort_tab_opens_the_week(world: World, as_user) -> None:
    week = global_week(world)
    SessionFactory(event=week, title="Charity morning")
    response = as_user(world.leo).get(
        reverse("events:cohort-week", args=[world.leadership_cohort.pk])
    )
    assert response.status_code == 200
    assert "Charity morning" in response.content.decode()
    # And without a week, the tab says so
    empty = as_user(world.max).get(
        reverse("events:cohort-week", args=[world.leadership_cohort.pk + 0])
    )
    assert empty.status_code == 200


def test_a_participant_sees_her_group_and_her_attendance(world: World, as_user) -> None:
    week, session = _past_week_with_session(world)
    lena, leo = world.person(world.lena), world.person(world.leo)
    group = ActivityGroup.objects.create(event=week, name="Los Flamencos")
    group.members.add(lena, leo)
    other = ActivityGroup.objects.create(event=week, name="Los Otros")
    other.members.add(PersonFactory(name="Somebody Else"))
    SessionAttendance.objects.create(
        session=session, person=lena, attended=True, recorded_at=timezone.now()
    )
    page = as_user(world.lena).get(reverse("events:week", args=[week.pk])).content.decode()
    assert "Los Flamencos" in page
    assert leo.name in page
    assert "Los Otros" not in page
    assert "Somebody Else" not in page
    assert "You attended" in page
    # Fewer than five attended: the agenda does not give the figure
    assert "Attended: fewer than 5" in page
    # And she has no manager's links
    assert reverse("events:session-attendance", args=[session.pk]) not in page


def test_the_agenda_shows_five_or_more_as_a_figure(world: World, as_user) -> None:
    week, session = _past_week_with_session(world)
    for _ in range(5):
        person = PersonFactory()
        EnrolmentFactory(
            cohort=world.leadership_cohort, person=person, role=Enrolment.Role.PARTICIPANT
        )
        SessionAttendance.objects.create(
            session=session, person=person, attended=True, recorded_at=timezone.now()
        )
    page = as_user(world.leo).get(reverse("events:week", args=[week.pk])).content.decode()
    assert "Attended: 5" in page


def test_the_manager_adds_a_session_and_sees_clear_messages(world: World, as_user) -> None:
    week = global_week(world)
    client = as_user(world.max)
    url = reverse("events:session-create", args=[week.pk])
    assert client.get(url).status_code == 200
    local = timezone.localtime(week.starts_at, __import__("zoneinfo").ZoneInfo("Europe/Madrid"))
    body = {
        "title": "Street theatre",
        "activity": "street_theatre",
        "starts_at": (local + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (local + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Plaza Mayor",
        "host": "Compañía de la Calle",
    }
    # When Max adds it
    response = client.post(url, body)
    assert response.status_code == 302
    session = EventSession.objects.get()
    # Then it is stored at the Madrid clock time he typed
    assert session.starts_at == week.starts_at + timedelta(hours=1)
    # And the same place at the same time is refused, naming the clash
    again = client.post(url, {**body, "title": "Another"})
    assert again.status_code == 200
    assert "Plaza Mayor is taken then by “Street theatre”" in again.content.decode()
    # And a day after the week is refused, naming the dates
    late = client.post(
        url,
        {
            **body,
            "place": "Elsewhere",
            "starts_at": (local + timedelta(days=9)).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (local + timedelta(days=9, hours=1)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert "within the event&#x27;s dates" in late.content.decode()


def test_the_manager_edits_and_deletes_a_session(world: World, as_user) -> None:
    week = global_week(world)
    session = SessionFactory(event=week, title="Old")
    client = as_user(world.max)
    edit = reverse("events:session-edit", args=[session.pk])
    form = client.get(edit).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["starts_at"] = data["starts_at"].strftime("%Y-%m-%dT%H:%M")
    data["ends_at"] = data["ends_at"].strftime("%Y-%m-%dT%H:%M")
    data["title"] = "New"
    assert client.post(edit, data).status_code == 302
    session.refresh_from_db()
    assert session.title == "New"
    delete = reverse("events:session-delete", args=[session.pk])
    assert client.get(delete).status_code == 200
    assert client.post(delete).status_code == 302
    assert not EventSession.objects.exists()


def test_the_manager_marks_attendance_by_name(world: World, as_user) -> None:
    _week, session = _past_week_with_session(world)
    client = as_user(world.max)
    url = reverse("events:session-attendance", args=[session.pk])
    page = client.get(url).content.decode()
    assert world.person(world.lena).name in page
    lena = world.person(world.lena)
    response = client.post(
        url, {"person": lena.pk, "attended": "yes"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert SessionAttendance.objects.get(person=lena).attended is True


def test_the_wrong_people_cannot_reach_the_week(world: World, as_user) -> None:
    week, session = _past_week_with_session(world)
    week_url = reverse("events:week", args=[week.pk])
    # Harriet runs another programme, Otto is in none: the week does not exist for them
    for who in (world.harriet, world.otto):
        assert as_user(who).get(week_url).status_code == 404
    # Lena sees the agenda but may not manage it
    lena = as_user(world.lena)
    assert lena.get(week_url).status_code == 200
    for name in ("events:session-edit", "events:session-attendance", "events:session-delete"):
        assert lena.get(reverse(name, args=[session.pk])).status_code == 403
    assert lena.get(reverse("events:session-create", args=[week.pk])).status_code == 403
    assert lena.get(reverse("events:groups", args=[week.pk])).status_code == 403
    # A launch has no agenda page
    assert as_user(world.max).get(reverse("events:week", args=[world.event.pk])).status_code == 404
