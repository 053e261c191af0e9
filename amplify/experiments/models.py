"""Experiments: one per participant and leadership cohort, sponsored by an executive.

The test card and the learning card follow Strategyzer's (the seed's "think big, act small":
the smallest possible thing that proves an idea). An experiment moves through stages by
services only (amplify.experiments.services), each with its own rule: only the owner
submits, only the sponsor approves or returns, a learning card needs evidence. Innovation
stories, told with the person's consent, feed the talent book and the showcase.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from simple_history.models import HistoricalRecords

from amplify.home.history_actor import HistoryActor
from amplify.home.links import WebLinkField
from amplify.programmes.models import Cohort

TEXT_MAX_LENGTH = 5_000
CARD_MAX_LENGTH = 2_000


class Stage(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the sponsor")
    RETURNED = "returned", _("Returned with comments")
    APPROVED = "approved", _("Approved")
    RUNNING = "running", _("Running")
    LEARNING = "learning", _("Learning captured")
    DECIDED = "decided", _("Decided")


class Decision(models.TextChoices):
    PERSEVERE = "persevere", _("Persevere")
    PIVOT = "pivot", _("Pivot")
    SCALE_UP = "scale_up", _("Scale up")
    STOP = "stop", _("Stop")


class Rating(models.IntegerChoices):
    """The test card's three-point scales (how critical, how costly, how reliable, how long)."""

    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")


class Theme(models.TextChoices):
    """What an experiment is about: the seed's experiments, grouped for the board and the book."""

    ARTIST_DEVELOPMENT = "artist_development", _("Artist development")
    PARTNERSHIPS = "partnerships", _("Partnerships")
    CATALOGUE = "catalogue", _("Catalogue revenue")
    CLIENTS = "clients", _("Clients and sales")
    STREAMING = "streaming", _("Streaming and audiences")
    DIGITAL_PRODUCTS = "digital_products", _("Apps and digital products")
    CONTENT = "content", _("Content and creators")
    DATA = "data", _("Data and insight")
    WAYS_OF_WORKING = "ways_of_working", _("Ways of working")
    PEOPLE = "people", _("People and culture")
    SUSTAINABILITY = "sustainability", _("Sustainability and community")


def _card_text(label: StrOrPromise, help_text: StrOrPromise = "") -> Any:
    return models.TextField(
        label,
        blank=True,
        max_length=CARD_MAX_LENGTH,
        validators=[MaxLengthValidator(CARD_MAX_LENGTH)],
        help_text=help_text,
    )


def _rating(label: StrOrPromise) -> Any:
    return models.PositiveSmallIntegerField(
        label,
        choices=Rating.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(Rating.LOW), MaxValueValidator(Rating.HIGH)],
    )


class Experiment(models.Model):
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="experiments", verbose_name=_("cohort")
    )
    owner = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="experiments",
        verbose_name=_("owner"),
        help_text=_("The participant who runs it."),
    )
    sponsor = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="experiments_sponsored",
        verbose_name=_("executive sponsor"),
        help_text=_("An executive sponsor enrolled in the same cohort."),
    )
    title = models.CharField(_("title"), max_length=160)
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.DRAFT)

    # The test card.
    hypothesis = _card_text(_("we believe that"), _("The hypothesis."))
    hypothesis_criticality = _rating(_("how critical the hypothesis is"))
    test = _card_text(_("to verify that, we will"), _("The smallest test that could tell."))
    test_cost = _rating(_("test cost"))
    data_reliability = _rating(_("data reliability"))
    metric = _card_text(_("and measure"))
    time_required = _rating(_("time required"))
    criterion = _card_text(_("we are right if"), _("The pass criterion."))

    division = models.ForeignKey(
        "people.Division",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("division"),
    )
    country = models.ForeignKey(
        "people.Country",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
    )
    themes = models.JSONField(
        _("themes"), default=list, blank=True, help_text=_("Codes from the theme list.")
    )
    asks_money = models.BooleanField(_("asks for money"), default=False)
    asks_people = models.BooleanField(_("asks for people"), default=False)
    asks_time = models.BooleanField(_("asks for time"), default=False)
    ask_detail = _card_text(_("what it asks for"))

    # Results and the learning card.
    result = _card_text(_("measured result"), _("What was measured, against the criterion."))
    criterion_met = models.BooleanField(_("pass criterion met"), null=True, blank=True)
    believed = _card_text(_("we believed that"))
    observed = _card_text(_("we observed"))
    learned = _card_text(_("from that we learned that"))
    therefore = _card_text(_("therefore, we will"))
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices, blank=True)
    sponsor_impact = _card_text(
        _("the sponsor's view of the business impact"),
    )

    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    learning_at = models.DateTimeField(_("learning captured at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        verbose_name = _("experiment")
        verbose_name_plural = _("experiments")
        ordering = ["cohort", "owner__name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "owner"], name="experiment_one_per_person"),
            models.CheckConstraint(
                condition=~models.Q(sponsor=models.F("owner")), name="experiment_not_self_sponsored"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Comment(models.Model):
    """The sponsor's (or the owner's) word on an experiment; a return carries one."""

    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, related_name="comments", verbose_name=_("experiment")
    )
    author = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    body = models.TextField(
        _("comment"), max_length=TEXT_MAX_LENGTH, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    returned = models.BooleanField(
        _("sent back with the experiment"), default=False, help_text=_("Written on a return.")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("experiment comment")
        verbose_name_plural = _("experiment comments")
        ordering = ["experiment", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"


class Evidence(models.Model):
    """A link or a file that shows what the experiment found."""

    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("experiment")
    )
    title = models.CharField(_("title"), max_length=160)
    link = WebLinkField(_("link"), blank=True)
    file = models.FileField(
        _("file"), upload_to="experiments/evidence/%Y/%m/", blank=True, max_length=255
    )
    added_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("added by")
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["experiment", "added_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Story(models.Model):
    """An innovation story: what was tried, what happened and the quote, shared only with the
    person's consent (the talent book and the showcase read consented stories only)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="stories", verbose_name=_("person")
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="stories", verbose_name=_("cohort")
    )
    experiment = models.ForeignKey(
        Experiment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        verbose_name=_("experiment"),
    )
    title = models.CharField(_("title"), max_length=160)
    tried = _card_text(_("what was tried"))
    happened = _card_text(_("what happened"))
    quote = models.CharField(_("quote"), max_length=400, blank=True)
    consent_to_share = models.BooleanField(
        _("consent to share"),
        default=False,
        help_text=_("The person agrees that the story appears in the talent book and showcase."),
    )
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        verbose_name = _("innovation story")
        verbose_name_plural = _("innovation stories")
        ordering = ["cohort", "person__name", "pk"]

    def __str__(self) -> str:
        return self.title
