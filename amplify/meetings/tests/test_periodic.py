"""The meetings' periodic job: a nudge to both after 21 quiet days, the manager alerted at
28, a reminder of a meeting in the next days; nothing sent twice for the same gap, whether
the job runs again or twice at once."""

from __future__ import annotations

import io
from datetime import UTC, datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.db.models import QuerySet

from amplify.conftest import World
from amplify.meetings.models import CadenceNotice
from amplify.meetings.periodic import cadence_notices_send
from amplify.meetings.tests.factories import alice_and_bea, carl_and_dan, meeting_for, started
from amplify.operations.periodic import REGISTRY
from amplify.tests.collide import at_once


def _at(day) -> datetime:
    return datetime.combine(day, time(9), tzinfo=UTC)


def _quiet(world: World, days: int):
    """Alice and Bea last met `days` ago; Carl and Dan met yesterday."""
    from django.utils import timezone

    today = timezone.localdate()
    started(alice_and_bea(world), today - timedelta(days=days + 5))
    started(carl_and_dan(world), today - timedelta(days=days + 5))
    meeting_for(world, days_ago=days)
    meeting_for(world, days_ago=1, pairing=carl_and_dan(world))
    return today


def _to(kind_subject: str) -> list[str]:
    return sorted(m.to[0] for m in mail.outbox if kind_subject in m.subject)


def test_it_is_registered_and_runs_from_the_command(world: World) -> None:
    assert "meetings.cadence" in REGISTRY
    _quiet(world, 21)
    call_command("amplify_periodic", "--only", "meetings.cadence", stdout=io.StringIO())
    assert _to("catch up") == ["alice@sony.example", "bea@example.com"]


def test_it_nudges_both_at_21_days_and_alerts_the_manager_at_28(world: World) -> None:
    today = _quiet(world, 20)
    assert cadence_notices_send(_at(today)) == {}
    assert mail.outbox == []
    # A day later: 21 days without a meeting
    assert cadence_notices_send(_at(today + timedelta(days=1))) == {"nudge": 1}
    assert _to("catch up") == ["alice@sony.example", "bea@example.com"]
    nudge = next(m for m in mail.outbox if "catch up" in m.subject)
    assert "21 days" in nudge.body
    assert nudge.alternatives[0][1] == "text/html"
    assert "portfolio" not in nudge.body  # never the notes
    mail.outbox.clear()
    # A week on: the manager is alerted, the pair is not nudged again for the same gap
    sent = cadence_notices_send(_at(today + timedelta(days=8)))
    assert sent == {"alert": 1}
    (alert,) = mail.outbox
    assert alert.to == ["harriet@sony.example"]
    assert "Alice Staff and Bea Young: 28 days" in alert.body
    assert "Carl Staff" not in alert.body


def test_running_it_again_sends_nothing_twice(world: World) -> None:
    today = _quiet(world, 30)
    first = cadence_notices_send(_at(today))
    assert first == {"nudge": 1, "alert": 1}
    count = len(mail.outbox)
    assert cadence_notices_send(_at(today)) == {}
    assert cadence_notices_send(_at(today + timedelta(days=3))) == {}
    assert len(mail.outbox) == count
    assert CadenceNotice.objects.count() == 2
    # A new meeting ends the gap; the next quiet spell is a new one.
    meeting_for(world, days_ago=0)
    # (Carl and Dan, who met yesterday, are nudged for their own first gap.)
    assert cadence_notices_send(_at(today + timedelta(days=21))) == {"nudge": 2}


def test_it_reminds_the_pair_of_a_meeting_in_the_next_days(world: World) -> None:
    from amplify.meetings.tests.factories import slot_for

    today = _quiet(world, 1)
    slot = slot_for(world)
    first = slot.first_on
    mail.outbox.clear()
    sent = cadence_notices_send(_at(first - timedelta(days=2)))
    assert sent == {"reminder": 1}
    assert _to("coming up") == ["alice@sony.example", "bea@example.com"]
    reminder = next(m for m in mail.outbox if "coming up" in m.subject)
    assert "18:00" in reminder.body  # Tuesday 18:00 UTC is 18:00 in London in winter
    assert cadence_notices_send(_at(first - timedelta(days=1))) == {}
    assert today <= first


def test_ended_pairs_and_closed_cohorts_get_nothing(world: World) -> None:
    today = _quiet(world, 40)
    pairing = alice_and_bea(world)
    pairing.ended_on = today
    pairing.save()
    assert cadence_notices_send(_at(today)) == {}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_send_each_notice_once(world: World) -> None:
    today = _quiet(world, 30)
    now = _at(today)
    results = at_once(
        [lambda: cadence_notices_send(now), lambda: cadence_notices_send(now)],
        meet_at=(QuerySet, "bulk_create"),
    )
    for r in results:
        assert not isinstance(r, BaseException), r
    assert sorted(len(r) for r in results) == [0, 2]
    assert CadenceNotice.objects.count() == 2
    assert _to("catch up") == ["alice@sony.example", "bea@example.com"]
    assert _to("have not met") == ["harriet@sony.example"]
