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
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from simple_history.models import HistoricalRecords

from amplify.accounts.models import sees_every_programme, sees_nothing
from amplify.accounts.types import Viewer
from amplify.home.history_actor import HistoryActor
from amplify.home.links import WebLinkField
from amplify.programmes.models import Cohort, Enrolment

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


# The stages in their order, for the timeline and the board's columns.
STAGE_ORDER = list(Stage)
# What the owner may still change on the test card, and when the results are written.
EDITABLE_STAGES = frozenset({Stage.DRAFT, Stage.RETURNED})
# The cohort roles that see its experiments (besides its managers).
SEEING_ROLES = (Enrolment.Role.PARTICIPANT, Enrolment.Role.COACH, Enrolment.Role.SPONSOR)


def _cohorts_seen(user: Any) -> Q:
    """Cohorts whose experiments the user sees: those she takes part in as a participant,
    coach or sponsor (not withdrawn), and those she runs."""
    enrolled = (
        Enrolment.objects.taking_part()
        .filter(person__user=user, role__in=SEEING_ROLES)
        .values("cohort_id")
    )
    return Q(cohort_id__in=enrolled) | Q(cohort_id__in=Cohort.objects.managed_by(user).values("pk"))


class ExperimentQuerySet(models.QuerySet["Experiment"]):
    def for_user(self, user: Viewer) -> ExperimentQuerySet:
        """The owner's own; the experiments of the cohorts she takes part in (a participant
        sees only her own cohort's), coaches or sponsors, or runs; all for impact admins and
        administrators."""
        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user):
            return self.all()
        return self.filter(Q(owner__user=user) | Q(sponsor__user=user) | _cohorts_seen(user))

    def owned_by(self, user: Any) -> ExperimentQuerySet:
        if sees_nothing(user):
            return self.none()
        return self.filter(owner__user=user)

    def sponsored_by(self, user: Any) -> ExperimentQuerySet:
        if sees_nothing(user):
            return self.none()
        return self.filter(sponsor__user=user)

    def waiting_for_sponsor(self) -> ExperimentQuerySet:
        """What a sponsor should act on first: submissions to approve or return, and
        experiments whose learning is captured but whose business impact she has not
        recorded."""
        return self.filter(
            Q(stage=Stage.SUBMITTED)
            | Q(stage__in=(Stage.LEARNING, Stage.DECIDED), sponsor_impact="")
        )

    def waiting_for_owner(self) -> ExperimentQuerySet:
        """What the owner should act on: a draft or a return to (re)submit, an approval to
        start, a running experiment to capture the learning of, a learning to decide on."""
        return self.filter(
            stage__in=(Stage.DRAFT, Stage.RETURNED, Stage.APPROVED, Stage.RUNNING, Stage.LEARNING)
        )

    def for_board(self) -> ExperimentQuerySet:
        """What a board card shows, and no more: the cards' long texts stay in the database."""
        return self.select_related("owner", "country").only(
            "pk",
            "title",
            "stage",
            "decision",
            "themes",
            "cohort_id",
            "country_id",
            "division_id",
            "owner__name",
            "owner__preferred_name",
            "country__name",
        )


class StoryQuerySet(models.QuerySet["Story"]):
    def shared(self) -> StoryQuerySet:
        """Stories told with the person's consent: the only ones others ever see."""
        return self.filter(consent_to_share=True)

    def for_user(self, user: Viewer) -> StoryQuerySet:
        """Her own stories (shared or not); others' only when shared, in cohorts whose
        experiments she sees."""
        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user):
            return self.filter(Q(person__user=user) | Q(consent_to_share=True))
        return self.filter(Q(person__user=user) | (Q(consent_to_share=True) & _cohorts_seen(user)))


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
    objects = ExperimentQuerySet.as_manager()

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

    def get_absolute_url(self) -> str:
        return reverse("experiments:detail", args=[self.pk])

    @property
    def test_card_missing(self) -> list[str]:
        """The test card's fields still empty (named by their field), for submitting."""
        names = ["title", "hypothesis", "test", "metric", "criterion"]
        ratings = ["hypothesis_criticality", "test_cost", "data_reliability", "time_required"]
        missing = [n for n in names if not str(getattr(self, n)).strip()]
        return missing + [n for n in ratings if getattr(self, n) is None]

    @property
    def learning_card_missing(self) -> list[str]:
        return [
            n
            for n in ("believed", "observed", "learned", "therefore")
            if not getattr(self, n).strip()
        ]

    @property
    def theme_labels(self) -> list[str]:
        labels = dict(Theme.choices)
        return [str(labels[t]) for t in self.themes if t in labels]

    @property
    def asks_nothing(self) -> bool:
        return not (self.asks_money or self.asks_people or self.asks_time)

    def timeline(self) -> list[tuple[str, str, Any, bool]]:
        """(stage, label, when, reached) for each stage of the way (a return shows only when
        it happened)."""
        reached_at = {
            Stage.DRAFT: self.created_at,
            Stage.SUBMITTED: self.submitted_at,
            Stage.APPROVED: self.approved_at,
            Stage.RUNNING: self.started_at,
            Stage.LEARNING: self.learning_at,
            Stage.DECIDED: self.decided_at,
        }
        return [
            (s.value, str(s.label), reached_at[s], reached_at[s] is not None)
            for s in STAGE_ORDER
            if s != Stage.RETURNED
        ]


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
    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("innovation story")
        verbose_name_plural = _("innovation stories")
        ordering = ["cohort", "person__name", "pk"]

    def __str__(self) -> str:
        return self.title
