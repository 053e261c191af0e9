"""Writes for meetings: a programme's cadence settings, a pair's recurring slot (and the
calendar series it sends), cancelling the series when the pair ends, logging a meeting (with
the mentee's goal progress) and confirming it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.accounts.models import User
from amplify.core import cadence
from amplify.home.concurrency import check_version
from amplify.meetings import emails
from amplify.meetings.models import Meeting, MeetingSettings, MeetingSlot, Topic
from amplify.meetings.slots import Choice, choices, zone_of
from amplify.mentoring.models import Goal
from amplify.mentoring.services import goal_progress_update
from amplify.people.models import Person
from amplify.programmes.models import Pairing, Programme

SETTINGS_FIELDS = (
    "every_days",
    "duration_minutes",
    "nudge_days",
    "alert_days",
    "reminder_days",
    "at_risk_days",
    "stalled_days",
    "behind",
)
NOTES_MAX_LENGTH = 4000
# Goal updates made while logging a meeting are keyed by (meeting, goal): sending the same
# log again finds the update it made.
GOAL_PROGRESS_KEYS = uuid.UUID("3f0d5c1e-8a53-4c0e-9d7e-5b3a1f6c2a90")


def _person_in(pairing: Pairing, person: Person) -> None:
    if person.pk not in (pairing.mentor_id, pairing.mentee_id):
        raise ValidationError(_("Only the two people of a pair can do this."))


def _is_current(pairing: Pairing) -> bool:
    return Pairing.objects.current().filter(pk=pairing.pk).exists()


# ---------- Settings ----------


@transaction.atomic
def meeting_settings_set(
    *, programme: Programme, changed_by: User, version: str | None = None, **values: int
) -> MeetingSettings:
    """Set a programme's meeting cadence and thresholds. `version` is the one the caller
    saw (a second tab's stale save is refused)."""
    Programme.objects.select_for_update().get(pk=programme.pk)
    found = MeetingSettings.objects.filter(programme=programme).first()
    check_version(found, fields=SETTINGS_FIELDS, expected=version)
    settings = found or MeetingSettings(programme=programme)
    unknown = set(values) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown settings: %(names)s.") % {"names": ", ".join(unknown)})
    for name, value in values.items():
        setattr(settings, name, value)
    errors: dict[str, str] = {}
    if not 1 <= settings.every_days <= 90:
        errors["every_days"] = _("Meet every 1 to 90 days.")
    if not 15 <= settings.duration_minutes <= 240:
        errors["duration_minutes"] = _("A meeting lasts 15 to 240 minutes.")
    if settings.nudge_days < 1 or settings.alert_days < settings.nudge_days:
        errors["alert_days"] = _("Alert the manager on or after the day the pair is nudged.")
    if settings.at_risk_days < 1 or settings.stalled_days < settings.at_risk_days:
        errors["stalled_days"] = _("A pair is stalled on or after the day it is at risk.")
    if settings.reminder_days > 14:
        errors["reminder_days"] = _("Remind at most 14 days before a meeting.")
    if settings.behind < 1:
        errors["behind"] = _("At least one meeting behind.")
    if errors:
        raise ValidationError(errors)
    settings._history_user = changed_by  # type: ignore[attr-defined]
    settings.save()
    return settings


# ---------- The recurring slot ----------


@transaction.atomic
def meeting_slot_set(
    *, pairing: Pairing, chosen_by: Person, choice: str, today: date | None = None
) -> MeetingSlot:
    """Choose (or change) the pair's recurring meeting, inside their shared free time, and
    send both the calendar invitation: the same series (UID) with a higher SEQUENCE when it
    changes. The first meeting is the first such time from today (or the pair's start)."""
    pairing = (
        Pairing.objects.select_for_update()
        .select_related("mentor", "mentee", "cohort__programme")
        .get(pk=pairing.pk)
    )
    _person_in(pairing, chosen_by)
    if not _is_current(pairing):
        raise ValidationError(_("This pair has ended: there are no more meetings to plan."))
    today = today or timezone.localdate()
    settings = MeetingSettings.for_programme(pairing.cohort.programme)
    picked = Choice.parse(choice)
    offered, _shared = choices(pairing, on=today, minutes=settings.duration_minutes)
    if picked is None or picked not in offered:
        raise ValidationError({"choice": _("Choose one of the times offered.")})
    zone = zone_of(pairing.mentor)
    starts_at = picked.first_at(max(today, pairing.started_on) + timedelta(days=1))
    if starts_at.date() > pairing.cohort.ends_on:
        raise ValidationError({"choice": _("The cohort ends before that time comes round.")})
    slot = MeetingSlot.objects.filter(pairing=pairing).first()
    if slot is None:
        slot = MeetingSlot(pairing=pairing)
    elif slot.cancelled_at is None and (
        slot.starts_at == starts_at and slot.every_days == settings.every_days
    ):
        return slot  # the same time again (a double submit): nothing changes, nothing sent
    else:
        slot.sequence += 1
    slot.starts_at = starts_at.astimezone(zone)
    slot.time_zone = str(zone.key)
    slot.every_days = settings.every_days
    slot.duration_minutes = settings.duration_minutes
    slot.until = pairing.cohort.ends_on
    slot.chosen_by = chosen_by
    slot.cancelled_at = None
    if chosen_by.user is not None:
        slot._history_user = chosen_by.user  # type: ignore[attr-defined]
    slot.save()
    transaction.on_commit(lambda: emails.series_send(slot))
    return slot


@transaction.atomic
def meeting_series_cancel(
    *, pairing: Pairing, reason: str = "", changed_by: User | None = None
) -> MeetingSlot | None:
    """Cancel the pair's meeting series (the pair ended): both get METHOD:CANCEL for the
    same UID with a higher SEQUENCE. Safe to call again: a cancelled series stays so and
    nothing is sent twice."""
    slot = MeetingSlot.objects.select_for_update().filter(pairing=pairing).first()
    if slot is None or slot.cancelled_at is not None:
        return slot
    slot.cancelled_at = timezone.now()
    slot.sequence += 1
    if changed_by is not None:
        slot._history_user = changed_by  # type: ignore[attr-defined]
    slot.save()
    transaction.on_commit(lambda: emails.series_send(slot, reason=reason))
    return slot


# ---------- Logging and confirming ----------


def _clean_log(
    pairing: Pairing, held_on: date | None, duration_minutes: Any, mode: str, topics: Any
) -> dict[str, str]:
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if held_on is None:
        errors["held_on"] = _("Give the date you met.")
    elif held_on > today:
        errors["held_on"] = _("Log a meeting once it has happened: this date is in the future.")
    elif held_on < pairing.started_on:
        errors["held_on"] = _("Your pair started on %(date)s: this date is before it.") % {
            "date": pairing.started_on.isoformat()
        }
    elif pairing.ended_on is not None and held_on > pairing.ended_on:
        errors["held_on"] = _("Your pair ended on %(date)s: this date is after it.") % {
            "date": pairing.ended_on.isoformat()
        }
    if not isinstance(duration_minutes, int) or not 5 <= duration_minutes <= 480:
        errors["duration_minutes"] = _("A meeting lasts 5 to 480 minutes.")
    if mode not in Meeting.Mode.values:
        errors["mode"] = _("Say whether you met in person or remotely.")
    if not isinstance(topics, list | tuple) or any(t not in Topic.values for t in topics):
        errors["topics"] = _("Choose topics from the list.")
    return errors


@transaction.atomic
def meeting_log(
    *,
    pairing: Pairing,
    logged_by: Person,
    held_on: date | None,
    duration_minutes: int,
    mode: str,
    topics: list[str] | tuple[str, ...] = (),
    notes: str = "",
    goal_progress: Sequence[tuple[int, int | None]] = (),
) -> tuple[Meeting, bool]:
    """Log a meeting of the pair; (meeting, created). A second log of the same day (a
    double submit, or the other person logging it too) finds the first: created is False,
    and when the other person logs it, it counts as her confirmation.

    `goal_progress`, (goal id, percent) for goals of this pair, records the mentee's
    progress in the same transaction (goal_progress_update's rules: the mentee alone, a
    current pair, 0–100). If any is refused nothing is saved, the meeting included; the
    same log sent again records each goal's progress once."""
    _person_in(pairing, logged_by)
    errors = _clean_log(pairing, held_on, duration_minutes, mode, topics)
    if len(notes) > NOTES_MAX_LENGTH:
        errors["notes"] = _("Keep the notes under %(n)s characters.") % {"n": NOTES_MAX_LENGTH}
    goals = _goals_of(pairing, goal_progress, errors)
    if errors:
        raise ValidationError(errors)
    assert held_on is not None
    meeting, created = _meeting_save(
        pairing=pairing,
        logged_by=logged_by,
        held_on=held_on,
        duration_minutes=duration_minutes,
        mode=mode,
        topics=topics,
        notes=notes,
    )
    for goal, progress in goals:
        _progress_record(meeting, goal, logged_by, progress)
    return meeting, created


def _goals_of(
    pairing: Pairing, goal_progress: Sequence[tuple[int, int | None]], errors: dict[str, str]
) -> list[tuple[Goal, int | None]]:
    """The pair's own goals named in `goal_progress`; any other id is a field error."""
    ids = [goal_id for goal_id, _progress in goal_progress]
    if not ids:
        return []
    found = Goal.objects.filter(pairing=pairing).in_bulk(ids)
    if len(set(ids)) != len(ids):
        errors["goal_progress"] = _("Give each goal's progress once.")
    elif len(found) != len(ids):
        errors["goal_progress"] = _("Only the goals of your own pair can be updated here.")
    return [(found[goal_id], progress) for goal_id, progress in goal_progress if goal_id in found]


def _progress_record(meeting: Meeting, goal: Goal, by: Person, progress: int | None) -> None:
    note = _("Updated when logging the meeting of %(date)s.") % {
        "date": meeting.held_on.isoformat()
    }
    key = uuid.uuid5(GOAL_PROGRESS_KEYS, f"{meeting.pk}:{goal.pk}")
    try:
        goal_progress_update(goal=goal, by=by, progress=progress, note=note, request_key=key)
    except ValidationError as exc:
        # On the goal's own field (the form's input for it; the API names it too).
        raise ValidationError({f"goal_{goal.pk}": exc.messages}) from exc


def _meeting_save(
    *,
    pairing: Pairing,
    logged_by: Person,
    held_on: date,
    duration_minutes: int,
    mode: str,
    topics: list[str] | tuple[str, ...],
    notes: str,
) -> tuple[Meeting, bool]:
    existing = Meeting.objects.filter(pairing=pairing, held_on=held_on).first()
    if existing is None:
        meeting = Meeting(
            pairing=pairing,
            held_on=held_on,
            duration_minutes=duration_minutes,
            mode=mode,
            topics=list(dict.fromkeys(topics)),
            notes=notes.strip(),
            logged_by=logged_by,
        )
        if logged_by.user is not None:
            meeting._history_user = logged_by.user  # type: ignore[attr-defined]
        try:
            with transaction.atomic():
                meeting.save()
        except IntegrityError:
            # The same day saved at the same moment by another request: that one stands.
            existing = Meeting.objects.get(pairing=pairing, held_on=held_on)
        else:
            return meeting, True
    if existing.logged_by_id != logged_by.pk and existing.confirmed_at is None:
        existing = meeting_confirm(meeting=existing, confirmed_by=logged_by)
    return existing, False


@transaction.atomic
def meeting_confirm(*, meeting: Meeting, confirmed_by: Person) -> Meeting:
    """The other person of the pair confirms a meeting she did not log. Confirming twice
    keeps the first confirmation."""
    meeting = Meeting.objects.select_for_update().select_related("pairing").get(pk=meeting.pk)
    _person_in(meeting.pairing, confirmed_by)
    if meeting.logged_by_id == confirmed_by.pk:
        raise ValidationError(_("The other person of the pair confirms a meeting you logged."))
    if meeting.confirmed_at is not None:
        return meeting
    meeting.confirmed_by = confirmed_by
    meeting.confirmed_at = timezone.now()
    if confirmed_by.user is not None:
        meeting._history_user = confirmed_by.user  # type: ignore[attr-defined]
    meeting.save(update_fields=["confirmed_by", "confirmed_at"])
    return meeting


def thresholds_of(pairing: Pairing) -> cadence.Thresholds:
    return MeetingSettings.for_programme(pairing.cohort.programme).thresholds()
