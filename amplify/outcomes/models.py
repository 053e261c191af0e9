"""Outcomes: what happened to a person during and after a programme (a job, a promotion, an
award...), who said so and whether the programme confirmed it; the requests that ask mentees
for theirs; and a mentee's showcase project.

Keyed on the person and, optionally, the cohort (an outcome of the leadership programme has
no mentoring pair). A person sees her own; the managers of the cohort see its people's;
impact admins and administrators see all. A mentee never sees another's.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.models import sees_every_programme, sees_nothing
from amplify.accounts.types import Viewer
from amplify.core import outcomes as core
from amplify.events.models import Event
from amplify.home.history_actor import HistoryActor
from amplify.home.links import WebLinkField
from amplify.programmes.models import Cohort, Enrolment

TEXT_MAX_LENGTH = 5_000


class Kind(models.TextChoices):
    JOB = core.JOB, _("Job")
    APPRENTICESHIP = core.APPRENTICESHIP, _("Apprenticeship")
    INTERNSHIP = core.INTERNSHIP, _("Internship")
    FURTHER_EDUCATION = core.FURTHER_EDUCATION, _("Further education")
    NEW_ROLE = core.NEW_ROLE, _("New role")
    PROMOTION = core.PROMOTION, _("Promotion")
    DEAL = core.DEAL, _("Deal or partnership")
    AWARD = core.AWARD, _("Award or nomination")
    OTHER = core.OTHER, _("Other")


class Verification(models.TextChoices):
    SELF_REPORTED = "self_reported", _("Self-reported")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


def _visible_people(user: Any) -> Q:
    """Outcomes of the user herself, and of the people of the cohorts she runs."""
    managed = Cohort.objects.managed_by(user).values("pk")
    return (
        Q(person__user=user)
        | Q(cohort_id__in=managed)
        | Q(person_id__in=Enrolment.objects.filter(cohort_id__in=managed).values("person_id"))
    )


class OutcomeQuerySet(models.QuerySet["Outcome"]):
    def for_user(self, user: Viewer) -> OutcomeQuerySet:
        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user):
            return self.all()
        return self.filter(_visible_people(user))

    def of_person(self, user: Any) -> OutcomeQuerySet:
        """The user's own outcomes."""
        if sees_nothing(user):
            return self.none()
        return self.filter(person__user=user)

    def employment(self) -> OutcomeQuerySet:
        """Jobs, apprenticeships and internships (amplify.core.outcomes.EMPLOYMENT_KINDS)."""
        return self.filter(kind__in=core.EMPLOYMENT_KINDS)

    def confirmed(self) -> OutcomeQuerySet:
        return self.filter(verification=Verification.CONFIRMED)

    def awaiting_confirmation(self) -> OutcomeQuerySet:
        return self.filter(verification=Verification.SELF_REPORTED)

    def during_the_programme(self) -> OutcomeQuerySet:
        return self.filter(during_programme=True)

    def counted(self) -> OutcomeQuerySet:
        """What an impact figure counts: confirmed by the programme. A self-reported
        outcome waits for its manager's confirmation; a rejected one never counts."""
        return self.confirmed()

    def mentees_employed_during(self, cohort: Cohort) -> int:
        """How many mentees of the cohort gained employment during the programme: distinct
        mentees (not withdrawn) with a confirmed job, apprenticeship or internship of this
        cohort, dated within its start and end."""
        mentees = Enrolment.objects.taking_part().filter(cohort=cohort, role=Enrolment.Role.MENTEE)
        return (
            self.counted()
            .employment()
            .during_the_programme()
            .filter(cohort=cohort, person_id__in=mentees.values("person_id"))
            .values("person_id")
            .distinct()
            .count()
        )


class Outcome(models.Model):
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="outcomes",
        verbose_name=_("person"),
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outcomes",
        verbose_name=_("cohort"),
        help_text=_("The cohort it is an outcome of, if any."),
    )
    experiment = models.ForeignKey(
        "experiments.Experiment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcomes",
        verbose_name=_("experiment"),
        help_text=_("The experiment that led to it, if any (the owner's own)."),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    # Computed from the cohort's dates when it is saved (never typed); empty without a cohort.
    during_programme = models.BooleanField(
        _("during the programme"), null=True, blank=True, editable=False
    )
    recorded_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    verification = models.CharField(
        _("verification"),
        max_length=16,
        choices=Verification.choices,
        default=Verification.SELF_REPORTED,
    )
    verified_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed or rejected by"),
    )
    verified_at = models.DateTimeField(_("confirmed or rejected at"), null=True, blank=True)
    rejection_reason = models.TextField(
        _("reason for rejecting"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    evidence_file = models.FileField(
        _("evidence file"), upload_to="outcomes/evidence/%Y/%m/", blank=True, max_length=255
    )
    evidence_link = WebLinkField(_("evidence link"), blank=True)
    # The form (or API call) that recorded it: sending it twice records one outcome.
    request_key = models.UUIDField(
        default=uuid.uuid4, editable=False, verbose_name=_("request key")
    )

    history = HistoricalRecords(bases=[HistoryActor])
    objects = OutcomeQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recorded_by", "request_key"], name="outcome_recorded_once"
            ),
        ]
        indexes = [models.Index(fields=["cohort", "kind", "verification"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("outcomes:detail", args=[self.pk])

    @property
    def is_employment(self) -> bool:
        return core.is_employment(self.kind)

    @property
    def is_confirmed(self) -> bool:
        return self.verification == Verification.CONFIRMED

    @property
    def is_self_reported(self) -> bool:
        return self.verification == Verification.SELF_REPORTED


class OutcomeRequest(models.Model):
    """That a mentee was asked for her outcomes of a cohort in one round (at its end, six
    months later): at most one per person, cohort and round, so nothing is asked twice."""

    class Round(models.TextChoices):
        AT_END = core.AT_END, _("At the end of the cohort")
        SIX_MONTHS_LATER = core.SIX_MONTHS_LATER, _("Six months later")

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="outcome_requests",
        verbose_name=_("person"),
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="outcome_requests", verbose_name=_("cohort")
    )
    round = models.CharField(_("round"), max_length=16, choices=Round.choices)
    due_on = models.DateField(_("due on"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "cohort", "round"], name="outcome_request_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.cohort} ({self.get_round_display()})"


class ShowcaseProjectQuerySet(models.QuerySet["ShowcaseProject"]):
    def for_user(self, user: Viewer) -> ShowcaseProjectQuerySet:
        """Her own project; the projects of the cohorts she takes part in or runs (the
        showcase is presented to the cohort); all for whoever sees every programme."""
        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user):
            return self.all()
        return self.filter(
            Q(person__user=user)
            | Q(cohort_id__in=Cohort.objects.managed_by(user).values("pk"))
            | Q(cohort_id__in=Enrolment.objects.filter(person__user=user).values("cohort_id"))
        )


class ShowcaseProject(models.Model):
    """What a mentee presents at her cohort's showcase: one per mentee and cohort."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="showcase_projects",
        verbose_name=_("person"),
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.CASCADE,
        related_name="showcase_projects",
        verbose_name=_("cohort"),
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.PROTECT,
        related_name="showcase_projects",
        verbose_name=_("showcase event"),
        limit_choices_to={"kind": Event.Kind.SHOWCASE},
    )
    title = models.CharField(_("title"), max_length=160)
    summary = models.TextField(
        _("summary"), max_length=TEXT_MAX_LENGTH, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    link = WebLinkField(_("link"), blank=True)
    file = models.FileField(
        _("file"), upload_to="outcomes/showcase/%Y/%m/", blank=True, max_length=255
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(bases=[HistoryActor])
    objects = ShowcaseProjectQuerySet.as_manager()

    class Meta:
        ordering = ["person__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "cohort"], name="showcase_project_once"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("outcomes:showcase", args=[self.cohort_id])

    def is_open(self, *, now: Any) -> bool:
        """Editable by its mentee until the showcase starts."""
        return bool(now < self.event.starts_at)


def showcase_event(cohort: Cohort) -> Event | None:
    """The cohort's showcase: its first event of the showcase kind."""
    return (
        Event.objects.filter(cohort=cohort, kind=Event.Kind.SHOWCASE)
        .order_by("starts_at", "pk")
        .first()
    )
