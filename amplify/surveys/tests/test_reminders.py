"""Reminders to non-responders: at +3 and +7 days and the day before closing, at most three,
never twice for the same moment, never to someone who answered."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from amplify.conftest import World
from amplify.operations.periodic import REGISTRY, periodic_run_due
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.tests.factories import EnrolmentFactory
from amplify.surveys import answering
from amplify.surveys.models import Invitation, SurveySettings, Wave
from amplify.surveys.periodic import survey_reminders_send
from amplify.surveys.tests.respondent import COMPLETE, invitation_of, launched


@pytest.fixture
def wave(world: World, django_capture_on_commit_callbacks) -> Wave:
    now = timezone.now()
    w = launched(
        world,
        django_capture_on_commit_callbacks,
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(days=14),
    )
    mail.outbox.clear()
    return w


def _run(wave: Wave, days: float) -> list[str]:
    assert wave.launched_at is not None
    mail.outbox.clear()
    survey_reminders_send(wave.launched_at + timedelta(days=days))
    return sorted(m.to[0] for m in mail.outbox)


def test_it_is_registered_hourly() -> None:
    assert REGISTRY["surveys.reminders"].every == timedelta(hours=1)


def test_only_non_responders_are_reminded_at_3_and_7_days_and_before_closing(
    world: World, wave: Wave
) -> None:
    answering.survey_submit(invitation=invitation_of(world, world.bea, wave), answers=COMPLETE)
    others = sorted([world.alice.email, world.carl.email, world.dan.email])
    assert _run(wave, 1) == []
    assert _run(wave, 3.01) == others
    assert _run(wave, 3.5) == []  # once per moment
    assert _run(wave, 7.01) == others
    assert _run(wave, 12) == []
    assert _run(wave, 13.01) == others  # the day before closing
    assert _run(wave, 13.5) == []
    assert Invitation.objects.get(wave=wave, person__user=world.alice).reminders_sent == 3


def test_a_reminder_says_when_it_closes_and_carries_her_link(world: World, wave: Wave) -> None:
    _run(wave, 3.01)
    to_dan = next(m for m in mail.outbox if m.to == [world.dan.email])
    assert to_dan.subject.startswith("Reminder: End of programme closes on ")
    assert "/survey/" in to_dan.body


def test_a_job_that_missed_moments_sends_one_reminder_not_several(world: World, wave: Wave) -> None:
    assert len(_run(wave, 8)) == 4
    assert len(_run(wave, 8.5)) == 0
    assert len(_run(wave, 13.01)) == 4


def test_the_programmes_settings_decide_the_days_and_the_most(world: World, wave: Wave) -> None:
    SurveySettings.objects.create(
        programme=world.programme,
        reminder_days=[1, 2, 5],
        remind_before_close=False,
        max_reminders=2,
    )
    assert len(_run(wave, 1.01)) == 4
    assert len(_run(wave, 2.01)) == 4
    assert len(_run(wave, 5.01)) == 0  # at most two
    assert len(_run(wave, 13.01)) == 0  # no reminder before closing


def test_running_twice_at_the_same_moment_sends_each_reminder_once(
    world: World, wave: Wave
) -> None:
    assert wave.launched_at is not None
    moment = wave.launched_at + timedelta(days=3, minutes=5)
    mail.outbox.clear()
    survey_reminders_send(moment)
    survey_reminders_send(moment)
    assert len(mail.outbox) == 4
    # Through the periodic mechanism, too (its lease, then our claims).
    mail.outbox.clear()
    periodic_run_due(now=moment + timedelta(days=4), only="surveys.reminders")
    periodic_run_due(now=moment + timedelta(days=4), only="surveys.reminders")
    assert len(mail.outbox) == 4


def test_a_closed_or_unlaunched_wave_sends_nothing(world: World, wave: Wave) -> None:
    assert wave.launched_at is not None
    assert _run(wave, 15) == []
    Wave.objects.filter(pk=wave.pk).update(launched_at=None)
    assert _run(wave, 3.01) == []


def test_the_queries_do_not_grow_with_the_non_responders(world: World, wave: Wave) -> None:
    def queries() -> int:
        assert wave.launched_at is not None
        Invitation.objects.filter(wave=wave).update(reminders_sent=0, last_reminded_at=None)
        with CaptureQueriesContext(connection) as ctx:
            survey_reminders_send(wave.launched_at + timedelta(days=3.01))
        per_reminder = Invitation.objects.filter(wave=wave).count()  # one claim each
        return len(ctx.captured_queries) - per_reminder

    few = queries()
    for _ in range(20):
        person = PersonFactory()
        EnrolmentFactory(cohort=world.cohort, person=person, role="mentee")
        Invitation.objects.create(wave=wave, person=person, role="mentee", sent_at=wave.launched_at)
    assert queries() == few
