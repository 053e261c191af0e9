"""Mentor training and screening: a programme's curriculum, what each mentor did towards it,
and the screening (safeguarding module, code of conduct, background check) that gates her
matching.

A module is done by attending the training events linked to it (their hours add up) or by a
self-paced activity the mentor marks done and a programme manager verifies. Whether she is
ready is decided by the pure function amplify.core.training.readiness (see readiness.py).
Background checks are records only: no check service is called.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.models import sees_every_programme, sees_nothing
from amplify.accounts.types import Viewer
from amplify.core import training as core
from amplify.home.history_actor import HistoryActor
from amplify.programmes.models import Programme

TEXT_MAX_LENGTH = 20_000


def _managed_or_own(user: Any, *, programme: str, person: str | None) -> Q | None:
    """Rows of the programmes the user manages, and (with `person`) her own rows. None:
    every row (administrators and impact admins)."""
    if sees_every_programme(user):
        return None
    q = Q(**{f"{programme}__in": Programme.objects.managed_by(user).values("pk")})
    if person:
        q |= Q(**{f"{person}__user": user})
    return q


class TrainingSettingsQuerySet(models.QuerySet["TrainingSettings"]):
    def for_user(self, user: Viewer) -> TrainingSettingsQuerySet:
        if sees_nothing(user):
            return self.none()
        q = _managed_or_own(user, programme="programme", person=None)
        return self if q is None else self.filter(q)


class TrainingSettings(models.Model):
    """Which screening a programme requires before a mentor is matched. A programme without
    a row requires none (and, without a curriculum, counts every attended training event as
    it always did): the gate is switched on when its curriculum is set up."""

    programme = models.OneToOneField(
        Programme,
        on_delete=models.CASCADE,
        related_name="training_settings",
        verbose_name=_("programme"),
    )
    require_safeguarding = models.BooleanField(_("require the safeguarding module"), default=True)
    require_code_of_conduct = models.BooleanField(
        _("require the code of conduct signed"), default=True
    )
    require_background_check = models.BooleanField(
        _("require a background check"),
        default=True,
        help_text=_("Clear, and not expiring before the cohort starts."),
    )

    history = HistoricalRecords(bases=[HistoryActor])
    objects = TrainingSettingsQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("training settings")

    def __str__(self) -> str:
        return str(self.programme)


class ModuleQuerySet(models.QuerySet["Module"]):
    def for_user(self, user: Viewer) -> ModuleQuerySet:
        """Modules of the programmes the user manages or takes part in."""
        if sees_nothing(user):
            return self.none()
        return self.filter(programme__in=Programme.objects.for_user(user))

    def in_order(self) -> ModuleQuerySet:
        return self.order_by("programme_id", "safeguarding", "position", "pk")


class Module(models.Model):
    """One module of a programme's curriculum."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="modules", verbose_name=_("programme")
    )
    title = models.CharField(_("topic"), max_length=160)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    safeguarding = models.BooleanField(
        _("safeguarding module"),
        default=False,
        help_text=_("Screening: its hours do not count towards the curriculum's hours."),
    )
    self_paced = models.BooleanField(
        _("may be done self-paced"),
        default=True,
        help_text=_("A mentor may mark an activity done, for a programme manager to verify."),
    )
    events = models.ManyToManyField(
        "events.Event",
        blank=True,
        related_name="training_modules",
        verbose_name=_("training events"),
        help_text=_("Attending these counts towards the module's hours."),
    )

    history = HistoricalRecords(bases=[HistoryActor], m2m_fields=[events])
    objects = ModuleQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "safeguarding", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "title"], name="module_title_unique"),
            models.CheckConstraint(condition=Q(hours__gte=0), name="module_hours_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def as_core(self) -> core.Module:
        return core.Module(str(self.pk), float(self.hours), safeguarding=self.safeguarding)


class ActivityQuerySet(models.QuerySet["Activity"]):
    def for_user(self, user: Viewer) -> ActivityQuerySet:
        """A mentor's own activities, and those of the programmes the user manages."""
        if sees_nothing(user):
            return self.none()
        q = _managed_or_own(user, programme="module__programme", person="person")
        return self if q is None else self.filter(q)

    def to_verify(self) -> ActivityQuerySet:
        return self.filter(status=Activity.Status.MARKED_DONE)

    def verified(self) -> ActivityQuerySet:
        return self.filter(status=Activity.Status.VERIFIED)


class Activity(models.Model):
    """A self-paced activity for one module: the mentor marks it done, a programme manager
    verifies it (or returns it with a note)."""

    class Status(models.TextChoices):
        MARKED_DONE = "marked_done", _("Marked done, to verify")
        VERIFIED = "verified", _("Verified")
        RETURNED = "returned", _("Returned to the mentor")

    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="activities", verbose_name=_("module")
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="training_activities",
        verbose_name=_("mentor"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.MARKED_DONE
    )
    summary = models.TextField(
        _("what she did"), max_length=2000, help_text=_("A course, a reading, a recording.")
    )
    marked_at = models.DateTimeField(_("marked done at"), default=timezone.now)
    verified_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="verified_activities",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    note = models.CharField(_("note from the programme manager"), max_length=500, blank=True)

    history = HistoricalRecords(bases=[HistoryActor])
    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("activities")
        ordering = ["-marked_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["module", "person"], name="activity_once_per_module"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.module}"


class CodeOfConductQuerySet(models.QuerySet["CodeOfConduct"]):
    def for_user(self, user: Viewer) -> CodeOfConductQuerySet:
        if sees_nothing(user):
            return self.none()
        return self.filter(programme__in=Programme.objects.for_user(user))


class CodeOfConduct(models.Model):
    """One version of a programme's code of conduct. Versions are never edited: a change is
    a new version, and every mentor must accept it again."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="codes_of_conduct",
        verbose_name=_("programme"),
    )
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"), max_length=TEXT_MAX_LENGTH)
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    objects = CodeOfConductQuerySet.as_manager()

    class Meta:
        verbose_name = _("code of conduct")
        verbose_name_plural = _("codes of conduct")
        ordering = ["programme", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "version"], name="code_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.programme} v{self.version}"


class CodeAcceptanceQuerySet(models.QuerySet["CodeAcceptance"]):
    def for_user(self, user: Viewer) -> CodeAcceptanceQuerySet:
        if sees_nothing(user):
            return self.none()
        q = _managed_or_own(user, programme="code__programme", person="person")
        return self if q is None else self.filter(q)


class CodeAcceptance(models.Model):
    """A mentor accepted one version of a code of conduct, on this date."""

    code = models.ForeignKey(
        CodeOfConduct,
        on_delete=models.PROTECT,
        related_name="acceptances",
        verbose_name=_("code of conduct"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="code_acceptances",
        verbose_name=_("mentor"),
    )
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)

    objects = CodeAcceptanceQuerySet.as_manager()

    class Meta:
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["code", "person"], name="code_accepted_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.code}"


class BackgroundCheckQuerySet(models.QuerySet["BackgroundCheck"]):
    def for_user(self, user: Viewer) -> BackgroundCheckQuerySet:
        """A mentor's own checks, and those the programmes the user manages recorded."""
        if sees_nothing(user):
            return self.none()
        q = _managed_or_own(user, programme="programme", person="person")
        return self if q is None else self.filter(q)


class BackgroundCheck(models.Model):
    """A background check as a programme manager records it. A record only: Amplify calls
    no check service and keeps no certificate."""

    class Kind(models.TextChoices):
        DBS_BASIC = "dbs_basic", _("DBS basic")
        DBS_STANDARD = "dbs_standard", _("DBS standard")
        DBS_ENHANCED = "dbs_enhanced", _("DBS enhanced")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PENDING = core.PENDING, _("Pending")
        CLEAR = core.CLEAR, _("Clear")
        FAILED = core.FAILED, _("Not cleared")

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="background_checks",
        verbose_name=_("programme"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="background_checks",
        verbose_name=_("mentor"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    checked_on = models.DateField(_("date of the check"), null=True, blank=True)
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("Empty: it does not expire.")
    )
    reference = models.CharField(
        _("reference"), max_length=80, blank=True, help_text=_("The certificate's number.")
    )
    verified_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="verified_checks",
        verbose_name=_("verified by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    history = HistoricalRecords(bases=[HistoryActor])
    objects = BackgroundCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(checked_on__isnull=True)
                | Q(expires_on__gt=models.F("checked_on")),
                name="check_expires_after_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"

    def as_core(self) -> core.Check:
        return core.Check(self.status, self.checked_on, self.expires_on)
