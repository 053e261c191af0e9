"""Coaching records on top of the world, for these tests and the shared walks (the
wrong-role table, the admin walks, the query counts)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from amplify.coaching.models import CoachingSession, Mode, PeerRound, Theme
from amplify.coaching.services import (
    coaching_session_book,
    coaching_session_log,
    coaching_settings_set,
    peer_round_log,
)
from amplify.conftest import World
from amplify.matching.models import GroupingRun, HomeGroup, MatchProfile, RunStatus
from amplify.meetings.slots import Choice
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Cohort, Enrolment, Pairing
from amplify.programmes.tests.factories import EnrolmentFactory, PairingFactory

# Tuesday evenings and Thursday afternoons: Coco and Lena both (the same zone).
FREE = [1 * 3 + 2, 3 * 3 + 1]
NOTES = "Lena doubts her pitch to the board"


def coco_and_lena(world: World) -> Pairing:
    return Pairing.objects.select_related("mentor", "mentee", "cohort__programme").get(
        cohort=world.leadership_cohort,
        kind=Pairing.Kind.COACHING,
        mentor__user=world.coco,
        mentee__user=world.lena,
    )


def free_time(world: World) -> None:
    for user in (world.coco, world.lena):
        MatchProfile.objects.update_or_create(
            person=world.person(user), defaults={"availability": FREE}
        )


def booked_for(world: World) -> CoachingSession:
    """Coco and Lena's session next Tuesday (or the one after), 18:00 UTC."""
    free_time(world)
    pairing = coco_and_lena(world)
    session, _created = coaching_session_book(
        pairing=pairing,
        booked_by=pairing.mentor,
        choice=Choice(1, 18).code,
        week_of=timezone.localdate() + timedelta(days=1),
    )
    return session


def held_for(
    world: World, *, days_ago: int = 3, pairing: Pairing | None = None, notes: str = NOTES
) -> CoachingSession:
    pairing = pairing or coco_and_lena(world)
    session, _created = coaching_session_log(
        pairing=pairing,
        logged_by=pairing.mentor,
        held_on=timezone.localdate() - timedelta(days=days_ago),
        duration_minutes=60,
        mode=Mode.VIDEO,
        themes=[Theme.WHO_AM_I, Theme.LED_BY_ME],
        coach_notes=notes,
        actions="Draft the one-page story of her experiment",
    )
    return session


def home_group(world: World, *, cohort: Cohort | None = None, extra: int = 3) -> HomeGroup:
    """A published home group of the leadership cohort: Lena, Leo and `extra` others."""
    cohort = cohort or world.leadership_cohort
    number = GroupingRun.objects.filter(cohort=cohort).count() + 1
    run = GroupingRun.objects.create(
        cohort=cohort,
        number=number,
        status=RunStatus.PUBLISHED,
        published_at=timezone.now() - timedelta(days=60),
    )
    group = HomeGroup.objects.create(run=run, band="All", number=1, name=f"Group {number}")
    members = [world.person(world.lena), world.person(world.leo)]
    for _i in range(extra):
        person = PersonFactory()
        EnrolmentFactory(cohort=cohort, person=person, role=Enrolment.Role.PARTICIPANT)
        members.append(person)
    group.members.set(members)
    return group


def round_for(world: World, group: HomeGroup, *, days_ago: int = 5) -> PeerRound:
    lena, leo = world.person(world.lena), world.person(world.leo)
    peer_round, _created = peer_round_log(
        group=group,
        logged_by=lena,
        held_on=timezone.localdate() - timedelta(days=days_ago),
        challenge_by=lena,
        coaches=[leo],
        theme=Theme.STAND_FOR,
        note="Lena's challenge: saying no to a project",
    )
    return peer_round


def more_pairs(world: World, n: int, *, coach: bool = False) -> None:
    """n more coaching pairs in the leadership cohort, with a session each: Coco's coachees
    (`coach`), or each of a new coach."""
    for _i in range(n):
        participant = PersonFactory()
        coach_of = world.person(world.coco) if coach else PersonFactory()
        pairing = PairingFactory(
            cohort=world.leadership_cohort,
            kind=Pairing.Kind.COACHING,
            mentor=coach_of,
            mentee=participant,
            started_on=timezone.localdate() - timedelta(days=30),
        )
        held_for(world, days_ago=2, pairing=pairing, notes="x")


def make_everything(world: World) -> None:
    """One record of each coaching model."""
    # Twenty sessions: a month in, the plan expects two, so the pair is behind and nudged.
    coaching_settings_set(programme=world.leadership, changed_by=world.max, sessions_planned=20)
    booked_for(world)
    held_for(world)
    group = home_group(world)
    round_for(world, group, days_ago=25)
    from amplify.coaching.periodic import coaching_notices_send

    coaching_notices_send(timezone.now())
