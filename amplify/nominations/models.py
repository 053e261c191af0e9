"""Getting into a leadership cohort: nominations and the programme manager's selection.

A line manager nominates one of her direct reports (the reporting line comes from the HR
import, `Person.manager`), or an employee nominates herself and her line manager endorses
it. The programme manager sees a nomination once it is submitted (endorsed, or made by the
manager), and selects, waitlists or declines it; selecting enrols the participant.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.models import sees_every_programme, sees_nothing
from amplify.accounts.types import Viewer
from amplify.home.history_actor import HistoryActor
from amplify.programmes.models import Cohort, Programme

CASE_MAX_LENGTH = 1500
REASON_MAX_LENGTH = 500


class Seniority(models.TextChoices):
    """The nominee's band, said by the nominator: the HR import carries no such field."""

    INDIVIDUAL = "individual", _("Individual contributor")
    MANAGER = "manager", _("Manager")
    SENIOR_MANAGER = "senior_manager", _("Senior manager")
    DIRECTOR = "director", _("Director")


class NominationQuerySet(models.QuerySet["Nomination"]):
    def open(self) -> NominationQuerySet:
        """Not declined nor withdrawn: a nominee has at most one of these per cohort."""
        return self.exclude(status__in=Nomination.CLOSED_STATUSES)

    def on_board(self) -> NominationQuerySet:
        """What the programme manager sees: everything but self-nominations her line
        manager has not endorsed yet."""
        return self.exclude(status=Nomination.Status.AWAITING_ENDORSEMENT)

    def in_pool(self) -> NominationQuerySet:
        """The pool the balance panel describes: selected and submitted."""
        return self.filter(status__in=[Nomination.Status.SELECTED, Nomination.Status.SUBMITTED])

    def made_by(self, user: Any) -> NominationQuerySet:
        if sees_nothing(user):
            return self.none()
        return self.filter(nominated_by__user=user)

    def of(self, user: Any) -> NominationQuerySet:
        if sees_nothing(user):
            return self.none()
        return self.filter(nominee__user=user)

    def awaiting_endorsement_by(self, user: Any) -> NominationQuerySet:
        if sees_nothing(user):
            return self.none()
        return self.filter(
            status=Nomination.Status.AWAITING_ENDORSEMENT, nominee__manager__user=user
        )

    def for_user(self, user: Viewer) -> NominationQuerySet:
        """Her own (made by her or of her), those of her direct reports, and the submitted
        ones of the cohorts she runs. Administrators and impact admins see every one."""
        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user):
            return self.all()
        return self.filter(
            Q(nominated_by__user=user)
            | Q(nominee__user=user)
            | Q(nominee__manager__user=user)
            | (
                Q(cohort_id__in=Cohort.objects.managed_by(user).values("pk"))
                & ~Q(status=Nomination.Status.AWAITING_ENDORSEMENT)
            )
        )

    def with_people(self) -> NominationQuerySet:
        return self.select_related(
            "nominee__country__region",
            "nominee__division",
            "nominee__manager",
            "nominated_by",
            "decided_by",
            "endorsed_by",
            "cohort__programme",
        )


def open_cohorts() -> models.QuerySet[Cohort]:
    """The cohorts taking nominations: leadership cohorts in recruiting. Any employee may
    open these (to nominate herself or a report), whether or not she takes part."""
    return Cohort.objects.filter(
        programme__kind=Programme.Kind.LEADERSHIP, status=Cohort.Status.RECRUITING
    ).select_related("programme")


class Nomination(models.Model):
    class Status(models.TextChoices):
        AWAITING_ENDORSEMENT = "awaiting_endorsement", _("Awaiting endorsement")
        SUBMITTED = "submitted", _("Submitted")
        SELECTED = "selected", _("Selected")
        WAITLISTED = "waitlisted", _("Waitlisted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Decision(models.TextChoices):
        SELECT = "select", _("Select")
        WAITLIST = "waitlist", _("Waitlist")
        DECLINE = "decline", _("Decline")

    CLOSED_STATUSES = (Status.DECLINED, Status.WITHDRAWN)
    # The programme manager decides on these; a waitlisted nominee may still be selected.
    DECIDABLE = (Status.SUBMITTED, Status.WAITLISTED)
    WITHDRAWABLE = (Status.AWAITING_ENDORSEMENT, Status.SUBMITTED, Status.WAITLISTED)
    OUTCOME = {
        Decision.SELECT: Status.SELECTED,
        Decision.WAITLIST: Status.WAITLISTED,
        Decision.DECLINE: Status.DECLINED,
    }

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="nominations", verbose_name=_("cohort")
    )
    nominee = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="nominations",
        verbose_name=_("nominee"),
    )
    nominated_by = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="nominations_made",
        verbose_name=_("nominated by"),
    )
    self_nominated = models.BooleanField(_("self-nominated"), default=False)
    case = models.TextField(
        _("the case"),
        max_length=CASE_MAX_LENGTH,
        help_text=_("Why this person, why now: what she would bring and take away."),
    )
    seniority = models.CharField(
        _("seniority band"), max_length=20, choices=Seniority.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.SUBMITTED
    )
    decision_reason = models.CharField(
        _("reason for the decision"), max_length=REASON_MAX_LENGTH, blank=True
    )
    decided_by = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    endorsed_by = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("endorsed by"),
    )
    endorsed_at = models.DateTimeField(_("endorsed at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    created_at = models.DateTimeField(_("nominated at"), auto_now_add=True)

    history = HistoricalRecords(bases=[HistoryActor])
    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "nominee"],
                condition=~Q(status__in=["declined", "withdrawn"]),
                name="nomination_one_open_per_cohort",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decision_reason=""),
                name="nomination_decline_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["cohort", "status"], name="nomination_cohort_status")]

    def __str__(self) -> str:
        return f"Nomination of {self.nominee} for {self.cohort}"

    @property
    def is_open(self) -> bool:
        return self.status not in self.CLOSED_STATUSES
