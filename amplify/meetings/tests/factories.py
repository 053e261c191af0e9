"""Meetings records on top of the world, for these tests and the shared walks (the
wrong-role table, the admin walks, the diversity leak walk)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from amplify.conftest import World
from amplify.matching.models import MatchProfile
from amplify.meetings.models import Meeting, MeetingSlot
from amplify.meetings.services import meeting_log, meeting_settings_set, meeting_slot_set
from amplify.meetings.slots import Choice
from amplify.programmes.models import Pairing

# Tuesday evenings and Thursday afternoons, local time: both Alice and Bea (London).
FREE = [1 * 3 + 2, 3 * 3 + 1]


def alice_and_bea(world: World) -> Pairing:
    # The world's cohort's pair (other tests' cohorts may pair them too).
    return Pairing.objects.select_related("mentor", "mentee", "cohort__programme").get(
        cohort=world.cohort, mentor__user=world.alice, mentee__user=world.bea
    )


def carl_and_dan(world: World) -> Pairing:
    # The world's cohort's pair (other tests' cohorts may pair them too).
    return Pairing.objects.select_related("mentor", "mentee", "cohort__programme").get(
        cohort=world.cohort, mentor__user=world.carl, mentee__user=world.dan
    )


def free_time(world: World, *people: str, slots: list[int] | None = None) -> None:
    for key in people or ("alice", "bea"):
        MatchProfile.objects.update_or_create(
            person=world.person(getattr(world, key)), defaults={"availability": slots or FREE}
        )


def slot_for(world: World, pairing: Pairing | None = None) -> MeetingSlot:
    """Alice and Bea's Tuesday 18:00 UTC slot (inside their shared evening)."""
    pairing = pairing or alice_and_bea(world)
    free_time(world)
    return meeting_slot_set(pairing=pairing, chosen_by=pairing.mentor, choice=Choice(1, 18).code)


def meeting_for(
    world: World, *, days_ago: int = 3, pairing: Pairing | None = None, notes: str = ""
) -> Meeting:
    pairing = pairing or alice_and_bea(world)
    meeting, _created = meeting_log(
        pairing=pairing,
        logged_by=pairing.mentee,
        held_on=timezone.localdate() - timedelta(days=days_ago),
        duration_minutes=60,
        mode=Meeting.Mode.REMOTE,
        topics=["goals", "career"],
        notes=notes or "We talked about Bea's portfolio",
    )
    return meeting


def started(pairing: Pairing, on: date) -> Pairing:
    Pairing.objects.filter(pk=pairing.pk).update(started_on=on)
    pairing.refresh_from_db()
    return pairing


def make_everything(world: World) -> None:
    """One record of each meetings model."""
    meeting_settings_set(programme=world.programme, changed_by=world.harriet, every_days=14)
    slot_for(world)
    meeting_for(world)
    from amplify.meetings.periodic import cadence_notices_send

    cadence_notices_send(timezone.now())
