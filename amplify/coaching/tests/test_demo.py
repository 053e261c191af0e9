"""The demo's coaching module on the test world (the full demo is built in amplify/demo)."""

from __future__ import annotations

import random

from django.utils import timezone

from amplify.coaching.models import CoachingSession, PeerRound
from amplify.coaching.tests.factories import coco_and_lena, home_group
from amplify.conftest import World
from amplify.demo.coaching import build_coaching
from amplify.demo.programmes import Demo


def test_it_gives_the_running_cohort_sessions_rounds_and_quiet_groups(world: World) -> None:
    # Given the leadership cohort with three published home groups
    groups = [home_group(world, extra=2) for _i in range(3)]
    demo = Demo(
        rng=random.Random(7),
        today=timezone.localdate(),
        company=None,  # type: ignore[arg-type]
        people={},
        demo={"coach": world.person(world.coco), "participant": world.person(world.lena)},
        partner=world.partner,
        by=world.max,
    )
    # When the demo's coaching is built
    counts = build_coaching(demo)
    # Then Coco and Lena have held sessions and one booked, and the groups have rounds
    pair = coco_and_lena(world)
    assert CoachingSession.objects.held().filter(pairing=pair).count() == 2
    assert CoachingSession.objects.booked().filter(pairing=pair).count() == 1
    assert PeerRound.objects.filter(home_group__in=groups).exists()
    assert counts["coaching sessions"] >= 3
