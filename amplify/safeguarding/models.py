"""Safeguarding: each programme's leads, the concerns raised with them, and contact between
the two people of a pair through the platform.

A concern's content is for its programme's safeguarding lead and deputy alone: not for the
programme manager (unless she is a lead), not for administrators or impact admins (there is
no "sees every programme" rule here), never for the other person of the pair. Every read of
a concern is recorded (ConcernView).
"""

from __future__ import annotations

import uuid
import zoneinfo
from datetime import datetime
from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.models import sees_nothing
from amplify.accounts.types import Viewer
from amplify.core import safeguarding as rules_core
from amplify.home.history_actor import HistoryActor
from amplify.programmes.models import Cohort, Pairing, Programme

TEXT_MAX_LENGTH = 10_000


class SafeguardingTeamQuerySet(models.QuerySet["SafeguardingTeam"]):
    def led_by(self, user: Any) -> SafeguardingTeamQuerySet:
        """The programmes' teams in which the user is the lead or the deputy."""
        if sees_nothing(user):
            return self.none()
        return self.filter(Q(lead__user=user) | Q(deputy__user=user))


class SafeguardingTeam(models.Model):
    """A programme's safeguarding lead and deputy, and where they work (the same-day
    deadline ends at midnight there). Set by the programme's managers or an administrator;
    its history says who held the roles when."""

    programme = models.OneToOneField(
        Programme,
        on_delete=models.CASCADE,
        related_name="safeguarding_team",
        verbose_name=_("programme"),
    )
    lead = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="safeguarding_leads",
        verbose_name=_("safeguarding lead"),
    )
    deputy = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="safeguarding_deputies",
        verbose_name=_("deputy"),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/London",
        help_text=_("Where the leads work: a same-day concern is due by midnight there."),
    )

    history = HistoricalRecords(bases=[HistoryActor])
    objects = SafeguardingTeamQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(lead=models.F("deputy")), name="safeguarding_deputy_not_lead"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.lead}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def leads(self) -> list[Any]:
        return [p for p in (self.lead, self.deputy) if p is not None]


class Urgency(models.TextChoices):
    SAME_DAY = rules_core.SAME_DAY, _("Same day")
    WITHIN_24_HOURS = rules_core.WITHIN_24_HOURS, _("Within 24 hours")
    NOT_URGENT = rules_core.NOT_URGENT, _("Not urgent")


class ConcernQuerySet(models.QuerySet["Concern"]):
    def for_user(self, user: Viewer) -> ConcernQuerySet:
        """The concerns of the programmes the user is a safeguarding lead or deputy of. No
        one else, administrators included, reads a concern."""
        if sees_nothing(user):
            return self.none()
        return self.filter(
            programme_id__in=SafeguardingTeam.objects.led_by(user).values("programme_id")
        )

    def raised_by(self, user: Any) -> ConcernQuerySet:
        if sees_nothing(user):
            return self.none()
        return self.filter(raised_by=user)

    def open(self) -> ConcernQuerySet:
        return self.exclude(status=Concern.Status.CLOSED)

    def urgent_first(self) -> ConcernQuerySet:
        """Open before closed; then same day, 24 hours, not urgent; then the soonest
        deadline, the oldest first."""
        order = models.Case(
            *(models.When(urgency=u, then=i) for i, u in enumerate(Urgency.values)),
            output_field=models.IntegerField(),
        )
        closed = models.Case(
            models.When(status=Concern.Status.CLOSED, then=1),
            default=0,
            output_field=models.IntegerField(),
        )
        return self.annotate(closed_order=closed, urgency_order=order).order_by(
            "closed_order", "urgency_order", "deadline", "raised_at", "pk"
        )

    def overdue(self, *, now: datetime) -> ConcernQuerySet:
        """Past their deadline and still new: no lead has answered."""
        return self.filter(status=Concern.Status.NEW, deadline__lte=now)


class Concern(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        IN_PROGRESS = "in_progress", _("In progress")
        ESCALATED = "escalated", _("Escalated")
        CLOSED = "closed", _("Closed")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="concerns", verbose_name=_("programme")
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="concerns",
        verbose_name=_("cohort"),
    )
    about = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="concerns_about",
        verbose_name=_("about"),
        help_text=_("The mentee or mentor whose page the concern was raised from."),
    )
    raised_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="concerns_raised",
        verbose_name=_("raised by"),
    )
    raised_at = models.DateTimeField(default=timezone.now, verbose_name=_("raised at"))
    what_happened = models.TextField(
        _("what happened"),
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    exact_words = models.TextField(
        _("the exact words, if any"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    who_was_involved = models.TextField(
        _("who was involved"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    happened_on = models.DateField(_("when it happened"))
    urgency = models.CharField(_("how urgent"), max_length=20, choices=Urgency.choices)
    deadline = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("From the urgency, when the concern was raised."),
        verbose_name=_("deadline"),
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NEW, verbose_name=_("status")
    )
    outcome = models.TextField(
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
        verbose_name=_("outcome"),
    )
    closed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("closed at"))
    # The form (or API call) that raised it: sending it twice raises one concern.
    request_key = models.UUIDField(
        default=uuid.uuid4, editable=False, verbose_name=_("request key")
    )

    history = HistoricalRecords(bases=[HistoryActor])
    objects = ConcernQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["raised_by", "request_key"], name="concern_raised_once"
            ),
        ]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        # No content and no name: this is what lists and logs show.
        return _("Concern %(number)s") % {"number": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("safeguarding:concern", args=[self.pk])

    @property
    def is_answered(self) -> bool:
        return self.status != self.Status.NEW

    def is_overdue(self, *, now: datetime) -> bool:
        return rules_core.is_overdue(deadline=self.deadline, answered=self.is_answered, now=now)


class ConcernAction(models.Model):
    """Something a lead did about a concern: who, when, what, and the status it left."""

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="actions", verbose_name=_("concern")
    )
    taken_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("taken by"),
    )
    taken_at = models.DateTimeField(default=timezone.now, verbose_name=_("taken at"))
    note = models.TextField(
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
        verbose_name=_("note"),
    )
    status = models.CharField(
        max_length=20,
        choices=Concern.Status.choices,
        blank=True,
        help_text=_("Set by it."),
        verbose_name=_("status"),
    )
    request_key = models.UUIDField(
        default=uuid.uuid4, editable=False, verbose_name=_("request key")
    )

    class Meta:
        ordering = ["taken_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["concern", "request_key"], name="action_taken_once"),
        ]

    def __str__(self) -> str:
        return _("Action %(number)s") % {"number": self.pk}


class Escalation(models.Model):
    """A concern passed on (to the local authority's designated officer, the police, the
    organisation's own safeguarding board...), with the deadline for their answer."""

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="escalations", verbose_name=_("concern")
    )
    to_whom = models.CharField(_("escalated to"), max_length=200)
    urgency = models.CharField(
        max_length=20,
        choices=[c for c in Urgency.choices if c[0] != Urgency.NOT_URGENT],
        default=Urgency.SAME_DAY,
        verbose_name=_("urgency"),
    )
    deadline = models.DateTimeField(verbose_name=_("deadline"))
    escalated_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("escalated by"),
    )
    escalated_at = models.DateTimeField(default=timezone.now, verbose_name=_("escalated at"))
    request_key = models.UUIDField(
        default=uuid.uuid4, editable=False, verbose_name=_("request key")
    )

    class Meta:
        ordering = ["escalated_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["concern", "request_key"], name="escalated_once"),
        ]

    def __str__(self) -> str:
        return _("Escalation %(number)s") % {"number": self.pk}


class ConcernView(models.Model):
    """One read of a concern: who opened it, when, and where (page, API, admin)."""

    class Route(models.TextChoices):
        PAGE = "page", _("Page")
        API = "api", _("API")
        ADMIN = "admin", _("Admin")

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="views", verbose_name=_("concern")
    )
    viewer = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("viewer"),
    )
    viewed_at = models.DateTimeField(default=timezone.now, verbose_name=_("viewed at"))
    route = models.CharField(max_length=8, choices=Route.choices, verbose_name=_("route"))

    class Meta:
        ordering = ["-viewed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.viewer} — {self.viewed_at:%Y-%m-%d %H:%M}"


class ContactSharing(models.Model):
    """One person's choice, for one pair, to share her own email and phone with the other.
    They are shown only when both have chosen to."""

    pairing = models.ForeignKey(
        Pairing, on_delete=models.CASCADE, related_name="sharing", verbose_name=_("pairing")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    shares_details = models.BooleanField(_("share my email and phone"), default=False)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pairing", "person"], name="sharing_once_per_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.pairing_id}"


class PairMessageQuerySet(models.QuerySet["PairMessage"]):
    def for_user(self, user: Viewer) -> PairMessageQuerySet:
        """The messages one sent or received: no one else, managers included, sees them."""
        if sees_nothing(user):
            return self.none()
        return self.filter(Q(sender__user=user) | Q(recipient__user=user))


class PairMessage(models.Model):
    """That a message went from one person of a pair to the other through Amplify, and
    when. Its text is in the email only: Amplify does not keep it."""

    pairing = models.ForeignKey(
        Pairing, on_delete=models.CASCADE, related_name="messages", verbose_name=_("pairing")
    )
    sender = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("sender")
    )
    recipient = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    sent_at = models.DateTimeField(default=timezone.now, verbose_name=_("sent at"))
    request_key = models.UUIDField(
        default=uuid.uuid4, editable=False, verbose_name=_("request key")
    )

    objects = PairMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["sender", "request_key"], name="message_sent_once"),
        ]
        indexes = [models.Index(fields=["pairing", "sender", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient} ({self.sent_at:%Y-%m-%d %H:%M})"
