"""Either person logs a meeting; the other confirms it; a double submit logs it once; the
notes are the pair's alone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from amplify.conftest import World
from amplify.meetings.models import Meeting
from amplify.meetings.services import meeting_confirm, meeting_log
from amplify.meetings.tests.factories import alice_and_bea, meeting_for


def _form(days_ago: int = 2, **extra: object) -> dict[str, object]:
    return {
        "held_on": (timezone.localdate() - timedelta(days=days_ago)).isoformat(),
        "duration_minutes": 45,
        "mode": "in_person",
        "topics": ["career", "network"],
        "notes": "Practised the interview for the label internship",
        **extra,
    }


def test_it_logs_a_meeting_from_the_page_once_however_often_it_is_sent(
    world: World, as_user
) -> None:
    pairing = alice_and_bea(world)
    url = reverse("meetings:log", args=[pairing.pk])
    client = as_user(world.bea)
    assert client.post(url, _form()).status_code == 302
    assert client.post(url, _form()).status_code == 302  # the same form sent again
    meeting = Meeting.objects.get()
    assert (meeting.pairing, meeting.logged_by, meeting.duration_minutes) == (
        pairing,
        pairing.mentee,
        45,
    )
    assert meeting.topics == ["career", "network"]
    assert meeting.confirmed_at is None
    page = client.get(reverse("meetings:pair", args=[pairing.pk])).content.decode()
    assert "Practised the interview" in page
    assert "Waiting for Alice Staff" in page


def test_the_other_person_confirms_it(world: World, as_user) -> None:
    meeting = meeting_for(world)
    url = reverse("meetings:confirm", args=[meeting.pk])
    assert as_user(world.bea).post(url).status_code == 302  # Bea logged it: refused
    meeting.refresh_from_db()
    assert meeting.confirmed_at is None
    assert as_user(world.alice).post(url).status_code == 302
    meeting.refresh_from_db()
    assert meeting.confirmed_by == meeting.pairing.mentor
    first = meeting.confirmed_at
    meeting_confirm(meeting=meeting, confirmed_by=meeting.pairing.mentor)  # again: no change
    meeting.refresh_from_db()
    assert meeting.confirmed_at == first


def test_the_other_person_logging_the_same_day_confirms_it(world: World) -> None:
    meeting = meeting_for(world, days_ago=4)
    pairing = meeting.pairing
    again, created = meeting_log(
        pairing=pairing,
        logged_by=pairing.mentor,
        held_on=meeting.held_on,
        duration_minutes=60,
        mode="remote",
    )
    assert (again.pk, created) == (meeting.pk, False)
    assert again.confirmed_by == pairing.mentor


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"held_on": timezone.localdate() + timedelta(days=1)}, "held_on"),
        ({"held_on": None}, "held_on"),
        ({"duration_minutes": 2}, "duration_minutes"),
        ({"mode": "telepathy"}, "mode"),
        ({"topics": ["gossip"]}, "topics"),
    ],
)
def test_it_refuses_bad_input_naming_the_field(world: World, change: dict, field: str) -> None:
    pairing = alice_and_bea(world)
    values = {
        "held_on": timezone.localdate(),
        "duration_minutes": 60,
        "mode": "remote",
        "topics": [],
    } | change
    with pytest.raises(ValidationError) as caught:
        meeting_log(pairing=pairing, logged_by=pairing.mentee, **values)
    assert field in caught.value.message_dict
    assert not Meeting.objects.exists()


def test_a_date_before_the_pair_started_is_refused_on_the_page(world: World, as_user) -> None:
    pairing = alice_and_bea(world)
    before = (pairing.started_on - timedelta(days=1)).isoformat()
    response = as_user(world.bea).post(
        reverse("meetings:log", args=[pairing.pk]), _form(held_on=before)
    )
    assert response.status_code == 422
    assert "before it" in response.content.decode()


def test_the_page_is_the_pairs_alone(world: World, as_user) -> None:
    meeting = meeting_for(world)
    url = reverse("meetings:pair", args=[meeting.pairing_id])
    for who in ("harriet", "ada", "ina", "carl", "dan", "otto", "pat"):
        assert as_user(getattr(world, who)).get(url).status_code == 404, who
        confirm = reverse("meetings:confirm", args=[meeting.pk])
        assert as_user(getattr(world, who)).post(confirm).status_code == 404, who


def test_the_manager_reads_that_they_met_but_never_the_notes(world: World, as_user) -> None:
    meeting = meeting_for(world, notes="Bea is worried about money")
    api = as_user(world.harriet).get(f"/api/meetings/pairs/{meeting.pairing_id}/meetings")
    assert api.status_code == 200
    (row,) = api.json()
    assert row["held_on"] == meeting.held_on.isoformat()
    assert row["notes"] is None
    page = as_user(world.harriet).get(reverse("meetings:health", args=[world.cohort.pk]))
    assert "worried about money" not in page.content.decode()
    own = as_user(world.alice).get(f"/api/meetings/pairs/{meeting.pairing_id}/meetings")
    assert own.json()[0]["notes"] == "Bea is worried about money"
    assert "notes" not in {f.name for f in Meeting.history.model._meta.fields}


def test_my_meetings_lists_my_pairs_only(world: World, as_user) -> None:
    meeting_for(world)
    page = as_user(world.bea).get(reverse("meetings:mine")).content.decode()
    assert "Alice Staff" in page
    assert "Dan Young" not in page
