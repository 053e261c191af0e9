"""The coaching periodic job: a pair behind plan and a quiet home group's members are
nudged once per missed session or quiet spell, whether the job runs again or twice at once."""

from __future__ import annotations

import io
from datetime import UTC, datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from amplify.coaching.models import CoachingNotice
from amplify.coaching.periodic import coaching_notices_send
from amplify.coaching.services import coaching_settings_set
from amplify.coaching.tests.factories import NOTES, held_for, home_group, round_for
from amplify.conftest import World
from amplify.operations.periodic import REGISTRY
from amplify.tests.collide import at_once


def _at(day) -> datetime:
    return datetime.combine(day, time(9), tzinfo=UTC)


def _plan(world: World, **values: int) -> None:
    coaching_settings_set(programme=world.leadership, changed_by=world.max, **values)


def _subjects(fragment: str) -> list[str]:
    return sorted(m.to[0] for m in mail.outbox if fragment in m.subject)


def test_it_is_registered_and_runs_from_the_command(world: World) -> None:
    assert "coaching.cadence" in REGISTRY
    _plan(world, sessions_planned=20)
    call_command("amplify_periodic", "--only", "coaching.cadence", stdout=io.StringIO())
    assert _subjects("coaching session") == ["coco@sony.example", "lena.lee@sony.example"]


def test_it_nudges_a_pair_behind_plan_once_per_missed_session(world: World) -> None:
    # Given 20 sessions over the cohort's 210 days: a month in, two are expected, one held
    _plan(world, sessions_planned=20)
    held_for(world, notes=NOTES)
    today = timezone.localdate()
    assert coaching_notices_send(_at(today)) == {"pair_behind": 1}
    nudge = next(m for m in mail.outbox if m.to == ["coco@sony.example"])
    assert "held 1 of the 20" in nudge.body
    assert NOTES not in nudge.body
    # Then running again, or the next day, sends nothing new
    mail.outbox.clear()
    assert coaching_notices_send(_at(today)) == {}
    assert coaching_notices_send(_at(today + timedelta(days=1))) == {}
    assert mail.outbox == []
    # A week on (another session expected) they are nudged again, for that one
    assert coaching_notices_send(_at(today + timedelta(days=11))) == {"pair_behind": 1}


def test_it_nudges_a_quiet_groups_members_and_not_a_busy_one(world: World) -> None:
    _plan(world, round_every_days=14, quiet_days=21)
    quiet = home_group(world)
    busy = home_group(world, extra=1)
    round_for(world, busy, days_ago=2)
    today = timezone.localdate()
    assert coaching_notices_send(_at(today)) == {"group_quiet": 1}
    notice = CoachingNotice.objects.get()
    assert notice.home_group_id == quiet.pk
    assert notice.recipients == quiet.members.count()
    assert "lena.lee@sony.example" in _subjects("has not met")
    assert coaching_notices_send(_at(today)) == {}


def test_a_closed_cohort_gets_nothing(world: World) -> None:
    _plan(world, sessions_planned=20, round_every_days=14, quiet_days=21)
    home_group(world)
    world.leadership_cohort.status = "closed"
    world.leadership_cohort.save()
    assert coaching_notices_send(_at(timezone.localdate())) == {}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_send_each_nudge_once(world: World) -> None:
    _plan(world, sessions_planned=20, round_every_days=14, quiet_days=21)
    home_group(world)
    now = _at(timezone.localdate())
    results = at_once(
        [lambda: coaching_notices_send(now), lambda: coaching_notices_send(now)],
        meet_at=(QuerySet, "bulk_create"),
    )
    for r in results:
        assert not isinstance(r, BaseException), r
    assert sorted(sum(r.values()) for r in results) == [0, 2]
    assert CoachingNotice.objects.count() == 2
    assert len(_subjects("coaching session")) == 2
