"""The giving ledger, in the fields of the B4SI (formerly LBG) framework: each line one
contribution — cash, employees' time valued at cost, in kind, or the cost of managing the
giving — committed or paid, to a recipient organisation, for a cause, in a country, under a
programme or a diversity pillar. Totals per fund ("money committed, organisations
supported") are always summed from these lines.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.types import Viewer
from amplify.home.history_actor import HistoryActor
from amplify.home.links import WebLinkField


class Fund(models.Model):
    name = models.CharField(_("name"), max_length=160, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=2_000)
    illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Demo or example figures, labelled so.")
    )

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        ordering = ["name"]
        verbose_name = _("fund")

    def __str__(self) -> str:
        return self.name


class Recipient(models.Model):
    name = models.CharField(_("name"), max_length=200)
    charity_number = models.CharField(_("charity number"), max_length=40, blank=True)
    country = models.ForeignKey(
        "people.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        ordering = ["name"]
        verbose_name = _("recipient organisation")
        constraints = [
            models.UniqueConstraint(fields=["name", "charity_number"], name="recipient_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    COMMITTED = "committed", _("Committed")
    PAID = "paid", _("Paid")


class InputType(models.TextChoices):
    CASH = "cash", _("Cash")
    TIME = "time", _("Time (valued at cost)")
    IN_KIND = "in_kind", _("In kind")
    MANAGEMENT = "management", _("Management cost")


class GiftQuerySet(models.QuerySet["Gift"]):
    def for_user(self, user: Viewer) -> GiftQuerySet:
        """Impact admins and administrators read every line; a programme manager reads the
        lines of the programmes she manages (not those under a pillar only); nobody else any."""
        from amplify.accounts.models import sees_every_programme, sees_nothing
        from amplify.programmes.models import Programme

        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user):
            return self.all()
        if user.is_programme_manager:
            return self.filter(programme__in=Programme.objects.managed_by(user).values("pk"))
        return self.none()

    def matching(self, filters: dict[str, Any]) -> GiftQuerySet:
        """The lines matching a filter form's (or the API's) values: fund, status, input
        type, country, programme, pillar (each an object or its key) and year."""
        gifts = self
        for name in ("fund", "status", "input_type", "country", "programme", "pillar"):
            if filters.get(name):
                gifts = gifts.filter(**{name: filters[name]})
        if filters.get("year"):
            gifts = gifts.filter(given_on__year=filters["year"])
        return gifts


class Gift(models.Model):
    """One line of the ledger."""

    given_on = models.DateField(_("date"))
    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="gifts", verbose_name=_("fund")
    )
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, help_text=_("ISO 4217, e.g. USD."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    input_type = models.CharField(_("input type"), max_length=12, choices=InputType.choices)
    recipient = models.ForeignKey(
        Recipient,
        on_delete=models.PROTECT,
        related_name="gifts",
        verbose_name=_("recipient organisation"),
    )
    cause = models.CharField(_("cause"), max_length=120, blank=True)
    country = models.ForeignKey(
        "people.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts",
        verbose_name=_("programme"),
    )
    pillar = models.ForeignKey(
        "programmes.Pillar",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts",
        verbose_name=_("pillar"),
    )
    evidence_link = WebLinkField(_("evidence link"), blank=True)
    evidence_file = models.FileField(
        _("evidence file"), upload_to="giving/evidence/%Y/%m/", blank=True, max_length=255
    )
    approved_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    recorded_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    # The form, API call or import row that recorded it: sending it twice records one line.
    request_key = models.UUIDField(
        _("request key"), default=uuid.uuid4, unique=True, editable=False
    )

    history = HistoricalRecords(bases=[HistoryActor])

    objects = GiftQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("gift")
        indexes = [models.Index(fields=["fund", "status", "given_on"])]

    def __str__(self) -> str:
        return f"{self.fund} · {self.recipient} · {self.amount} {self.currency}"
