"""The signed link and the pseudonymous key."""

from __future__ import annotations

import uuid

from amplify.conftest import World
from amplify.surveys import links
from amplify.surveys.models import Invitation
from amplify.surveys.tests.factories import InvitationFactory, WaveFactory


def test_a_link_names_its_invitation_and_nothing_else_works(world: World) -> None:
    invitation = InvitationFactory(
        wave=WaveFactory(cohort=world.cohort), person=world.person(world.bea)
    )
    token = links.token_for(invitation)
    assert links.invitation_for(token) == invitation
    # Her email and name are not in it: only the random key, signed.
    assert token.split(":")[0] == invitation.key.hex
    # Altered, cut short, or signed for something else: refused.
    assert links.invitation_for(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert links.invitation_for(token[: len(token) // 2]) is None
    assert links.invitation_for("") is None
    assert links.invitation_for("not-a-token") is None
    forged = uuid.uuid4().hex + ":" + token.split(":")[1]
    assert links.invitation_for(forged) is None


def test_a_new_key_makes_the_old_link_stop_working(world: World) -> None:
    invitation = InvitationFactory(
        wave=WaveFactory(cohort=world.cohort), person=world.person(world.bea)
    )
    old = links.token_for(invitation)
    Invitation.objects.filter(pk=invitation.pk).update(key=uuid.uuid4())
    invitation.refresh_from_db()
    assert links.invitation_for(old) is None
    assert links.invitation_for(links.token_for(invitation)) == invitation


def test_the_pseudonym_is_stable_per_cohort_and_person_and_says_nothing(settings) -> None:
    first = links.pseudonym(7, 12)
    assert first == links.pseudonym(7, 12)  # pre and post answers link
    assert len(first) == 64
    assert int(first, 16) >= 0
    assert first != links.pseudonym(8, 12)  # another cohort: another code
    assert first != links.pseudonym(7, 13)
    # Derived from the server's secret: another secret, another code.
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789abcdef"
    assert links.pseudonym(7, 12) != first
