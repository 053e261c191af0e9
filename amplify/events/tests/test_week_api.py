"""The global week's API calls the services the pages call: sessions (with If-Match), their
attendance, and the activity groups."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.events.models import ActivityGroup, EventSession, SessionAttendance
from amplify.events.tests.factories import SessionFactory, global_week


def api(user: User) -> Client:
    token = api_token_create(user=user, name="week")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_it_lists_and_adds_sessions(world: World) -> None:
    week = global_week(world)
    SessionFactory(event=week, title="Charity morning")
    # Lena reads the agenda
    listed = api(world.lena).get(f"/api/events/{week.pk}/sessions")
    assert listed.status_code == 200
    assert [s["title"] for s in listed.json()] == ["Charity morning"]
    assert listed.json()[0]["attended"] == 0
    # Max adds a session, its time naive: the week's own zone (Madrid)
    local = week.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Madrid"))
    body = {
        "title": "Forest day",
        "place": "Sierra de Guadarrama",
        "activity": "nature",
        "starts_at": (local + timedelta(days=1)).replace(tzinfo=None).isoformat(),
        "ends_at": (local + timedelta(days=1, hours=6)).replace(tzinfo=None).isoformat(),
    }
    created = api(world.max).post(
        f"/api/events/{week.pk}/sessions", body, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert EventSession.objects.get(title="Forest day").starts_at == week.starts_at + timedelta(
        days=1
    )
    # Lena may not; the same place and time is refused naming the field
    assert (
        api(world.lena)
        .post(f"/api/events/{week.pk}/sessions", body, content_type="application/json")
        .status_code
        == 403
    )
    clash = api(world.max).post(
        f"/api/events/{week.pk}/sessions", body, content_type="application/json"
    )
    assert clash.status_code == 422
    assert "place" in clash.content.decode()


def test_it_changes_a_session_with_if_match_and_deletes_it(world: World) -> None:
    session = SessionFactory(event=global_week(world))
    client = api(world.max)
    url = f"/api/events/sessions/{session.pk}"
    read = client.get(url)
    assert read.status_code == 200
    assert client.patch(url, {"title": "X"}, content_type="application/json").status_code == 428
    changed = client.patch(
        url,
        {"title": "Street theatre"},
        content_type="application/json",
        headers={"If-Match": read["ETag"]},
    )
    assert changed.status_code == 200
    assert changed.json()["title"] == "Street theatre"
    stale = client.patch(
        url, {"title": "Y"}, content_type="application/json", headers={"If-Match": read["ETag"]}
    )
    assert stale.status_code == 409
    assert client.delete(url).status_code == 204
    assert not EventSession.objects.exists()


def test_it_records_attendance_and_each_sees_her_own(world: World) -> None:
    week = global_week(world, days_from_now=-2)
    session = SessionFactory(
        event=week, starts_at=week.starts_at, ends_at=week.starts_at + timedelta(hours=1)
    )
    url = f"/api/events/sessions/{session.pk}/attendance"
    for who in (world.lena, world.leo):
        response = api(world.max).post(
            url,
            {"person_id": world.person(who).pk, "attended": True},
            content_type="application/json",
        )
        assert response.status_code == 200
    assert SessionAttendance.objects.filter(session=session, attended=True).count() == 2
    assert api(world.max).get(url).json()["count"] == 2
    mine = api(world.lena).get(url).json()
    assert [row["person_id"] for row in mine["items"]] == [world.person(world.lena).pk]
    assert (
        api(world.lena)
        .post(
            url,
            {"person_id": world.person(world.lena).pk, "attended": True},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    # Two attended: the agenda's count is not given
    assert api(world.lena).get(f"/api/events/{week.pk}/sessions").json()[0]["attended"] is None


def test_it_forms_and_edits_the_groups(world: World) -> None:
    week = global_week(world)
    formed = api(world.max).post(
        f"/api/events/{week.pk}/groups", {"size": 3}, content_type="application/json"
    )
    assert formed.status_code == 201, formed.content
    groups = formed.json()
    lena = world.person(world.lena).pk
    # Lena sees only her own group
    hers = api(world.lena).get(f"/api/events/{week.pk}/groups").json()
    assert len(hers) == 1
    assert lena in hers[0]["member_ids"]
    # Max renames a group and sets its members
    group = ActivityGroup.objects.get(pk=groups[0]["id"])
    changed = api(world.max).patch(
        f"/api/events/groups/{group.pk}",
        {"name": "Los Flamencos", "member_ids": [lena]},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["member_ids"] == [lena]
    assert ActivityGroup.objects.filter(event=week, members=lena).count() == 1
    bad = api(world.max).patch(
        f"/api/events/groups/{group.pk}",
        {"member_ids": [world.person(world.otto).pk]},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "members" in bad.content.decode()


def test_the_wrong_people_get_404(world: World) -> None:
    week = global_week(world)
    session = SessionFactory(event=week)
    for who in (world.harriet, world.otto):
        assert api(who).get(f"/api/events/{week.pk}/sessions").status_code == 404
        assert api(who).get(f"/api/events/sessions/{session.pk}").status_code == 404
    assert api(world.max).get(f"/api/events/{world.event.pk}/sessions").status_code == 404
