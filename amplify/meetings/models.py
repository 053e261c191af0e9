"""A pair's meetings: the programme's cadence settings, the pair's recurring slot (sent to
both as a calendar series), the meetings they log, and the notices the periodic job sent.

Notes of a meeting are private to the pair: the programme manager sees that they met, when
and for how long, never what they wrote.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.models import sees_nothing
from amplify.accounts.types import Viewer
from amplify.core import cadence
from amplify.home.history_actor import HistoryActor
from amplify.programmes.models import Pairing, Programme


class MeetingSettings(models.Model):
    """A programme's meeting cadence and thresholds. A programme without a row uses the
    defaults (fortnightly, an hour; nudge at 21 days, alert at 28)."""

    programme = models.OneToOneField(
        Programme,
        on_delete=models.CASCADE,
        related_name="meeting_settings",
        verbose_name=_("programme"),
    )
    every_days = models.PositiveSmallIntegerField(
        _("days between meetings"),
        default=cadence.DEFAULT_EVERY_DAYS,
        help_text=_("14: fortnightly. A multiple of 7 keeps the same weekday."),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("meeting length in minutes"), default=cadence.DEFAULT_MINUTES
    )
    nudge_days = models.PositiveSmallIntegerField(
        _("nudge the pair after days without a meeting"), default=cadence.DEFAULT_NUDGE_DAYS
    )
    alert_days = models.PositiveSmallIntegerField(
        _("alert the programme manager after days without a meeting"),
        default=cadence.DEFAULT_ALERT_DAYS,
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind the pair days before a meeting"),
        default=cadence.DEFAULT_REMINDER_DAYS,
        help_text=_("0: no reminders."),
    )
    at_risk_days = models.PositiveSmallIntegerField(
        _("at risk after days without a meeting"), default=cadence.DEFAULT_AT_RISK_DAYS
    )
    stalled_days = models.PositiveSmallIntegerField(
        _("stalled after days without a meeting"), default=cadence.DEFAULT_STALLED_DAYS
    )
    behind = models.PositiveSmallIntegerField(
        _("at risk when this many meetings behind"), default=cadence.DEFAULT_BEHIND
    )

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        verbose_name = _("meeting settings")
        verbose_name_plural = _("meeting settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(every_days__gte=1), name="meeting_every_day_or_more"
            ),
            models.CheckConstraint(
                condition=Q(stalled_days__gte=models.F("at_risk_days")),
                name="meeting_thresholds_ordered",
            ),
            models.CheckConstraint(
                condition=Q(alert_days__gte=models.F("nudge_days")),
                name="meeting_notices_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"Meeting settings of {self.programme}"

    @classmethod
    def for_programme(cls, programme: Programme) -> MeetingSettings:
        """The programme's settings, or unsaved defaults."""
        return cls.objects.filter(programme=programme).first() or cls(programme=programme)

    @classmethod
    def by_programme(cls, programme_ids: Any) -> dict[int, MeetingSettings]:
        """Settings for many programmes in one query; defaults for the rest."""
        found = {s.programme_id: s for s in cls.objects.filter(programme_id__in=programme_ids)}
        return {pk: found.get(pk) or cls(programme_id=pk) for pk in set(programme_ids)}

    def thresholds(self) -> cadence.Thresholds:
        return cadence.Thresholds(
            every_days=self.every_days,
            at_risk_days=self.at_risk_days,
            stalled_days=self.stalled_days,
            behind=self.behind,
            nudge_days=self.nudge_days,
            alert_days=self.alert_days,
            reminder_days=self.reminder_days,
        )


class MeetingSlotQuerySet(models.QuerySet["MeetingSlot"]):
    def for_user(self, user: Viewer) -> MeetingSlotQuerySet:
        return self.filter(pairing__in=Pairing.objects.for_user(user))

    def live(self) -> MeetingSlotQuerySet:
        return self.filter(cancelled_at__isnull=True)


class MeetingSlot(models.Model):
    """A pair's recurring meeting: the first one, then every `every_days` until the cohort
    ends, at the same wall-clock time in `time_zone`. Sent to both as one calendar series
    (UID `uid`); every change sends the series again with a higher `sequence`."""

    pairing = models.OneToOneField(
        Pairing, on_delete=models.CASCADE, related_name="meeting_slot", verbose_name=_("pair")
    )
    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    starts_at = models.DateTimeField(_("first meeting starts at"))
    time_zone = models.CharField(
        _("time zone of the series"),
        max_length=64,
        default="UTC",
        help_text=_("The meetings keep their wall-clock time here across summer time."),
    )
    every_days = models.PositiveSmallIntegerField(_("days between meetings"))
    duration_minutes = models.PositiveSmallIntegerField(_("meeting length in minutes"))
    until = models.DateField(_("last day of the series"))
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    chosen_by = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chosen by"),
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(bases=[HistoryActor])
    objects = MeetingSlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting slot")

    def __str__(self) -> str:
        return f"Meeting slot of {self.pairing}"

    @property
    def is_live(self) -> bool:
        return self.cancelled_at is None

    @property
    def first_on(self) -> date:
        import zoneinfo

        return self.starts_at.astimezone(zoneinfo.ZoneInfo(self.time_zone)).date()

    def next_starts_at(self, *, today: date) -> datetime:
        """The next meeting of the series on or after `today`, in the series' time zone."""
        import zoneinfo

        zone = zoneinfo.ZoneInfo(self.time_zone)
        first = self.starts_at.astimezone(zone)
        day = cadence.next_occurrence(first.date(), self.every_days, today)
        return datetime.combine(day, first.timetz().replace(tzinfo=None), tzinfo=zone)

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class Topic(models.TextChoices):
    GOALS = "goals", _("Goals and progress")
    CAREER = "career", _("Career paths")
    APPLICATIONS = "applications", _("CVs, applications and interviews")
    SKILLS = "skills", _("Skills and learning")
    NETWORK = "network", _("Building a network")
    CONFIDENCE = "confidence", _("Confidence and wellbeing")
    INDUSTRY = "industry", _("The music and creative industries")
    OTHER = "other", _("Something else")


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def for_user(self, user: Viewer) -> MeetingQuerySet:
        """The meetings of the pairs the user may see: her own, or those of the cohorts she
        runs (the notes are shown to the pair alone: see `Meeting.notes_visible_to`)."""
        return self.filter(pairing__in=Pairing.objects.for_user(user))

    def of_pair_member(self, user: Any) -> MeetingQuerySet:
        """Meetings of the user's own pairs, as mentor or mentee."""
        if sees_nothing(user):
            return self.none()
        return self.filter(Q(pairing__mentor__user=user) | Q(pairing__mentee__user=user))

    def unconfirmed(self) -> MeetingQuerySet:
        return self.filter(confirmed_at__isnull=True)


class Meeting(models.Model):
    """A meeting one of the pair logged; the other may confirm it. One a day per pair: a
    second submit of the same day (two tabs, a retry) finds the first."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        REMOTE = "remote", _("Remote")

    pairing = models.ForeignKey(
        Pairing, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("pair")
    )
    held_on = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(_("minutes"))
    mode = models.CharField(_("how"), max_length=12, choices=Mode.choices)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Only the two of you can read these.")
    )
    logged_by = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("logged by"),
    )
    logged_at = models.DateTimeField(_("logged at"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    history = HistoricalRecords(bases=[HistoryActor], excluded_fields=["notes"])
    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["pairing", "held_on"], name="meeting_one_a_day"),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=480),
                name="meeting_duration_sensible",
            ),
        ]
        indexes = [models.Index(fields=["pairing", "-held_on"], name="meeting_pair_latest")]

    def __str__(self) -> str:
        return f"Meeting of {self.pairing} on {self.held_on}"

    def topic_labels(self) -> list[str]:
        labels = dict(Topic.choices)
        return [str(labels.get(t, t)) for t in self.topics]

    def notes_visible_to(self, user: Any) -> bool:
        """The notes are the pair's alone: not the programme manager's, nor an admin's."""
        pairing = self.pairing
        return bool(
            user.is_authenticated
            and user.pk is not None
            and user.pk in (pairing.mentor.user_id, pairing.mentee.user_id)
        )


class CadenceNotice(models.Model):
    """A nudge, alert or reminder the periodic job sent about a pair: one per kind and key
    (the day the quiet spell began, or the day of the meeting reminded), so that a second
    run, or two at once, send nothing twice."""

    class Kind(models.TextChoices):
        NUDGE = cadence.Notice.NUDGE.value, _("Nudge to the pair")
        ALERT = cadence.Notice.ALERT.value, _("Alert to the programme manager")
        REMINDER = cadence.Notice.REMINDER.value, _("Reminder of a meeting")

    pairing = models.ForeignKey(
        Pairing, on_delete=models.CASCADE, related_name="cadence_notices", verbose_name=_("pair")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    key = models.DateField(_("about the gap or meeting of"))
    sent_at = models.DateTimeField(_("sent at"))
    recipients = models.PositiveSmallIntegerField(_("emails sent"), default=0)
    # The run that inserted the row: it alone sends the notice.
    run = models.CharField(_("sent by run"), max_length=32, blank=True, db_index=True)

    class Meta:
        verbose_name = _("cadence notice")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["pairing", "kind", "key"], name="cadence_notice_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} about {self.pairing} ({self.key})"
