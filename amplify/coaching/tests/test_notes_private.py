"""A coach's notes are hers alone: not in the participant's page or API answer, not in
another participant's, the programme manager's or the administrator's, nor in the admin,
the history or an email."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from amplify.accounts.services import api_token_create
from amplify.coaching.tests.factories import NOTES, coco_and_lena, held_for, home_group
from amplify.conftest import World


def _api(client, user, url: str):
    token = api_token_create(user=user, name="t")[1]
    return client.get(url, headers={"Authorization": f"Bearer {token}"})


def test_the_coach_reads_her_notes_on_the_pair_page_and_in_the_api(world: World, as_user) -> None:
    session = held_for(world)
    pair = coco_and_lena(world)
    client = as_user(world.coco)
    page = client.get(reverse("coaching:pair", args=[pair.pk]))
    assert page.status_code == 200
    assert NOTES in page.content.decode()
    answer = _api(client, world.coco, f"/api/coaching/pairs/{pair.pk}/sessions")
    assert answer.json()[0]["coach_notes"] == NOTES
    assert answer.json()[0]["id"] == session.pk


def test_the_participant_sees_sessions_and_actions_but_not_the_notes(world: World, as_user) -> None:
    held_for(world)
    pair = coco_and_lena(world)
    client = as_user(world.lena)
    page = client.get(reverse("coaching:pair", args=[pair.pk])).content.decode()
    assert "Draft the one-page story" in page
    assert NOTES not in page
    assert "log-form" not in page  # the coach alone logs
    rows = _api(client, world.lena, f"/api/coaching/pairs/{pair.pk}/sessions").json()
    assert rows[0]["actions"] == "Draft the one-page story of her experiment"
    assert rows[0]["coach_notes"] is None
    assert NOTES not in str(rows)


@pytest.mark.parametrize("who", ["leo", "max", "ada", "sam", "ina"])
def test_nobody_else_reaches_the_pair_or_the_notes(world: World, as_user, who: str) -> None:
    held_for(world)
    pair = coco_and_lena(world)
    user = getattr(world, who)
    client = as_user(user)
    assert client.get(reverse("coaching:pair", args=[pair.pk])).status_code == 404
    answer = _api(client, user, f"/api/coaching/pairs/{pair.pk}/sessions")
    assert answer.status_code == 404
    for url in (reverse("coaching:coachees"), "/api/coaching/coachees"):
        got = client.get(url) if not url.startswith("/api/") else _api(client, user, url)
        assert NOTES not in got.content.decode()


@pytest.mark.parametrize("who", ["max", "ada"])
def test_the_managers_tab_shows_counts_not_notes_nor_themes(
    world: World, as_user, who: str
) -> None:
    held_for(world)
    home_group(world)
    user = getattr(world, who)
    client = as_user(user)
    page = client.get(reverse("coaching:cohort", args=[world.leadership_cohort.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Coco Staff" in text
    assert "Lena Staff" in text
    assert NOTES not in text
    assert "Who am I" not in text
    assert "Draft the one-page story" not in text
    answer = _api(client, user, f"/api/coaching/cohorts/{world.leadership_cohort.pk}")
    assert answer.status_code == 200
    assert answer.json()["pairs"][0]["held"] == 1
    assert NOTES not in answer.content.decode()
    assert "who_am_i" not in answer.content.decode()


def test_the_admin_and_the_history_hold_no_notes(world: World, as_user) -> None:
    session = held_for(world)
    client = as_user(world.ada)
    page = client.get(reverse("admin:coaching_coachingsession_change", args=[session.pk]))
    assert page.status_code == 200
    assert NOTES not in page.content.decode()
    assert not hasattr(session.history.model, "coach_notes")
    assert all(NOTES not in m.body for m in mail.outbox)


@pytest.mark.parametrize(("who", "whose"), [("lena", "lena"), ("ada", "lena"), ("ada", "coco")])
def test_the_data_exports_hold_no_notes(world: World, as_user, who: str, whose: str) -> None:
    import io
    import zipfile

    held_for(world)
    user = getattr(world, who)
    person = world.person(getattr(world, whose))
    url = "/api/me/export" if who == whose else f"/api/people/{person.pk}/export"
    answer = _api(as_user(user), user, url)
    assert answer.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(answer.streaming_content)))
    for name in archive.namelist():
        assert NOTES not in archive.read(name).decode(errors="ignore")
