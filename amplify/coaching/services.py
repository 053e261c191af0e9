"""Writes for coaching: a programme's coaching settings; booking, rescheduling, cancelling
and logging a coaching session (each change sends both people the calendar message); and
logging a home group's peer-coaching round."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.accounts.models import User
from amplify.coaching import emails
from amplify.coaching.models import CoachingSession, CoachingSettings, Mode, PeerRound, Theme
from amplify.home.concurrency import check_version
from amplify.matching.models import HomeGroup, RunStatus
from amplify.meetings.slots import Choice, choices
from amplify.people.models import Person
from amplify.programmes.models import Pairing, Programme

SETTINGS_FIELDS = ("sessions_planned", "session_minutes", "round_every_days", "quiet_days")
NOTES_MAX_LENGTH = 4000
ACTIONS_MAX_LENGTH = 2000
ROUND_NOTE_MAX_LENGTH = 500


# ---------- Settings ----------


@transaction.atomic
def coaching_settings_set(
    *, programme: Programme, changed_by: User, version: str | None = None, **values: int
) -> CoachingSettings:
    """Set a programme's coaching plan. `version` is the one the caller saw (a second tab's
    stale save is refused)."""
    Programme.objects.select_for_update().get(pk=programme.pk)
    if programme.kind != Programme.Kind.LEADERSHIP:
        raise ValidationError(_("Coaching settings belong to a leadership programme."))
    found = CoachingSettings.objects.filter(programme=programme).first()
    check_version(found, fields=SETTINGS_FIELDS, expected=version)
    unknown = set(values) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown settings: %(names)s.") % {"names": ", ".join(unknown)})
    settings = found or CoachingSettings(programme=programme)
    for name, value in values.items():
        setattr(settings, name, value)
    errors: dict[str, str] = {}
    if not 1 <= settings.sessions_planned <= 30:
        errors["sessions_planned"] = _("Plan 1 to 30 sessions per pair.")
    if not 15 <= settings.session_minutes <= 240:
        errors["session_minutes"] = _("A session lasts 15 to 240 minutes.")
    if not 7 <= settings.round_every_days <= 90:
        errors["round_every_days"] = _("Expect a round every 7 to 90 days.")
    if not settings.round_every_days <= settings.quiet_days <= 365:
        errors["quiet_days"] = _(
            "A group is quiet on or after the days between rounds, and within a year."
        )
    if errors:
        raise ValidationError(errors)
    settings._history_user = changed_by  # type: ignore[attr-defined]
    settings.save()
    return settings


# ---------- Sessions ----------


def _in_pair(pairing: Pairing, person: Person) -> None:
    if person.pk not in (pairing.mentor_id, pairing.mentee_id):
        raise ValidationError(_("Only the coach and the participant can do this."))


def _locked_pair(pairing: Pairing) -> Pairing:
    pairing = (
        Pairing.objects.select_for_update()
        .select_related("mentor", "mentee", "cohort__programme")
        .get(pk=pairing.pk)
    )
    if pairing.kind != Pairing.Kind.COACHING:
        raise ValidationError(_("This is not a coaching pair."))
    return pairing


def _current(pairing: Pairing) -> None:
    if not Pairing.objects.current().filter(pk=pairing.pk).exists():
        raise ValidationError(_("This coaching pair has ended: there are no more sessions."))


def _starts_at(pairing: Pairing, *, choice: str, week_of: date | None, now: datetime) -> datetime:
    """The start a booking asks for: the weekly time `choice` (one the pair's shared free
    time offers) on or after `week_of`; in the future and before the cohort ends."""
    minutes = CoachingSettings.for_programme(pairing.cohort.programme).session_minutes
    picked = Choice.parse(choice)
    offered, _shared = choices(pairing, on=now.date(), minutes=minutes)
    if picked is None or picked not in offered:
        raise ValidationError({"choice": _("Choose one of the times offered.")})
    if week_of is None:
        raise ValidationError({"week_of": _("Give the week of the session.")})
    starts_at = picked.first_at(max(week_of, now.date()))
    if starts_at <= now:
        starts_at = picked.first_at(now.date() + timedelta(days=1))
    if starts_at.date() > pairing.cohort.ends_on:
        raise ValidationError({"week_of": _("The cohort ends before that time comes round.")})
    return starts_at


def _send_after_commit(session: CoachingSession) -> None:
    transaction.on_commit(lambda: emails.session_send(session))


@transaction.atomic
def coaching_session_book(
    *,
    pairing: Pairing,
    booked_by: Person,
    choice: str,
    week_of: date | None,
    now: datetime | None = None,
) -> tuple[CoachingSession, bool]:
    """Book a session in the pair's shared free time and send both the invitation
    (METHOD:REQUEST); (session, created). The same time booked again (a double submit, or
    the other person at the same moment) finds the first booking and sends nothing."""
    now = now or timezone.now()
    pairing = _locked_pair(pairing)
    _in_pair(pairing, booked_by)
    _current(pairing)
    starts_at = _starts_at(pairing, choice=choice, week_of=week_of, now=now)
    same = CoachingSession.objects.booked().filter(pairing=pairing, starts_at=starts_at).first()
    if same is not None:
        return same, False
    minutes = CoachingSettings.for_programme(pairing.cohort.programme).session_minutes
    session = CoachingSession(
        pairing=pairing, starts_at=starts_at, minutes=minutes, booked_by=booked_by
    )
    if booked_by.user is not None:
        session._history_user = booked_by.user  # type: ignore[attr-defined]
    session.save()
    _send_after_commit(session)
    return session, True


def _locked_session(session: CoachingSession) -> CoachingSession:
    locked = CoachingSession.objects.select_for_update().get(pk=session.pk)
    locked.pairing = (Pairing.objects.select_related("mentor", "mentee", "cohort__programme")).get(
        pk=locked.pairing_id
    )
    return locked


def _still_booked(session: CoachingSession) -> None:
    if session.status == CoachingSession.Status.HELD:
        raise ValidationError(_("This session is already logged as held."))
    if session.status == CoachingSession.Status.CANCELLED:
        raise ValidationError(_("This session was cancelled."))


@transaction.atomic
def coaching_session_reschedule(
    *,
    session: CoachingSession,
    changed_by: Person,
    choice: str,
    week_of: date | None,
    now: datetime | None = None,
) -> CoachingSession:
    """Move a booked session: both get the update (the same UID, a higher SEQUENCE). The
    same time again changes and sends nothing."""
    now = now or timezone.now()
    session = _locked_session(session)
    _in_pair(session.pairing, changed_by)
    _still_booked(session)
    _current(session.pairing)
    starts_at = _starts_at(session.pairing, choice=choice, week_of=week_of, now=now)
    if starts_at == session.starts_at:
        return session
    session.starts_at = starts_at
    session.sequence += 1
    if changed_by.user is not None:
        session._history_user = changed_by.user  # type: ignore[attr-defined]
    session.save()
    _send_after_commit(session)
    return session


@transaction.atomic
def coaching_session_cancel(*, session: CoachingSession, changed_by: Person) -> CoachingSession:
    """Cancel a booked session: both get METHOD:CANCEL for its UID with a higher SEQUENCE.
    Cancelling again does nothing; a held session cannot be cancelled."""
    session = _locked_session(session)
    _in_pair(session.pairing, changed_by)
    if session.status == CoachingSession.Status.CANCELLED:
        return session
    _still_booked(session)
    session.status = CoachingSession.Status.CANCELLED
    session.cancelled_at = timezone.now()
    session.sequence += 1
    if changed_by.user is not None:
        session._history_user = changed_by.user  # type: ignore[attr-defined]
    session.save()
    _send_after_commit(session)
    return session


def _clean_log(
    pairing: Pairing,
    *,
    held_on: date | None,
    duration_minutes: Any,
    mode: str,
    themes: Any,
    coach_notes: str,
    actions: str,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if held_on is None:
        errors["held_on"] = _("Give the date of the session.")
    elif held_on > today:
        errors["held_on"] = _("Log a session once it has happened: this date is in the future.")
    elif held_on < pairing.started_on:
        errors["held_on"] = _("The coaching began on %(date)s: this date is before it.") % {
            "date": pairing.started_on.isoformat()
        }
    if not isinstance(duration_minutes, int) or not 10 <= duration_minutes <= 480:
        errors["duration_minutes"] = _("A session lasts 10 to 480 minutes.")
    if mode not in Mode.values:
        errors["mode"] = _("Say whether you met in person, by video or by phone.")
    if not isinstance(themes, list | tuple) or any(t not in Theme.values for t in themes):
        errors["themes"] = _("Choose themes from the list.")
    if len(coach_notes) > NOTES_MAX_LENGTH:
        errors["coach_notes"] = _("Keep the notes under %(n)s characters.") % {
            "n": NOTES_MAX_LENGTH
        }
    if len(actions) > ACTIONS_MAX_LENGTH:
        errors["actions"] = _("Keep the actions under %(n)s characters.") % {
            "n": ACTIONS_MAX_LENGTH
        }
    return errors


@transaction.atomic
def coaching_session_log(
    *,
    pairing: Pairing,
    logged_by: Person,
    held_on: date | None,
    duration_minutes: int,
    mode: str,
    themes: list[str] | tuple[str, ...] = (),
    coach_notes: str = "",
    actions: str = "",
    session: CoachingSession | None = None,
) -> tuple[CoachingSession, bool]:
    """The coach logs a session as held: the booked `session`, or one held without booking;
    (session, created). Logged once: a second log of the same session or of the same day
    (a double submit, a second tab) returns the first, unchanged."""
    pairing = _locked_pair(pairing)
    if logged_by.pk != pairing.mentor_id:
        raise ValidationError(_("The coach logs the sessions."))
    errors = _clean_log(
        pairing,
        held_on=held_on,
        duration_minutes=duration_minutes,
        mode=mode,
        themes=themes,
        coach_notes=coach_notes,
        actions=actions,
    )
    if errors:
        raise ValidationError(errors)
    assert held_on is not None
    if session is not None:
        session = _locked_session(session)
        if session.pairing_id != pairing.pk:
            raise ValidationError({"session": _("That session is not of this pair.")})
        if session.status == CoachingSession.Status.HELD:
            return session, False
        if session.status == CoachingSession.Status.CANCELLED:
            raise ValidationError({"session": _("This session was cancelled.")})
    same_day = CoachingSession.objects.held().filter(pairing=pairing, held_on=held_on).first()
    if same_day is not None:
        return same_day, False
    target = session or CoachingSession(pairing=pairing, minutes=duration_minutes)
    target.status = CoachingSession.Status.HELD
    target.held_on = held_on
    target.duration_minutes = duration_minutes
    target.mode = mode
    target.themes = list(dict.fromkeys(themes))
    target.coach_notes = coach_notes.strip()
    target.actions = actions.strip()
    target.logged_at = timezone.now()
    if logged_by.user is not None:
        target._history_user = logged_by.user  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError:
        # The same day logged at the same moment by another request: that one stands.
        return CoachingSession.objects.get(pairing=pairing, held_on=held_on), False
    return target, True


# ---------- Peer-coaching rounds ----------


@transaction.atomic
def peer_round_log(
    *,
    group: HomeGroup,
    logged_by: Person,
    held_on: date | None,
    challenge_by: Person | None,
    coaches: list[Person],
    theme: str,
    note: str = "",
) -> tuple[PeerRound, bool]:
    """A member logs a round of her home group; (round, created). The same round (day and
    who brought the challenge) logged again, by her or another member, finds the first."""
    group = HomeGroup.objects.select_for_update().select_related("run__cohort").get(pk=group.pk)
    if group.run.status != RunStatus.PUBLISHED:
        raise ValidationError(_("This home group is not published."))
    member_ids = set(group.members.values_list("pk", flat=True))
    if logged_by.pk not in member_ids:
        raise ValidationError(_("Only the group's members log its rounds."))
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if held_on is None:
        errors["held_on"] = _("Give the date of the round.")
    elif held_on > today:
        errors["held_on"] = _("Log a round once it has happened: this date is in the future.")
    elif held_on < group.run.cohort.starts_on:
        errors["held_on"] = _("The cohort began on %(date)s: this date is before it.") % {
            "date": group.run.cohort.starts_on.isoformat()
        }
    if challenge_by is None or challenge_by.pk not in member_ids:
        errors["challenge_by"] = _("Choose the member who brought the challenge.")
    if not coaches:
        errors["coaches"] = _("Choose at least one member who coached.")
    elif any(p.pk not in member_ids for p in coaches):
        errors["coaches"] = _("Only the group's members coach in its rounds.")
    elif challenge_by is not None and any(p.pk == challenge_by.pk for p in coaches):
        errors["coaches"] = _("The member who brought the challenge is coached, not coaching.")
    if theme not in Theme.values:
        errors["theme"] = _("Choose a theme from the list.")
    if len(note) > ROUND_NOTE_MAX_LENGTH:
        errors["note"] = _("Keep the note under %(n)s characters.") % {"n": ROUND_NOTE_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    assert challenge_by is not None
    assert held_on is not None
    found = PeerRound.objects.filter(
        home_group=group, held_on=held_on, challenge_by=challenge_by
    ).first()
    if found is not None:
        return found, False
    peer_round = PeerRound(
        home_group=group,
        held_on=held_on,
        challenge_by=challenge_by,
        theme=theme,
        note=note.strip(),
        logged_by=logged_by,
    )
    if logged_by.user is not None:
        peer_round._history_user = logged_by.user  # type: ignore[attr-defined]
    peer_round.save()
    peer_round.coaches.set(coaches)
    return peer_round, True
