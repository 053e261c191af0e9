"""A safeguarding team, a concern and a pair's contact records, for the shared walks (the
wrong-role table, the admin walk)."""

from __future__ import annotations

from django.utils import timezone

from amplify.conftest import World
from amplify.people.tests.factories import PersonFactory, UserFactory
from amplify.programmes.models import Pairing
from amplify.safeguarding.models import Concern, SafeguardingTeam
from amplify.safeguarding.services import (
    concern_act,
    concern_escalate,
    concern_raise,
    concern_view_record,
    pair_message_send,
    pair_sharing_set,
    safeguarding_team_set,
)


def team_for(world: World) -> SafeguardingTeam:
    found = SafeguardingTeam.objects.filter(programme=world.programme).first()
    if found is not None:
        return found
    user = UserFactory(email="lead@sony.example")
    lead = PersonFactory(name="Lead Safe", email=user.email, user=user)
    return safeguarding_team_set(
        programme=world.programme, lead=lead, deputy=None, changed_by=world.harriet
    )


def concern_for(world: World) -> Concern:
    team_for(world)
    return concern_raise(
        about=world.person(world.bea),
        raised_by=world.alice,
        what_happened="Something Bea said",
        happened_on=timezone.localdate(),
        urgency="within_24_hours",
    )


def alice_and_bea(world: World) -> Pairing:
    pairing = (
        Pairing.objects.filter(mentor__user=world.alice, mentee__user=world.bea)
        .order_by("pk")
        .first()
    )
    assert pairing is not None
    return pairing


def make_everything(world: World) -> None:
    """One record of each safeguarding model."""
    concern = concern_for(world)
    lead = concern.programme.safeguarding_team.lead.user
    concern_act(concern=concern, by=lead, note="Spoke to Bea", status="acknowledged")
    concern_escalate(concern=concern, by=lead, to_whom="LADO", urgency="same_day")
    concern_view_record(concern=concern, viewer=lead, route="page")
    pairing = alice_and_bea(world)
    pair_sharing_set(pairing=pairing, person=world.person(world.alice), shares_details=True)
    pair_message_send(pairing=pairing, sender=world.person(world.alice), body="Hello")
