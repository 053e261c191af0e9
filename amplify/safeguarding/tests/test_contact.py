"""A pair reaching each other through Amplify: the other's name, a message by email under
the sender's name, personal details only when both chose to share them."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from amplify.conftest import World
from amplify.programmes.models import Pairing
from amplify.safeguarding.models import PairMessage
from amplify.safeguarding.services import pair_sharing_set
from amplify.safeguarding.tests.factories import alice_and_bea


def test_it_shows_the_pair_each_others_name_but_not_their_details(world: World, as_user) -> None:
    pairing = alice_and_bea(world)
    page = as_user(world.bea).get(reverse("safeguarding:pair", args=[pairing.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Alice Staff" in text
    assert "alice@sony.example" not in text


def test_it_is_a_404_for_anyone_outside_the_pair(world: World, as_user) -> None:
    pairing = alice_and_bea(world)
    for who in ("harriet", "ada", "carl", "dan", "otto"):
        client = as_user(getattr(world, who))
        assert client.get(reverse("safeguarding:pair", args=[pairing.pk])).status_code == 404
        assert client.get(f"/api/safeguarding/pairs/{pairing.pk}/contact").status_code == 404


def test_it_emails_the_message_under_the_senders_name_without_her_address(
    world: World, as_user, django_capture_on_commit_callbacks
) -> None:
    pairing = alice_and_bea(world)
    url = reverse("safeguarding:pair-message", args=[pairing.pk])
    data = {"body": "See you on Thursday?", "request_key": str(uuid.uuid4())}
    with django_capture_on_commit_callbacks(execute=True):
        assert as_user(world.alice).post(url, data).status_code == 302
        as_user(world.alice).post(url, data)  # sent twice: goes once
    (email,) = mail.outbox
    assert email.to == ["bea@example.com"]
    assert email.from_email.startswith("Alice Staff via Amplify <")
    assert "alice@sony.example" not in email.from_email + str(email.reply_to) + email.body
    assert "See you on Thursday?" in email.body
    assert email.alternatives[0][1] == "text/html"
    message = PairMessage.objects.get()
    assert (message.sender, message.recipient) == (
        world.person(world.alice),
        world.person(world.bea),
    )


def test_it_shows_details_and_lets_replies_go_direct_once_both_share(
    world: World, as_user, django_capture_on_commit_callbacks
) -> None:
    pairing = alice_and_bea(world)
    alice, bea = world.person(world.alice), world.person(world.bea)
    pair_sharing_set(pairing=pairing, person=alice, shares_details=True, phone="+44 7700 900123")
    page = as_user(world.bea).get(reverse("safeguarding:pair", args=[pairing.pk])).content
    assert b"alice@sony.example" not in page  # Bea has not shared hers
    as_user(world.bea).post(
        reverse("safeguarding:pair-sharing", args=[pairing.pk]), {"shares_details": "on"}
    )
    page = as_user(world.bea).get(reverse("safeguarding:pair", args=[pairing.pk])).content
    assert b"alice@sony.example" in page
    assert b"+44 7700 900123" in page
    api = as_user(world.alice).get(f"/api/safeguarding/pairs/{pairing.pk}/contact").json()
    assert (api["both_share"], api["other_email"]) == (True, "bea@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        as_user(world.bea).post(
            reverse("safeguarding:pair-message", args=[pairing.pk]), {"body": "Hi"}
        )
    assert mail.outbox[0].reply_to == [bea.email]


def test_it_limits_how_often_one_writes(world: World, as_user) -> None:
    pairing = alice_and_bea(world)
    alice = world.person(world.alice)
    now = timezone.now()
    for hours in (2, 3, 4, 5, 6):
        PairMessage.objects.create(
            pairing=pairing,
            sender=alice,
            recipient=world.person(world.bea),
            sent_at=now - timedelta(hours=hours),
        )
    url = f"/api/safeguarding/pairs/{pairing.pk}/messages"
    response = as_user(world.alice).post(url, {"body": "One more"}, content_type="application/json")
    assert response.status_code == 422
    assert "as many messages as Amplify allows" in response.json()["detail"]
    assert PairMessage.objects.count() == 5


def test_it_stops_messages_when_the_pair_has_ended(world: World, as_user) -> None:
    pairing = alice_and_bea(world)
    Pairing.objects.filter(pk=pairing.pk).update(ended_on=timezone.localdate())
    response = as_user(world.alice).post(
        reverse("safeguarding:pair-message", args=[pairing.pk]), {"body": "Hello"}
    )
    assert response.status_code == 422
    assert "This pair has ended" in response.content.decode()
    assert not PairMessage.objects.exists()
