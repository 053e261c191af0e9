"""Two submissions of one survey at the same moment give one response; two reminder runs
at the same moment send each reminder once.

PostgreSQL only: SQLite runs one write transaction at a time, so the calls cannot meet
there (the sequential refusals are in test_answering and test_reminders)."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

import pytest
from django.core import mail
from django.db import connection

from amplify.conftest import World
from amplify.surveys import answering, invitations, periodic
from amplify.surveys.models import Invitation, Response, Wave
from amplify.surveys.periodic import survey_reminders_send
from amplify.surveys.tests.factories import wave_of_every_kind
from amplify.surveys.tests.respondent import COMPLETE
from amplify.tests.collide import at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _launched(world: World) -> Wave:
    wave = wave_of_every_kind(cohort=world.cohort)
    invitations.wave_launch(wave=wave, by=world.harriet)
    wave.refresh_from_db()
    return wave


def test_two_submits_at_once_make_one_response(world: World) -> None:
    wave = _launched(world)
    bea = Invitation.objects.get(wave=wave, person__user=world.bea)

    def submit() -> Response:
        return answering.survey_submit(invitation=bea, answers=COMPLETE)

    results = at_once([submit, submit], meet_at=(Response.objects.__class__, "create"))
    won = [r for r in results if isinstance(r, Response)]
    lost = [r for r in results if not isinstance(r, Response)]
    assert len(won) == 1, results
    assert len(lost) == 1
    assert "already answered" in str(lost[0])
    assert Response.objects.filter(wave=wave).count() == 1


def test_two_reminder_runs_at_once_send_each_reminder_once(world: World) -> None:
    wave = _launched(world)
    assert wave.launched_at is not None
    moment = wave.launched_at + timedelta(days=3, minutes=1)
    mail.outbox.clear()
    results = at_once(
        [lambda: survey_reminders_send(moment), lambda: survey_reminders_send(moment)],
        # Both have read the same due reminders before either claims one.
        meet_at=(cast(type, periodic), "_claim"),
    )
    for r in results:
        assert not isinstance(r, BaseException), r
    assert sum(r["reminded"] for r in results) == 4
    assert sorted(m.to[0] for m in mail.outbox if m.subject.startswith("Reminder")) == sorted(
        [world.alice.email, world.bea.email, world.carl.email, world.dan.email]
    )
    assert set(Invitation.objects.values_list("reminders_sent", flat=True)) == {1}
