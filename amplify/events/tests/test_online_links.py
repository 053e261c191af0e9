"""An event's online link is an http(s) address by every way in: API, form and service."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from amplify.conftest import World
from amplify.events.models import Event
from amplify.events.services import event_create, event_update

BAD_LINKS = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://files.example/x",
    "file:///etc/passwd",
]


def _payload(online_url: str) -> dict:
    start = timezone.now() + timedelta(days=5)
    return {
        "kind": "workshop",
        "title": "Workshop",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=1)).isoformat(),
        "format": "online",
        "online_url": online_url,
    }


@pytest.mark.parametrize("link", BAD_LINKS)
def test_it_refuses_script_links_through_the_api(world: World, as_user, link: str) -> None:
    client = as_user(world.harriet)
    before = Event.objects.count()
    response = client.post(
        f"/api/events/cohort/{world.cohort.pk}", _payload(link), content_type="application/json"
    )
    assert response.status_code == 422
    assert "https://" in str(response.json()["detail"])
    assert Event.objects.count() == before
    patched = client.patch(
        f"/api/events/{world.event.pk}", {"online_url": link}, content_type="application/json"
    )
    assert patched.status_code == 422
    world.event.refresh_from_db()
    assert world.event.online_url != link


def test_it_accepts_an_https_link_through_the_api(world: World, as_user) -> None:
    response = as_user(world.harriet).post(
        f"/api/events/cohort/{world.cohort.pk}",
        _payload("https://meet.example/room"),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["online_url"] == "https://meet.example/room"


@pytest.mark.parametrize("link", BAD_LINKS)
def test_it_refuses_script_links_in_the_service(world: World, link: str) -> None:
    start = timezone.now() + timedelta(days=5)
    with pytest.raises(ValidationError) as error:
        event_create(
            cohort=world.cohort,
            created_by=world.harriet,
            kind="workshop",
            title="Workshop",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            format="online",
            online_url=link,
        )
    assert "online_url" in error.value.message_dict
    with pytest.raises(ValidationError):
        event_update(event=world.event, changed_by=world.harriet, online_url=link)


def test_it_refuses_script_links_in_the_form(world: World, as_user) -> None:
    from amplify.events.forms import EventForm

    form = EventForm(
        data={
            "kind": "workshop",
            "title": "Workshop",
            "starts_at": "2031-05-01T10:00",
            "ends_at": "2031-05-01T11:00",
            "time_zone": "UTC",
            "format": "online",
            "online_url": "javascript:alert(1)",
        }
    )
    assert not form.is_valid()
    assert "online_url" in form.errors


def test_it_never_renders_a_stored_script_link_as_a_link(world: World, as_user) -> None:
    # A row saved before the rule existed is shown as text, not as a clickable link.
    Event.objects.filter(pk=world.event.pk).update(online_url="javascript:alert(1)")
    page = as_user(world.alice).get(f"/events/{world.event.pk}/").content.decode()
    assert "javascript:alert(1)" in page
    assert 'href="javascript:' not in page
