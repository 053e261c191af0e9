"""Helpers of the respondent side's tests: a launched wave of every kind of question for
the world's mentoring cohort, and the link emailed to a person."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail

from amplify.conftest import World
from amplify.surveys import invitations
from amplify.surveys.models import Invitation, Wave
from amplify.surveys.tests.factories import wave_of_every_kind

COMPLETE = {
    "barriers_understood": 4,
    "would_recommend": 9,
    "keep_meeting": True,
    "hours_a_month": 6,
    "heard_from": "school",
    "liked_most": ["events", "meetings"],
    "comments": "Good.\nThank you.",
}


def launched(world: World, capture: Any, **kwargs: Any) -> Wave:
    """A wave asking every kind of question, launched to the cohort's mentors and mentees,
    its emails sent (into mail.outbox)."""
    wave = wave_of_every_kind(cohort=world.cohort, **kwargs)
    with capture(execute=True):
        invitations.wave_launch(wave=wave, by=world.harriet)
    wave.refresh_from_db()
    return wave


def invitation_of(world: World, user: Any, wave: Wave) -> Invitation:
    return Invitation.objects.get(wave=wave, person=world.person(user))


def emailed_link(email: str) -> str:
    """The path of the survey link last emailed to `email`."""
    [body] = [m.body for m in mail.outbox if m.to == [email]][-1:]
    match = re.search(r"https?://[^/\s]+(/survey/[^\s]+/)", body)
    assert match, body
    return match.group(1)
