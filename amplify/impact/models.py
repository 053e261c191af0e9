"""Impact reporting: the indicator library, published report snapshots and report PDFs.

An `Indicator` is a written definition ("share of mentors answering agree or strongly agree
to item `barriers_understood`, post wave") plus the parameters the core's pure functions
compute it from. A figure is never stored as typed: it is computed from records each time,
and a `Snapshot` keeps what a published report said (definitions, numerators, n, the
suppression applied, when) so a figure quoted last year can be reproduced and compared.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.models import sees_nothing
from amplify.accounts.types import Viewer
from amplify.home.history_actor import HistoryActor
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.surveys.models import AGREE, Item, Phase

TEXT_MAX_LENGTH = 2_000


class IndicatorKind(models.TextChoices):
    SHARE = "share", _("Share of respondents")
    MEAN = "mean", _("Mean score")
    OUTCOMES = "outcomes", _("Count of outcome records")
    PEOPLE = "people", _("Count of people")
    EXPERIMENTS = "experiments", _("Count of experiments by stage")
    MEETINGS = "meetings", _("Meetings held against expected")


class Indicator(models.Model):
    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(
        _("definition"),
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
        help_text=_("In words, exactly what is counted and out of whom."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=IndicatorKind.choices)
    programme_kind = models.CharField(
        _("programme kind"),
        max_length=20,
        choices=Programme.Kind.choices,
        blank=True,
        help_text=_("Empty: reported for every programme."),
    )
    # Survey indicators (share, mean): which item, in which wave, among whom.
    item = models.ForeignKey(
        Item,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("item"),
    )
    phase = models.CharField(_("wave"), max_length=12, choices=Phase.choices, blank=True)
    role = models.CharField(_("among"), max_length=24, choices=Enrolment.Role.choices, blank=True)
    # The answers counted as a success for a share (agreement 4 and 5 by default).
    success_values = models.JSONField(_("counted answers"), default=list, blank=True)
    # Outcome and people counts.
    outcome_kind = models.CharField(_("outcome kind"), max_length=24, blank=True)
    during_programme = models.BooleanField(_("during the programme only"), default=False)
    since_year = models.PositiveSmallIntegerField(_("since year"), null=True, blank=True)
    # Experiments by stage.
    stage = models.CharField(_("stage"), max_length=24, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("indicator")

    def __str__(self) -> str:
        return self.name

    def counted_values(self) -> list[Any]:
        return list(self.success_values) or list(AGREE)


class Scope(models.TextChoices):
    COHORT = "cohort", _("Cohort")
    PROGRAMME = "programme", _("Programme")
    ORGANISATION = "organisation", _("Organisation")


class SnapshotQuerySet(models.QuerySet["Snapshot"]):
    def for_user(self, user: Viewer) -> SnapshotQuerySet:
        """Impact admins and administrators: all; managers: their programmes' snapshots."""
        if sees_nothing(user):
            return self.none()
        if user.is_superuser or user.is_impact_admin:
            return self.all()
        return self.filter(
            Q(cohort__in=Cohort.objects.managed_by(user).values("pk"))
            | Q(programme__in=Programme.objects.managed_by(user).values("pk"))
        ).exclude(scope=Scope.ORGANISATION)


class Snapshot(models.Model):
    """A published report, exactly as published: its figures with their traces."""

    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices)
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programme"),
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cohort"),
    )
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    note = models.CharField(_("note"), max_length=300, blank=True)
    payload = models.JSONField(_("figures"), default=dict)
    published_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("published report")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "programme", "cohort", "version"],
                name="snapshot_version_unique",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class BuildStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    BUILDING = "building", _("Building")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


def report_pdf_path(build: ReportPDF, filename: str) -> str:
    return f"impact/reports/{build.cohort_id}/{filename}"


class ReportPDF(models.Model):
    """A cohort report's PDF, built in the background with its progress."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="report_pdfs", verbose_name=_("cohort")
    )
    snapshot = models.ForeignKey(
        Snapshot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pdfs",
        verbose_name=_("published report"),
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    status = models.CharField(
        _("status"), max_length=10, choices=BuildStatus.choices, default=BuildStatus.QUEUED
    )
    stage = models.CharField(_("stage"), max_length=80, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    failure = models.TextField(_("failure"), blank=True)
    pdf = models.FileField(_("PDF file"), upload_to=report_pdf_path, blank=True, max_length=255)
    requested_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("report PDF")

    def __str__(self) -> str:
        return f"{self.cohort} · {self.requested_at:%Y-%m-%d}"
