"""Safeguarding personas on top of the world: Lena is Positive Influence's safeguarding lead
and Desmond her deputy (both employees with accounts, in no cohort). Harriet, who runs the
programme, is not a lead: she must not read a concern."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils import timezone

from amplify.accounts.models import User
from amplify.conftest import World
from amplify.people.tests.factories import PersonFactory, UserFactory
from amplify.safeguarding.models import Concern, SafeguardingTeam
from amplify.safeguarding.services import concern_raise, safeguarding_team_set


@dataclass
class Leads:
    lena: User  # the lead: reads and acts on every concern of Positive Influence
    desmond: User  # her deputy: the same
    team: SafeguardingTeam


@pytest.fixture
def leads(world: World) -> Leads:
    users = {}
    for key in ("lena", "desmond"):
        user = UserFactory(email=f"{key}@sony.example")
        PersonFactory(name=f"{key.capitalize()} Safe", email=user.email, user=user)
        users[key] = user
    team = safeguarding_team_set(
        programme=world.programme,
        lead=users["lena"].person,
        deputy=users["desmond"].person,
        changed_by=world.harriet,
    )
    return Leads(lena=users["lena"], desmond=users["desmond"], team=team)


WHAT = "Bea said someone at home took her phone and she is scared to go back"
WORDS = "I cannot go home tonight"


def raise_one(world: World, *, urgency: str = "same_day", by: User | None = None) -> Concern:
    return concern_raise(
        about=world.person(world.bea),
        raised_by=by or world.alice,
        what_happened=WHAT,
        exact_words=WORDS,
        who_was_involved="Bea, an adult at home",
        happened_on=timezone.localdate(),
        urgency=urgency,
    )
