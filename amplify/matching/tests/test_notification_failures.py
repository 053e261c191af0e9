"""A match email that cannot be sent is logged and shown to the manager, never dropped in
silence; a line break in a name no longer loses the email."""

import logging

from django.core import mail
from django.urls import reverse

from amplify.conftest import World, build_world
from amplify.matching import services
from amplify.matching.tests.cohorts import Matchable, build_matchable
from amplify.matching.tests.test_pages import ready_run
from amplify.people.models import Person


def test_it_sends_the_match_email_to_someone_whose_name_holds_a_line_break(
    world: World, django_capture_on_commit_callbacks
) -> None:
    m: Matchable = build_matchable(world)
    # A name stored before the boundary rule existed.
    Person.objects.filter(pk=m.alice.pk).update(preferred_name="Alice\nBcc: x@evil.example")
    run = ready_run(world, m)
    undelivered: list[str] = []
    with django_capture_on_commit_callbacks(execute=True):
        services.matching_run_publish(run=run, published_by=world.harriet, undelivered=undelivered)
    assert undelivered == []
    assert len(mail.outbox) == 4
    assert all("\n" not in msg.subject for msg in mail.outbox)
    assert all(msg.to != ["x@evil.example"] and not msg.bcc for msg in mail.outbox)


def test_it_logs_and_shows_an_email_that_could_not_be_sent(
    transactional_db: None, django_db_serialized_rollback: None, as_user, monkeypatch, caplog
) -> None:
    # Transactional: the emails go when publishing commits, before the page answers.
    world = build_world()
    m: Matchable = build_matchable(world)
    run = ready_run(world, m)

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("amplify.home.notifications.send_mail", refuse)
    client = as_user(world.harriet)
    with caplog.at_level(logging.ERROR, "amplify.notifications"):
        response = client.post(
            reverse("matching:run-action", args=[run.pk, "publish"]), follow=True
        )
    page = response.content.decode()
    assert "could not be sent" in page
    assert "Alice" in page.split("could not be sent")[0].rsplit("alert", 1)[-1]
    assert sum("Could not send the match notification" in r.message for r in caplog.records) == 4


def test_it_names_undelivered_emails_in_the_api_answer(
    transactional_db: None, django_db_serialized_rollback: None, as_user, monkeypatch
) -> None:
    world = build_world()
    m: Matchable = build_matchable(world)
    run = ready_run(world, m)

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("amplify.home.notifications.send_mail", refuse)
    response = as_user(world.harriet).post(f"/api/matching-runs/{run.pk}/publish")
    assert response.status_code == 200
    assert len(response.json()["undelivered"]) == 4
