"""What each country offers its people and its talent: life insurance, medical cover,
well-being reimbursement, flexible time off, financial counselling, counselling in many
languages… with the date each started, for the organisation report's country list."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.home.history_actor import HistoryActor


class Kind(models.TextChoices):
    LIFE_INSURANCE = "life_insurance", _("Life insurance")
    MEDICAL = "medical", _("Medical cover")
    WELLBEING = "wellbeing", _("Well-being reimbursement")
    FLEXIBLE_TIME_OFF = "flexible_time_off", _("Flexible time off")
    FINANCIAL_COUNSELLING = "financial_counselling", _("Financial counselling")
    COUNSELLING = "counselling", _("Counselling")
    OTHER = "other", _("Other support")


class Audience(models.TextChoices):
    EMPLOYEES = "employees", _("Employees")
    FAMILIES = "families", _("Employees and their families")
    TALENT = "talent", _("Artists and songwriters")


class Benefit(models.Model):
    country = models.ForeignKey(
        "people.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="benefits",
        verbose_name=_("country"),
        help_text=_("Empty: offered in every country."),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2_000)
    audience = models.CharField(
        _("for"), max_length=12, choices=Audience.choices, default=Audience.EMPLOYEES
    )
    languages = models.PositiveSmallIntegerField(
        _("languages"), null=True, blank=True, help_text=_("For counselling: in how many.")
    )
    enhanced = models.BooleanField(
        _("enhanced"), default=False, help_text=_("An existing benefit improved, not new.")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        ordering = ["country__name", "kind", "starts_on"]
        verbose_name = _("benefit")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="benefit_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title
