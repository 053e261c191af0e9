"""Two managers editing one event: the second save never silently reverts the first."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.events.models import Event
from amplify.events.services import event_update
from amplify.tests.pages import form_data


def test_it_shows_the_loser_of_two_event_edits_what_changed(world: World, as_user) -> None:
    client = as_user(world.harriet)
    url = reverse("events:edit", args=[world.event.pk])
    seen = form_data(client.get(url))
    event_update(event=world.event, changed_by=world.ada, venue="Kings Place, London")
    response = client.post(url, {**seen, "title": "Launch night"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved a change since you opened this (venue)" in page
    assert "Now “Kings Place, London” (changed by someone else)." in page
    assert Event.objects.get(pk=world.event.pk).title == "Launch evening"
    # Saving again, having seen it, replaces the venue with hers on purpose
    assert client.post(url, form_data(response)).status_code == 302
    event = Event.objects.get(pk=world.event.pk)
    assert (event.title, event.venue) == ("Launch night", "Derry Street, London")


def test_it_guards_event_updates_in_the_api(world: World) -> None:
    token = api_token_create(user=world.harriet, name="t")[1]
    client = Client(headers={"Authorization": f"Bearer {token}"})
    url = f"/api/events/{world.event.pk}"
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"title": "A"}, content_type="application/json").status_code == 428
    first = client.patch(
        url, {"capacity": 40}, content_type="application/json", headers={"If-Match": etag}
    )
    assert first.status_code == 200
    second = client.patch(
        url, {"title": "B"}, content_type="application/json", headers={"If-Match": etag}
    )
    assert second.status_code == 409
    assert second.json()["errors"] == {"capacity": ["Now “40” (changed by someone else)."]}
    assert Event.objects.get(pk=world.event.pk).title == "Launch evening"
