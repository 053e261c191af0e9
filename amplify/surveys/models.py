"""Surveys: an item bank, per-programme templates, and a cohort's waves, invitations and
responses.

An `Item` is one question with a stable `key`: the same item asked in the pre and the post
wave is the same item, so the indicators can compare them. A `Wave` is one survey sent to a
cohort's people in some roles, with a response mode:

- *attributed*: the response names the respondent (staff can see who answered);
- *confidential*: the response carries a pseudonymous key (an HMAC of the person and the
  cohort under the server's secret) that links her pre and post answers; nothing joins it
  back to her name;
- *anonymous*: no link at all.

`Invitation` (who was asked, whether she answered, her unsent draft) and `Response` (what
was answered) are stored apart, with nothing in common but the wave: completion and
reminders need the first, the figures the second. A response's primary key is random and
its date is a day, so neither the order of rows nor a timestamp pairs it with an invitation.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.models import sees_nothing
from amplify.accounts.types import Viewer
from amplify.home.history_actor import HistoryActor
from amplify.programmes.models import Cohort, Enrolment, Programme

TEXT_MAX_LENGTH = 5_000
AGREEMENT_POINTS = 5  # 1 strongly disagree … 5 strongly agree
AGREE = (4, 5)  # "agree" and "strongly agree"
RECOMMENDATION_MAX = 10  # 0–10, "how likely are you to recommend…"


class ItemKind(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement scale (5 points)")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    YES_NO = "yes_no", _("Yes or no")
    NUMBER = "number", _("Number")
    RECOMMENDATION = "recommendation", _("Recommendation (0–10)")
    TEXT = "text", _("Free text")


class Phase(models.TextChoices):
    PRE = "pre", _("Pre-programme")
    MID = "mid", _("Mid-programme")
    POST = "post", _("Post-programme")
    FOLLOW_UP = "follow_up", _("Follow-up")


class Mode(models.TextChoices):
    ATTRIBUTED = "attributed", _("Attributed")
    CONFIDENTIAL = "confidential", _("Confidential")
    ANONYMOUS = "anonymous", _("Anonymous")


# The roles a wave may be sent to (a programme manager is staff, never an audience).
AUDIENCE_ROLES = (
    Enrolment.Role.MENTOR,
    Enrolment.Role.MENTEE,
    Enrolment.Role.PARTICIPANT,
    Enrolment.Role.COACH,
    Enrolment.Role.SPONSOR,
)


class Item(models.Model):
    """A question of the item bank. Its key never changes once answers exist."""

    key = models.SlugField(
        _("item key"),
        max_length=60,
        unique=True,
        help_text=_("Stable: the same key in two waves is the same question."),
    )
    kind = models.CharField(_("type"), max_length=16, choices=ItemKind.choices)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    # For single and multiple choice: [{"value": "events", "label": "Events"}, …].
    choices = models.JSONField(_("choices"), default=list, blank=True)
    number_min = models.IntegerField(_("smallest number"), null=True, blank=True)
    number_max = models.IntegerField(_("largest number"), null=True, blank=True)
    retired = models.BooleanField(
        _("retired"), default=False, help_text=_("Kept for past answers; not offered anymore.")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        ordering = ["key"]
        verbose_name = _("item")

    def __str__(self) -> str:
        return self.key


class SurveySettings(models.Model):
    """A programme's survey rules: when reminders go, and when the follow-up wave opens."""

    programme = models.OneToOneField(
        Programme,
        on_delete=models.CASCADE,
        related_name="survey_settings",
        verbose_name=_("programme"),
    )
    reminder_days = models.JSONField(
        _("reminder days"),
        default=list,
        help_text=_("Days after the invitation a reminder goes to non-responders (e.g. 3, 7)."),
    )
    remind_before_close = models.BooleanField(_("remind the day before closing"), default=True)
    max_reminders = models.PositiveSmallIntegerField(
        _("most reminders"), default=3, validators=[MaxValueValidator(3)]
    )
    follow_up_months = models.PositiveSmallIntegerField(
        _("follow-up after (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        verbose_name = _("survey settings")
        verbose_name_plural = _("survey settings")

    def __str__(self) -> str:
        return str(self.programme)


DEFAULT_REMINDER_DAYS = [3, 7]


class Template(models.Model):
    """A programme's set of waves, applied to a new cohort in one step."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="survey_templates",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name"), max_length=160)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        ordering = ["programme", "name"]
        verbose_name = _("survey template")
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="survey_template_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Anchor(models.TextChoices):
    START = "start", _("the cohort's start")
    END = "end", _("the cohort's end")


class TemplateWave(models.Model):
    """One wave of a template, dated relative to the cohort it is applied to."""

    template = models.ForeignKey(
        Template, on_delete=models.CASCADE, related_name="waves", verbose_name=_("template")
    )
    title = models.CharField(_("title"), max_length=160)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    audience = models.JSONField(_("audience"), default=list, help_text=_("Roles asked."))
    mode = models.CharField(_("response mode"), max_length=12, choices=Mode.choices)
    anchor = models.CharField(_("dated from"), max_length=8, choices=Anchor.choices)
    opens_after_days = models.IntegerField(
        _("opens (days after)"), default=0, help_text=_("Negative: before the anchor date.")
    )
    open_days = models.PositiveSmallIntegerField(
        _("open for (days)"), default=14, validators=[MinValueValidator(1)]
    )
    items = models.ManyToManyField(
        Item, through="TemplateQuestion", related_name="+", verbose_name=_("questions")
    )

    class Meta:
        ordering = ["template", "opens_after_days", "pk"]
        verbose_name = _("template wave")

    def __str__(self) -> str:
        return self.title


class TemplateQuestion(models.Model):
    wave = models.ForeignKey(
        TemplateWave,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("wave"),
    )
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="+", verbose_name=_("item")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["wave", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "item"], name="template_question_unique")
        ]

    def __str__(self) -> str:
        return f"{self.wave} · {self.item}"


class WaveQuerySet(models.QuerySet["Wave"]):
    def managed_by(self, user: Any) -> WaveQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(cohort__in=Cohort.objects.managed_by(user).values("pk"))

    def for_user(self, user: Viewer) -> WaveQuerySet:
        """Staff who run or report on the cohort; impact admins see every wave."""
        if sees_nothing(user):
            return self.none()
        if user.is_superuser or user.is_impact_admin:
            return self.all()
        return self.managed_by(user)

    def open_at(self, moment: Any) -> WaveQuerySet:
        return self.filter(opens_at__lte=moment, closes_at__gt=moment, launched_at__isnull=False)


class Wave(models.Model):
    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="survey_waves", verbose_name=_("cohort")
    )
    template_wave = models.ForeignKey(
        TemplateWave,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from template"),
    )
    title = models.CharField(_("title"), max_length=160)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    audience = models.JSONField(_("audience"), default=list, help_text=_("Roles asked."))
    mode = models.CharField(_("response mode"), max_length=12, choices=Mode.choices)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    # Set when the invitations went out; a wave is editable until then.
    launched_at = models.DateTimeField(_("invitations sent at"), null=True, blank=True)
    items = models.ManyToManyField(
        Item, through="WaveQuestion", related_name="waves", verbose_name=_("questions")
    )
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords(bases=[HistoryActor])
    objects = WaveQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "opens_at", "pk"]
        verbose_name = _("survey wave")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="wave_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} · {self.title}"


class WaveQuestion(models.Model):
    wave = models.ForeignKey(
        Wave, on_delete=models.CASCADE, related_name="questions", verbose_name=_("wave")
    )
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="+", verbose_name=_("item")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["wave", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "item"], name="wave_question_unique")
        ]

    def __str__(self) -> str:
        return f"{self.wave} · {self.item}"


class Invitation(models.Model):
    """That a person was asked, and whether she answered: never what she answered."""

    wave = models.ForeignKey(
        Wave, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("wave")
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="survey_invitations",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=24, choices=Enrolment.Role.choices)
    # The secret part of her signed link; a new one invalidates the old link.
    key = models.UUIDField(_("link key"), default=uuid.uuid4, unique=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    # A day, not a time: a time would pair the invitation with its response.
    responded_on = models.DateField(_("answered on"), null=True, blank=True)
    # Her saved, unsent answers ({item key: value}); emptied when she submits.
    draft = models.JSONField(_("draft"), default=dict, blank=True)
    draft_saved_at = models.DateTimeField(_("draft saved at"), null=True, blank=True)

    class Meta:
        ordering = ["wave", "pk"]
        verbose_name = _("survey invitation")
        constraints = [
            models.UniqueConstraint(fields=["wave", "person"], name="survey_invitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.wave} · {self.person}"


class Response(models.Model):
    """One submitted survey. Who sent it is known only in attributed mode."""

    id = models.UUIDField(_("id"), primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(
        Wave, on_delete=models.PROTECT, related_name="responses", verbose_name=_("wave")
    )
    role = models.CharField(_("role"), max_length=24, choices=Enrolment.Role.choices)
    respondent = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("respondent"),
        help_text=_("Attributed waves only."),
    )
    pseudonym = models.CharField(
        _("pseudonymous key"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Confidential waves only: links her answers across waves, not to her."),
    )
    # Coarse attributes for breakdowns, always shown through small-group suppression.
    country = models.ForeignKey(
        "people.Country",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    division = models.ForeignKey(
        "people.Division",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("division"),
    )
    submitted_on = models.DateField(_("submitted on"))

    class Meta:
        ordering = ["wave", "submitted_on"]
        verbose_name = _("survey response")
        constraints = [
            models.CheckConstraint(
                condition=Q(respondent__isnull=True) | Q(pseudonym=""),
                name="response_attributed_or_pseudonymous",
            ),
        ]
        indexes = [models.Index(fields=["wave", "role"])]

    def __str__(self) -> str:
        return f"{self.wave} · {self.submitted_on}"


class Answer(models.Model):
    """One answer to one item. A multiple-choice item has a row per option ticked."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="answers", verbose_name=_("item")
    )
    # Agreement 1–5, recommendation 0–10, yes 1 / no 0, or the number given.
    number = models.FloatField(_("number"), null=True, blank=True)
    choice = models.CharField(_("choice"), max_length=60, blank=True)
    text = models.TextField(
        _("text"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )

    class Meta:
        verbose_name = _("survey answer")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "item", "choice"], name="survey_answer_unique"
            )
        ]
        indexes = [models.Index(fields=["item", "number"])]

    def __str__(self) -> str:
        return str(self.item)
