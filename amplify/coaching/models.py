"""Coaching in the leadership programme: the programme's coaching settings, the sessions a
coach and her participant book and log, the peer-coaching rounds of a home group, and the
notices the periodic job sent.

A session's `coach_notes` are the coach's alone: no other person's page, API answer, export,
admin page or history holds them (see `CoachingSession.notes_visible_to`). The participant
sees the session and the actions shared with her; the programme manager sees counts.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.models import sees_nothing
from amplify.accounts.types import Viewer
from amplify.core import coaching as plan
from amplify.home.history_actor import HistoryActor
from amplify.matching.models import HomeGroup
from amplify.programmes.models import Cohort, Pairing, Programme


class CoachingSettings(models.Model):
    """A programme's coaching plan. A programme without a row uses the defaults (six
    sessions per pair, a peer-coaching round every four weeks, quiet after six)."""

    programme = models.OneToOneField(
        Programme,
        on_delete=models.CASCADE,
        related_name="coaching_settings",
        verbose_name=_("programme"),
    )
    sessions_planned = models.PositiveSmallIntegerField(
        _("sessions planned per pair over the cohort"), default=plan.DEFAULT_SESSIONS_PLANNED
    )
    session_minutes = models.PositiveSmallIntegerField(
        _("session length in minutes"), default=plan.DEFAULT_SESSION_MINUTES
    )
    round_every_days = models.PositiveSmallIntegerField(
        _("days between a home group's peer-coaching rounds"),
        default=plan.DEFAULT_ROUND_EVERY_DAYS,
        help_text=_("28: every four weeks."),
    )
    quiet_days = models.PositiveSmallIntegerField(
        _("a group is quiet after days without a round"), default=plan.DEFAULT_QUIET_DAYS
    )

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        verbose_name = _("coaching settings")
        verbose_name_plural = _("coaching settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(round_every_days__gte=1) & Q(quiet_days__gte=1),
                name="coaching_settings_days_positive",
            )
        ]

    def __str__(self) -> str:
        return f"Coaching settings of {self.programme}"

    @classmethod
    def for_programme(cls, programme: Programme) -> CoachingSettings:
        """The programme's settings, or unsaved defaults."""
        return cls.objects.filter(programme=programme).first() or cls(programme=programme)

    @classmethod
    def by_programme(cls, programme_ids: Any) -> dict[int, CoachingSettings]:
        ids = set(programme_ids)
        found = {s.programme_id: s for s in cls.objects.filter(programme_id__in=ids)}
        return {pk: found.get(pk) or cls(programme_id=pk) for pk in ids}


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("Video call")
    PHONE = "phone", _("Phone")


class Theme(models.TextChoices):
    WHO_AM_I = "who_am_i", _("Who am I")
    STAND_FOR = "stand_for", _("What do I stand for")
    LED_BY_ME = "led_by_me", _("Why would anyone be led by me")
    EXPERIMENT = "experiment", _("My experiment")
    INFLUENCE = "influence", _("Influence and stakeholders")
    TEAM = "team", _("Leading a team")
    RESILIENCE = "resilience", _("Energy and resilience")
    CAREER = "career", _("Career and next steps")
    OTHER = "other", _("Something else")


def theme_labels(values: list[str]) -> list[str]:
    labels = dict(Theme.choices)
    return [str(labels.get(v, v)) for v in values]


class CoachingSessionQuerySet(models.QuerySet["CoachingSession"]):
    def of_pair_member(self, user: Any) -> CoachingSessionQuerySet:
        """Sessions of the user's own coaching pairs, as coach or participant: nobody else
        reads a session (the manager reads counts, see amplify/coaching/health.py)."""
        if sees_nothing(user):
            return self.none()
        return self.filter(
            Q(pairing__mentor__user=user) | Q(pairing__mentee__user=user),
            pairing__kind=Pairing.Kind.COACHING,
        )

    def for_user(self, user: Viewer) -> CoachingSessionQuerySet:
        return self.of_pair_member(user)

    def booked(self) -> CoachingSessionQuerySet:
        return self.filter(status=CoachingSession.Status.BOOKED)

    def held(self) -> CoachingSessionQuerySet:
        return self.filter(status=CoachingSession.Status.HELD)


class CoachingSession(models.Model):
    """One session of a coaching pair: booked (with a calendar invitation, UID `uid`, each
    change sent again with a higher `sequence`), then held and logged by the coach; or
    cancelled. A session held without booking is logged directly."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    pairing = models.ForeignKey(
        Pairing,
        on_delete=models.CASCADE,
        related_name="coaching_sessions",
        verbose_name=_("coaching pair"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.BOOKED
    )
    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(_("booked length in minutes"), default=60)
    booked_by = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("booked by"),
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    held_on = models.DateField(_("date held"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration in minutes"), null=True, blank=True
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    coach_notes = models.TextField(
        _("coach's private notes"),
        blank=True,
        help_text=_("Only you, the coach, can read these: not your participant, not the team."),
    )
    actions = models.TextField(
        _("actions"), blank=True, help_text=_("Shared with the participant.")
    )
    logged_at = models.DateTimeField(_("logged at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(bases=[HistoryActor], excluded_fields=["coach_notes"])
    objects = CoachingSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("coaching session")
        ordering = ["-held_on", "-starts_at", "-pk"]
        constraints = [
            # One logged session a day per pair: a second log of the same day finds the first.
            models.UniqueConstraint(
                fields=["pairing", "held_on"],
                condition=Q(held_on__isnull=False),
                name="coaching_session_one_a_day",
            ),
            models.CheckConstraint(
                condition=Q(status="booked", starts_at__isnull=False)
                | Q(status="cancelled")
                | Q(status="held", held_on__isnull=False),
                name="coaching_session_status_fields",
            ),
        ]
        indexes = [models.Index(fields=["pairing", "status"], name="coaching_session_pair")]

    def __str__(self) -> str:
        return f"Coaching session of {self.pairing} ({self.status})"

    @property
    def ends_at(self) -> Any:
        return self.starts_at + timedelta(minutes=self.minutes) if self.starts_at else None

    def theme_labels(self) -> list[str]:
        return theme_labels(self.themes)

    def notes_visible_to(self, user: Any) -> bool:
        """The coach's alone: not the participant's, the manager's nor an admin's."""
        return bool(
            user.is_authenticated and user.pk is not None and user.pk == self.pairing.mentor.user_id
        )


class PeerRoundQuerySet(models.QuerySet["PeerRound"]):
    def for_user(self, user: Viewer) -> PeerRoundQuerySet:
        """The rounds of the home groups the user may see (members of a published group,
        the cohort's managers)."""
        return self.filter(home_group__in=HomeGroup.objects.for_user(user).published())


class PeerRound(models.Model):
    """A peer-coaching round of a home group: one member brought a challenge, others
    coached. Logged by any member; the note is shared with the group."""

    home_group = models.ForeignKey(
        HomeGroup,
        on_delete=models.CASCADE,
        related_name="peer_rounds",
        verbose_name=_("home group"),
    )
    held_on = models.DateField(_("held on"))
    challenge_by = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("brought the challenge"),
    )
    coaches = models.ManyToManyField(
        "people.Person", related_name="+", verbose_name=_("coached"), blank=True
    )
    theme = models.CharField(_("theme"), max_length=12, choices=Theme.choices)
    note = models.CharField(_("shared note"), max_length=500, blank=True)
    logged_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("logged by")
    )
    logged_at = models.DateTimeField(_("logged at"), auto_now_add=True)

    history = HistoricalRecords(bases=[HistoryActor], m2m_fields=[coaches])
    objects = PeerRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("peer-coaching round")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["home_group", "held_on", "challenge_by"], name="peer_round_once"
            )
        ]
        indexes = [models.Index(fields=["home_group", "-held_on"], name="peer_round_latest")]

    def __str__(self) -> str:
        return f"Peer round of {self.home_group} on {self.held_on}"

    def theme_label(self) -> str:
        return str(dict(Theme.choices).get(self.theme, self.theme))


class CoachingNotice(models.Model):
    """A nudge the periodic job sent: to a coaching pair behind plan (keyed by the day the
    plan expected the missed session) or to a quiet home group's members (keyed by the day
    the quiet spell began). The row is claimed before sending, so a second run, or two at
    once, send nothing twice."""

    class Kind(models.TextChoices):
        PAIR_BEHIND = "pair_behind", _("Coaching pair behind plan")
        GROUP_QUIET = "group_quiet", _("Quiet home group")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    pairing = models.ForeignKey(
        Pairing,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coaching pair"),
    )
    home_group = models.ForeignKey(
        HomeGroup,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home group"),
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="+", verbose_name=_("cohort")
    )
    key = models.DateField(_("about the gap of"))
    sent_at = models.DateTimeField(_("sent at"))
    recipients = models.PositiveSmallIntegerField(_("emails sent"), default=0)
    # The run that inserted the row: it alone sends the notice.
    run = models.CharField(_("sent by run"), max_length=32, blank=True, db_index=True)

    class Meta:
        verbose_name = _("coaching notice")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "pairing", "key"],
                condition=Q(pairing__isnull=False),
                name="coaching_notice_pair_once",
            ),
            models.UniqueConstraint(
                fields=["kind", "home_group", "key"],
                condition=Q(home_group__isnull=False),
                name="coaching_notice_group_once",
            ),
            models.CheckConstraint(
                condition=Q(pairing__isnull=False, home_group__isnull=True)
                | Q(pairing__isnull=True, home_group__isnull=False),
                name="coaching_notice_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.key})"
