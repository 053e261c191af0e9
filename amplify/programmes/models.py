"""Programmes, their cohorts, and who takes part in each cohort in which role."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.models import sees_every_programme, sees_nothing
from amplify.accounts.types import Viewer
from amplify.home.history_actor import HistoryActor


class Pillar(models.Model):
    """A pillar of the diversity framework (MILES: Mobility, Impact, Leadership, Equity,
    Safety) that programmes are tagged with, so impact can be rolled up per pillar."""

    code = models.CharField(max_length=16, primary_key=True, verbose_name=_("code"))
    name = models.CharField(max_length=60, unique=True, verbose_name=_("name"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def managed_by(self, user: Any) -> ProgrammeQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(managers__user=user).distinct()

    def for_user(self, user: Viewer) -> ProgrammeQuerySet:
        """Administrators and impact admins see all programmes; others see the ones they
        manage or take part in."""
        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user):
            return self.all()
        return self.filter(
            Q(
                pk__in=Programme.managers.through.objects.filter(person__user=user).values(
                    "programme_id"
                )
            )
            | Q(pk__in=Enrolment.objects.filter(person__user=user).values("cohort__programme_id"))
        )


class Programme(models.Model):
    class Kind(models.TextChoices):
        LEADERSHIP = "leadership", _("Leadership and innovation")
        MENTORING = "mentoring", _("Mentoring")

    name = models.CharField(max_length=160, unique=True, verbose_name=_("name"))
    slug = models.SlugField(max_length=160, unique=True, verbose_name=_("slug"))
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    summary = models.CharField(max_length=300, blank=True, verbose_name=_("summary"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    pillars = models.ManyToManyField(
        Pillar, blank=True, related_name="programmes", verbose_name=_("pillars")
    )
    managers = models.ManyToManyField(
        "people.Person", blank=True, related_name="managed_programmes", verbose_name=_("managers")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    history = HistoricalRecords(bases=[HistoryActor], m2m_fields=[pillars, managers])
    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:detail", args=[self.slug])

    @property
    def roles(self) -> list[Enrolment.Role]:
        """The roles a cohort of this programme can hold."""
        R = Enrolment.Role
        own = [R.PARTICIPANT] if self.kind == self.Kind.LEADERSHIP else [R.MENTOR, R.MENTEE]
        return [*own, R.COACH, R.SPONSOR, R.PROGRAMME_MANAGER]


class CohortQuerySet(models.QuerySet["Cohort"]):
    def managed_by(self, user: Any) -> CohortQuerySet:
        """Cohorts this user runs: as a manager of the programme, or enrolled as the
        cohort's programme manager."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            Q(
                programme_id__in=Programme.managers.through.objects.filter(
                    person__user=user
                ).values("programme_id")
            )
            | Q(
                pk__in=Enrolment.objects.filter(
                    person__user=user,
                    role=Enrolment.Role.PROGRAMME_MANAGER,
                    status=Enrolment.Status.ACTIVE,
                ).values("cohort_id")
            )
        )

    def for_user(self, user: Viewer) -> CohortQuerySet:
        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user):
            return self.all()
        return self.filter(
            Q(pk__in=self.model.objects.managed_by(user).values("pk"))
            | Q(pk__in=Enrolment.objects.filter(person__user=user).values("cohort_id"))
        )

    def with_counts(self) -> CohortQuerySet:
        """people_count: everyone taking part or who took part (not those who withdrew)."""
        taking_part = ~Q(enrolments__status=Enrolment.Status.WITHDRAWN)
        return self.annotate(
            people_count=models.Count("enrolments__person", filter=taking_part, distinct=True)
        )


class Cohort(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        RECRUITING = "recruiting", _("Recruiting")
        MATCHING = "matching", _("Matching")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    # The statuses in which people hear about their pairs. A run published while the cohort
    # is still being set up (draft, recruiting) creates its pairs quietly: the announcements
    # are held and go when the cohort moves on (amplify.matching.announcements).
    ANNOUNCES_PAIRS = frozenset({Status.MATCHING, Status.RUNNING})

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("programme")
    )
    name = models.CharField(max_length=160, verbose_name=_("name"))
    number = models.PositiveSmallIntegerField(
        help_text=_("1 for the first cohort, and so on."), verbose_name=_("number")
    )
    starts_on = models.DateField(verbose_name=_("starts on"))
    ends_on = models.DateField(verbose_name=_("ends on"))
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, verbose_name=_("status")
    )
    description = models.TextField(blank=True, verbose_name=_("description"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    history = HistoricalRecords(bases=[HistoryActor])
    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["programme__name", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="cohort_number_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="cohort_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:cohort", args=[self.pk])

    @property
    def announces_pairs(self) -> bool:
        return self.status in self.ANNOUNCES_PAIRS

    @property
    def duration_months(self) -> int:
        return round((self.ends_on - self.starts_on).days / 30.44)

    def progress(self, *, today: date) -> int:
        """How far through its dates the cohort is, 0-100."""
        total = (self.ends_on - self.starts_on).days
        done = (today - self.starts_on).days
        return max(0, min(100, round(100 * done / total))) if total > 0 else 0


class Phase(models.Model):
    """A stretch of a cohort's calendar, e.g. "Coaching and home groups" or "Experiments"."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="phases", verbose_name=_("cohort")
    )
    name = models.CharField(max_length=120, verbose_name=_("name"))
    starts_on = models.DateField(verbose_name=_("starts on"))
    ends_on = models.DateField(verbose_name=_("ends on"))
    description = models.TextField(blank=True, verbose_name=_("description"))

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="phase_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cohort}: {self.name}"


class EnrolmentQuerySet(models.QuerySet["Enrolment"]):
    def active(self) -> EnrolmentQuerySet:
        return self.filter(status=Enrolment.Status.ACTIVE)

    def taking_part(self) -> EnrolmentQuerySet:
        """Everyone taking part, or who took part until the cohort closed: not those who
        withdrew."""
        return self.exclude(status=Enrolment.Status.WITHDRAWN)

    def in_role_order(self, roles: Sequence[str]) -> EnrolmentQuerySet:
        """Order by the programme's own order of roles (participants first), then name."""
        order = models.Case(
            *(models.When(role=r, then=i) for i, r in enumerate(roles)),
            default=len(roles),
            output_field=models.IntegerField(),
        )
        return self.annotate(role_order=order).order_by("role_order", "person__name", "pk")

    def for_user(self, user: Viewer) -> EnrolmentQuerySet:
        """Everything in cohorts the user manages. Elsewhere, cohort by cohort: her own
        enrolments, those of the people she is paired with there, the cohort's programme
        managers, and, when she takes part in a non-mentee role, its non-mentee members (a
        mentee sees no other member: docs/permissions.md). Outreach partner staff see the
        enrolments of the young people their organisation referred: their status is what a
        partner follows."""
        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user):
            return self.all()
        mine = Enrolment.objects.filter(person__user=user)
        paired_here = Pairing.objects.filter(cohort_id=models.OuterRef("cohort_id")).filter(
            Q(mentor__user=user, mentee_id=models.OuterRef("person_id"))
            | Q(mentee__user=user, mentor_id=models.OuterRef("person_id"))
        )
        referred = Q()
        if user.is_partner:
            referred = Q(
                person__referred_by_id__in=apps.get_model("people", "Person")
                .objects.filter(user=user, partner__isnull=False)
                .values("partner_id")
            )
        return self.filter(
            referred
            | Q(cohort_id__in=Cohort.objects.managed_by(user).values("pk"))
            | Q(person__user=user)
            | Q(cohort_id__in=mine.values("cohort_id"), role=Enrolment.Role.PROGRAMME_MANAGER)
            | (
                Q(cohort_id__in=mine.exclude(role=Enrolment.Role.MENTEE).values("cohort_id"))
                & ~Q(role=Enrolment.Role.MENTEE)
            )
            | Q(models.Exists(paired_here))
        )


class Enrolment(models.Model):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        MENTOR = "mentor", _("Mentor")
        MENTEE = "mentee", _("Mentee")
        COACH = "coach", _("Coach")
        SPONSOR = "sponsor", _("Executive sponsor")
        PROGRAMME_MANAGER = "programme_manager", _("Programme manager")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    PLURALS = {
        Role.PARTICIPANT: "participants",
        Role.MENTOR: "mentors",
        Role.MENTEE: "mentees",
        Role.COACH: "coaches",
        Role.SPONSOR: "executive sponsors",
        Role.PROGRAMME_MANAGER: "programme managers",
    }

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("cohort")
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("person"),
    )
    role = models.CharField(max_length=24, choices=Role.choices, verbose_name=_("role"))
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.ACTIVE, verbose_name=_("status")
    )
    enrolled_at = models.DateTimeField(default=timezone.now, verbose_name=_("enrolled at"))
    ended_at = models.DateTimeField(null=True, blank=True, verbose_name=_("ended at"))
    note = models.CharField(max_length=300, blank=True, verbose_name=_("note"))

    history = HistoricalRecords(bases=[HistoryActor])
    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "person", "role"], name="enrolment_unique_role"
            ),
        ]
        indexes = [models.Index(fields=["cohort", "role", "status"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} in {self.cohort}"


class PairingQuerySet(models.QuerySet["Pairing"]):
    def active(self) -> PairingQuerySet:
        """Not ended (by a withdrawal): the pairs a cohort's runs must keep."""
        return self.filter(ended_on__isnull=True)

    @staticmethod
    def _current() -> Q:
        # A relationship goes on until it is ended or its cohort closes (closing does not
        # end the pairs: reopening the cohort brings them back as they were).
        return Q(ended_on__isnull=True) & ~Q(cohort__status=Cohort.Status.CLOSED)

    def current(self) -> PairingQuerySet:
        """Relationships going on now: not ended, in a cohort that is not closed."""
        return self.filter(self._current())

    def past(self) -> PairingQuerySet:
        """Relationships that have ended, or whose cohort has closed."""
        return self.exclude(self._current())

    def with_is_current(self) -> PairingQuerySet:
        """Each pair with `is_current`, as current() decides it."""
        return self.annotate(
            is_current=models.ExpressionWrapper(self._current(), output_field=models.BooleanField())
        )

    def for_user(self, user: Viewer) -> PairingQuerySet:
        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user):
            return self.all()
        return self.filter(
            Q(cohort_id__in=Cohort.objects.managed_by(user).values("pk"))
            | Q(mentor__user=user)
            | Q(mentee__user=user)
        )


class Pairing(models.Model):
    """A one-to-one relationship inside a cohort: a mentor and her mentee, or a coach and
    the participant they coach. Matching runs propose them; publishing creates them."""

    class Kind(models.TextChoices):
        MENTORING = "mentoring", _("Mentoring")
        COACHING = "coaching", _("Coaching")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="pairings", verbose_name=_("cohort")
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, verbose_name=_("kind"))
    mentor = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="pairings_as_mentor",
        help_text=_("The mentor, or the coach."),
        verbose_name=_("mentor"),
    )
    mentee = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="pairings_as_mentee",
        help_text=_("The mentee, or the participant being coached."),
        verbose_name=_("mentee"),
    )
    started_on = models.DateField(verbose_name=_("started on"))
    ended_on = models.DateField(null=True, blank=True, verbose_name=_("ended on"))

    history = HistoricalRecords(bases=[HistoryActor])
    objects = PairingQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "mentor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "kind", "mentor", "mentee"], name="pairing_unique"
            ),
            models.CheckConstraint(
                condition=~Q(mentor=models.F("mentee")), name="pairing_two_people"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee} ({self.get_kind_display()})"
