"""The relationship's records, for this app's tests and the shared walks (the wrong-role
table, the admin walk, the leak walk)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from amplify.conftest import World
from amplify.mentoring.models import Goal
from amplify.mentoring.services import (
    agreement_accept,
    goal_comment_add,
    goal_progress_update,
    goal_set,
    relationship_end_ask,
)
from amplify.programmes.models import Pairing

SECRET = "Get a first job in music publishing"


def pair_of(world: World, mentee: str = "bea") -> Pairing:
    pairing = Pairing.objects.filter(mentee__user=getattr(world, mentee)).order_by("pk").first()
    assert pairing is not None
    return pairing


def goal_for(world: World, mentee: str = "bea", title: str = SECRET) -> Goal:
    pairing = pair_of(world, mentee)
    found = Goal.objects.filter(pairing=pairing, title=title).first()
    if found is not None:
        return found
    return goal_set(
        pairing=pairing,
        by=world.person(getattr(world, mentee)),
        title=title,
        why_it_matters="My family cannot open doors for me there",
        success_criterion="Three applications sent and one interview",
        target_date=timezone.localdate() + timedelta(days=90),
    )


def make_everything(world: World) -> None:
    """One record of each mentoring model, in Alice and Bea's pair."""
    pairing = pair_of(world)
    agreement_accept(pairing=pairing, by=world.person(world.alice))
    agreement_accept(pairing=pairing, by=world.person(world.bea))
    goal = goal_for(world)
    goal_progress_update(goal=goal, by=world.person(world.bea), progress=30, note="Sent one")
    goal_comment_add(goal=goal, by=world.person(world.alice), body="Try the PRS graduate scheme")
    relationship_end_ask(
        pairing=pair_of(world, "dan"), by=world.person(world.dan), reason="moved_away"
    )
