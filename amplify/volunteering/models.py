"""Employees volunteering to mentor in a mentoring cohort, and the programme manager's
decision on each offer.

One offer per person per cohort: she may edit or withdraw it while it is pending (and offer
again after withdrawing); the cohort's programme managers accept it (which enrols her as a
mentor and saves her capacity and expertise into her matching profile) or decline it with a
reason.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.models import sees_every_programme, sees_nothing
from amplify.accounts.types import Viewer
from amplify.home.history_actor import HistoryActor
from amplify.programmes.models import Cohort, Programme

MIN_CAPACITY, MAX_CAPACITY = 1, 3  # mentees a volunteer can take (mentoring caps at three)
WHY_MAX_LENGTH = 2000
# Volunteers are taken while a cohort recruits or is being matched.
OPEN_STATUSES = (Cohort.Status.RECRUITING, Cohort.Status.MATCHING)


class OfferStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# One status badge per status (the ui tag's tones).
STATUS_TONES = {
    OfferStatus.PENDING: "info",
    OfferStatus.ACCEPTED: "ok",
    OfferStatus.DECLINED: "bad",
    OfferStatus.WITHDRAWN: "closed",
}


def open_cohorts() -> Any:
    """Mentoring cohorts taking volunteers now."""
    return Cohort.objects.filter(
        programme__kind=Programme.Kind.MENTORING, status__in=OPEN_STATUSES
    ).select_related("programme")


class MentorOfferQuerySet(models.QuerySet["MentorOffer"]):
    def for_user(self, user: Viewer) -> MentorOfferQuerySet:
        """Her own offers; a cohort's managers the offers made to it; administrators and
        impact admins every offer."""
        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user):
            return self.all()
        return self.filter(
            Q(person__user=user) | Q(cohort_id__in=Cohort.objects.managed_by(user).values("pk"))
        )

    def mine(self, user: Any) -> MentorOfferQuerySet:
        if sees_nothing(user):
            return self.none()
        return self.filter(person__user=user)

    def pending(self) -> MentorOfferQuerySet:
        return self.filter(status=OfferStatus.PENDING)


class MentorOffer(models.Model):
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="mentor_offers", verbose_name=_("cohort")
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="mentor_offers",
        verbose_name=_("volunteer"),
    )
    why = models.TextField(_("why I want to mentor"), max_length=WHY_MAX_LENGTH)
    tags = models.JSONField(_("expertise"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("mentees I can take"), default=1, help_text=_("1 to 3.")
    )
    status = models.CharField(
        max_length=10,
        choices=OfferStatus.choices,
        default=OfferStatus.PENDING,
        verbose_name=_("status"),
    )
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))
    enrolment = models.ForeignKey(
        "programmes.Enrolment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enrolment"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    history = HistoricalRecords(bases=[HistoryActor])
    objects = MentorOfferQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "person"], name="mentor_offer_once"),
            models.CheckConstraint(
                condition=Q(capacity__gte=MIN_CAPACITY, capacity__lte=MAX_CAPACITY),
                name="mentor_offer_capacity_1_to_3",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} volunteers for {self.cohort}"

    def get_absolute_url(self) -> str:
        return reverse("volunteering:offer", args=[self.cohort_id])

    @property
    def status_tone(self) -> str:
        return STATUS_TONES.get(OfferStatus(self.status), "info")

    @property
    def is_pending(self) -> bool:
        return self.status == OfferStatus.PENDING
