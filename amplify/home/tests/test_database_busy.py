"""A locked database answers 503 with a message (pages and API), and /healthz says when the
database does not answer."""

from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client

from amplify.conftest import World
from amplify.home import views as home_views
from amplify.programmes.models import Programme


def _locked(*args, **kwargs):
    raise OperationalError("database is locked")


def test_it_answers_a_page_with_503_when_the_database_is_locked(
    world: World, as_user, monkeypatch
) -> None:
    monkeypatch.setattr(home_views, "_greeting", _locked)
    response = as_user(world.alice).get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert b"Nothing from this request was saved" in response.content


def test_it_answers_the_api_with_503_json_when_the_database_is_locked(
    world: World, as_user, monkeypatch
) -> None:
    from amplify.people.models import Person

    monkeypatch.setattr(Person.objects, "filter", _locked)
    response = as_user(world.alice).get("/api/me")
    assert response.status_code == 503
    assert "try again" in response.json()["detail"]


def test_it_answers_503_when_saving_the_session_meets_a_lock(world: World, monkeypatch) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(world.alice)
    monkeypatch.setattr(SessionStore, "save", _locked)
    response = client.get("/")
    assert response.status_code == 503
    assert b"try again" in response.content


def test_it_still_answers_500_for_other_errors(world: World, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise OperationalError("no such table: x")

    monkeypatch.setattr(home_views, "_greeting", broken)
    client = Client(raise_request_exception=False)
    client.force_login(world.alice)
    assert client.get("/").status_code == 500


def test_it_reports_an_unanswering_database_in_the_health_check(db: None, monkeypatch) -> None:
    assert Client().get("/healthz").status_code == 200
    monkeypatch.setattr(Programme.objects, "exists", _locked)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable"
