"""The idle timeout ends quiet sessions without writing the session on every request, and
automatic polling does not count as activity."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from amplify.accounts import sessions
from amplify.conftest import World

POLL = {"HTTP_X_AMPLIFY_POLL": "1"}


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock(1_900_000_000.0)
    monkeypatch.setattr(sessions.time, "time", clock)
    return clock


def _session_writes(client, path: str = "/", **extra) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    assert response.status_code == 200
    return [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]


def test_it_does_not_write_the_session_on_every_request(world: World, as_user, clock) -> None:
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    client = as_user(world.alice)
    first = client.get("/")
    cookie = first.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE == 30 * 60
    clock.now += 30
    assert _session_writes(client) == []
    # A minute later the next request renews the session (its row and its cookie) once.
    clock.now += 31
    assert len(_session_writes(client)) == 1
    assert _session_writes(client) == []


def test_it_ends_a_session_idle_past_the_timeout(world: World, as_user, clock) -> None:
    client = as_user(world.alice)
    assert client.get("/").status_code == 200
    clock.now += settings.SESSION_COOKIE_AGE - 5
    assert client.get("/").status_code == 200  # still inside the idle period: renews it
    clock.now += settings.SESSION_COOKIE_AGE - 5
    assert client.get("/").status_code == 200
    clock.now += settings.SESSION_COOKIE_AGE + 1
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_does_not_count_polling_as_activity(world: World, as_user, clock) -> None:
    # Given a manager who leaves an import page open: it polls every second
    client = as_user(world.alice)
    assert client.get("/").status_code == 200
    for _ in range(29):
        clock.now += 60
        assert _session_writes(client, **POLL) == []
    # When the idle timeout passes with nothing but polling, the session is over
    clock.now += 61
    response = client.get("/", **POLL)
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_it_marks_polling_requests_in_the_page_script() -> None:
    # htmx elements that poll (hx-trigger="every 1s") send the header the server looks for.
    script = (settings.BASE_DIR / "amplify" / "static" / "amplify" / "app.js").read_text()
    assert sessions.POLL_HEADER in script
    assert "every" in script


def test_it_keeps_token_requests_free_of_sessions(world: World, clock) -> None:
    # Given a script calling the API with a personal token and no cookie
    from django.contrib.sessions.models import Session
    from django.test import Client

    from amplify.accounts.services import api_token_create

    _, raw = api_token_create(user=world.alice, name="script")
    client = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    # When it makes requests a minute apart
    for _ in range(3):
        response = client.get("/api/me", **auth)
        assert response.status_code == 200
        # Then none of them creates or saves a session (a token has no idle timeout: it
        # expires or is revoked), and no session cookie is handed to the script
        assert settings.SESSION_COOKIE_NAME not in response.cookies
        assert _session_writes(client, "/api/me", **auth) == []
        clock.now += 61
    assert Session.objects.count() == 0
