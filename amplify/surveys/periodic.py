"""Reminders to the people who have not answered, and invitations for newcomers.

Every hour, for each open launched wave: people who joined its audience since the launch
are invited, and each non-responder (her invitation's `responded_on` is empty) is reminded
when a moment of the programme's schedule has passed since her invitation or her last
reminder: N days after her invitation for each N of the programme's reminder days (3 and 7
by default), and the day before the wave closes when the programme asks for it, at most
the programme's number of reminders (3) in all. A job that did not run for a while sends
one reminder, not one per moment missed.

Each reminder is claimed by one conditional UPDATE (`pk` and `reminders_sent` as read), so
two runs at the same moment never send the same reminder twice. The rest is a few bulk
queries per wave, whatever its size.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db.models import F

from amplify.operations.periodic import periodic
from amplify.surveys import emails
from amplify.surveys.invitations import wave_invite_newcomers
from amplify.surveys.models import Invitation, SurveySettings, Wave
from amplify.surveys.schedule import settings_for_programmes

logger = logging.getLogger(__name__)
CHUNK = 500


def reminder_moments(
    *, sent_at: datetime, closes_at: datetime, rules: SurveySettings
) -> list[datetime]:
    """When her reminders fall due, in order, before the wave closes."""
    moments = {sent_at + timedelta(days=int(n)) for n in rules.reminder_days or []}
    if rules.remind_before_close:
        moments.add(closes_at - timedelta(days=1))
    return sorted(m for m in moments if sent_at < m < closes_at)


def reminder_due(
    *,
    now: datetime,
    sent_at: datetime,
    last_reminded_at: datetime | None,
    reminders_sent: int,
    closes_at: datetime,
    rules: SurveySettings,
) -> bool:
    if reminders_sent >= rules.max_reminders:
        return False
    since = last_reminded_at or sent_at
    return any(
        since < m <= now
        for m in reminder_moments(sent_at=sent_at, closes_at=closes_at, rules=rules)
    )


def _claim(pk: int, reminders_sent: int, now: datetime) -> bool:
    """Take this reminder for this run; False if another run (or her answer) came first."""
    return bool(
        Invitation.objects.filter(
            pk=pk, reminders_sent=reminders_sent, responded_on__isnull=True
        ).update(reminders_sent=F("reminders_sent") + 1, last_reminded_at=now)
    )


def wave_reminders_send(*, wave: Wave, rules: SurveySettings, now: datetime) -> int:
    """Remind the wave's non-responders whose reminder is due; the number of emails sent."""
    rows = Invitation.objects.filter(
        wave=wave,
        responded_on__isnull=True,
        sent_at__isnull=False,
        reminders_sent__lt=rules.max_reminders,
    ).values_list("pk", "sent_at", "last_reminded_at", "reminders_sent")
    due = {
        pk: count
        for pk, sent_at, last, count in rows
        if sent_at is not None
        and reminder_due(
            now=now,
            sent_at=sent_at,
            last_reminded_at=last,
            reminders_sent=count,
            closes_at=wave.closes_at,
            rules=rules,
        )
    }
    sent = 0
    pks = sorted(due)
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start : start + CHUNK]
        for invitation in Invitation.objects.filter(pk__in=chunk).select_related("person"):
            if _claim(invitation.pk, due[invitation.pk], now):
                sent += emails.invitation_send(invitation, wave=wave, reminder=True)
    return sent


def survey_reminders_send(now: datetime) -> dict[str, int]:
    waves = list(Wave.objects.open_at(now).select_related("cohort__programme"))
    rules = settings_for_programmes(w.cohort.programme_id for w in waves)
    invited = reminded = 0
    for wave in waves:
        invited += wave_invite_newcomers(wave=wave, now=now)
        reminded += wave_reminders_send(wave=wave, rules=rules[wave.cohort.programme_id], now=now)
    return {"waves": len(waves), "invited": invited, "reminded": reminded}


@periodic("surveys.reminders", every=timedelta(hours=1))
def survey_reminders(now: datetime) -> dict[str, int]:
    """Invite the audience's newcomers and remind the non-responders of every open wave."""
    return survey_reminders_send(now)
