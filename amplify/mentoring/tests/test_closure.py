"""A relationship ends by the programme manager, with a reason: the pair ends, messages
through Amplify stop, both are emailed, and relationship_ended is sent. Either person may
ask her to end it."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from amplify.conftest import World
from amplify.mentoring.models import EndRequest, Goal, Relationship
from amplify.mentoring.services import relationship_close, relationship_end_ask
from amplify.mentoring.signals import relationship_ended
from amplify.mentoring.tests.factories import goal_for, pair_of


def test_the_manager_closes_it_with_a_reason_and_everyone_hears(
    world: World, as_user, django_capture_on_commit_callbacks
) -> None:
    pairing = pair_of(world)
    heard = []

    def receiver(sender, pairing, reason, **kwargs):  # type: ignore[no-untyped-def]
        heard.append((pairing.pk, reason))

    relationship_ended.connect(receiver)
    try:
        url = reverse("mentoring:close", args=[pairing.pk])
        with django_capture_on_commit_callbacks(execute=True):
            response = as_user(world.harriet).post(
                url, {"reason": "moved_away", "note": "Bea moved to Leeds"}
            )
            as_user(world.harriet).post(url, {"reason": "moved_away"})  # twice: once
    finally:
        relationship_ended.disconnect(receiver)
    assert response.status_code == 302
    pairing.refresh_from_db()
    assert pairing.ended_on is not None
    relationship = Relationship.objects.get(pairing=pairing)
    assert relationship.closure_reason == "moved_away"
    assert heard == [(pairing.pk, "moved_away")]
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@sony.example", "bea@example.com"]
    for email in mail.outbox:
        assert "Leeds" not in email.body
        assert email.alternatives[0][1] == "text/html"


def test_after_closure_no_message_can_be_sent(world: World, as_user) -> None:
    pairing = pair_of(world)
    relationship_close(pairing=pairing, closed_by=world.harriet, reason="completed")
    response = as_user(world.alice).post(
        f"/api/safeguarding/pairs/{pairing.pk}/messages",
        {"body": "Still there?"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "ended" in response.json()["detail"]


def test_after_closure_goals_are_read_only(world: World, as_user) -> None:
    goal = goal_for(world)
    relationship_close(pairing=pair_of(world), closed_by=world.harriet, reason="completed")
    url = reverse("mentoring:goal-progress", args=[goal.pk])
    response = as_user(world.bea).post(url, {"progress": 80})
    assert response.status_code == 422
    assert Goal.objects.get(pk=goal.pk).progress == 0
    page = as_user(world.bea).get(reverse("mentoring:pair", args=[goal.pairing_id]))
    assert "This relationship ended on" in page.content.decode()


def test_a_safeguarding_closure_is_not_named_to_the_pair(world: World, as_user) -> None:
    pairing = pair_of(world)
    relationship_close(pairing=pairing, closed_by=world.harriet, reason="safeguarding")
    page = as_user(world.bea).get(reverse("mentoring:pair", args=[pairing.pk]))
    text = page.content.decode()
    assert "Ended by the programme" in text
    assert "Safeguarding)" not in text


def test_either_person_asks_and_the_manager_confirms(
    world: World, as_user, django_capture_on_commit_callbacks
) -> None:
    pairing = pair_of(world)
    url = reverse("mentoring:ask-to-end", args=[pairing.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert as_user(world.bea).post(url, {"reason": "withdrew"}).status_code == 302
    assert as_user(world.alice).post(url, {"reason": "other"}).status_code == 302  # one open
    (request,) = EndRequest.objects.all()
    assert [m.to for m in mail.outbox] == [["harriet@sony.example"]]
    pairing.refresh_from_db()
    assert pairing.ended_on is None  # asking does not end it
    relationship_close(pairing=pairing, closed_by=world.harriet, reason="withdrew")
    request.refresh_from_db()
    assert request.status == EndRequest.Status.CONFIRMED


def test_the_manager_may_keep_it_going(world: World, as_user) -> None:
    pairing = pair_of(world)
    request = relationship_end_ask(pairing=pairing, by=world.person(world.bea), reason="other")
    response = as_user(world.harriet).post(reverse("mentoring:decline", args=[request.pk]))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == EndRequest.Status.DECLINED


def test_only_the_manager_closes(world: World, as_user) -> None:
    pairing = pair_of(world)
    url = reverse("mentoring:close", args=[pairing.pk])
    assert as_user(world.alice).post(url, {"reason": "completed"}).status_code == 403
    assert as_user(world.dan).post(url, {"reason": "completed"}).status_code == 404
    assert as_user(world.ina).post(url, {"reason": "completed"}).status_code == 403
    assert as_user(world.harriet).post(url, {"reason": "bored"}).status_code == 422
    pairing.refresh_from_db()
    assert pairing.ended_on is None
