"""The global showcase: the programme's rubric, the presentations scheduled in a cohort's
showcase event, the managing directors who judge them, their marks, the publication of the
results and an optional audience vote counted apart.

No judge marks an experiment she sponsors (or, for a home group's slot, any member's
experiment she sponsors): the assignment service refuses it, and the scoring service checks
again, since a sponsor may be named after the judge was assigned.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.models import sees_every_programme, sees_nothing
from amplify.accounts.types import Viewer
from amplify.core import judging
from amplify.events.models import Event
from amplify.home.history_actor import HistoryActor
from amplify.programmes.models import Cohort, Programme

# The rubric a programme starts from: the seed's managing directors judged these.
DEFAULT_CRITERIA = (
    (_("Learning"), _("What the experiment taught, whether it passed or not.")),
    (_("Commercial potential"), _("The benefit for the company if it were scaled up.")),
    (_("Leadership shown"), _("How the participant led people to make it happen.")),
    (_("Boldness"), _("Think big, act small: how brave the idea, how small the test.")),
)
DEFAULT_GUIDANCE = _(
    "Judge what was learned, not only what worked: a small, cheap test that disproved a big "
    "idea can deserve top marks."
)


class Rubric(models.Model):
    """The criteria a programme's showcases are judged on, each marked 1 to 5."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="rubric", verbose_name=_("programme")
    )
    guidance = models.TextField(
        _("guidance for the judges"),
        blank=True,
        max_length=2_000,
        help_text=_("Shown above the marks on every judge's scoring page."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        verbose_name = _("showcase rubric")
        verbose_name_plural = _("showcase rubrics")

    def __str__(self) -> str:
        return f"Rubric of {self.programme}"


class Criterion(models.Model):
    rubric = models.ForeignKey(
        Rubric, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("rubric")
    )
    name = models.CharField(_("name"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        ordering = ["rubric", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "name"], name="criterion_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


class SlotQuerySet(models.QuerySet["Slot"]):
    def for_user(self, user: Viewer) -> SlotQuerySet:
        """The slots of the showcases the user may see: the cohort's events she sees (its
        managers and members), and the slots she judges wherever they are."""
        if sees_nothing(user):
            return self.none()
        return self.filter(
            Q(event__in=Event.objects.for_user(user)) | Q(judges__judge__user=user)
        ).distinct()

    def judged_by(self, user: Any) -> SlotQuerySet:
        if sees_nothing(user):
            return self.none()
        return self.filter(judges__judge__user=user)

    def with_subject(self) -> SlotQuerySet:
        return self.select_related("experiment__owner", "experiment__sponsor", "home_group")


class Slot(models.Model):
    """A presentation in a cohort's showcase event: an experiment's, or a home group's."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="showcase_slots", verbose_name=_("event")
    )
    experiment = models.ForeignKey(
        "experiments.Experiment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="showcase_slots",
        verbose_name=_("experiment"),
    )
    home_group = models.ForeignKey(
        "matching.HomeGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="showcase_slots",
        verbose_name=_("home group"),
    )
    title = models.CharField(_("title"), max_length=160)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    room = models.CharField(_("room"), max_length=80, blank=True)

    history = HistoricalRecords(bases=[HistoryActor])
    objects = SlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("showcase slot")
        verbose_name_plural = _("showcase slots")
        ordering = ["event", "position", "starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "experiment"], name="slot_experiment_once_per_event"
            ),
            models.UniqueConstraint(
                fields=["event", "home_group"], name="slot_group_once_per_event"
            ),
            models.CheckConstraint(
                condition=Q(experiment__isnull=True, home_group__isnull=False)
                | Q(experiment__isnull=False, home_group__isnull=True),
                name="slot_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class JudgeAssignmentQuerySet(models.QuerySet["JudgeAssignment"]):
    def for_user(self, user: Viewer) -> JudgeAssignmentQuerySet:
        """Her own assignments; every assignment of the cohorts she runs."""
        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user):
            return self.all()
        return self.filter(
            Q(judge__user=user) | Q(slot__event__cohort__in=Cohort.objects.managed_by(user))
        )


class JudgeAssignment(models.Model):
    slot = models.ForeignKey(
        Slot, on_delete=models.CASCADE, related_name="judges", verbose_name=_("slot")
    )
    judge = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="showcase_assignments",
        verbose_name=_("judge"),
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    # Set when the judge saves her marks: the manager's progress counts these.
    scored_at = models.DateTimeField(_("scored at"), null=True, blank=True)
    comment = models.CharField(
        _("comment"), max_length=500, blank=True, help_text=_("Seen by the programme's managers.")
    )

    history = HistoricalRecords(bases=[HistoryActor])
    objects = JudgeAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("judge assignment")
        verbose_name_plural = _("judge assignments")
        ordering = ["slot", "judge__name"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "judge"], name="judge_once_per_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.judge} judges {self.slot}"


class Score(models.Model):
    assignment = models.ForeignKey(
        JudgeAssignment,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("assignment"),
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(
        _("mark"),
        validators=[MinValueValidator(judging.SCALE_MIN), MaxValueValidator(judging.SCALE_MAX)],
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["assignment", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="score_once"),
            models.CheckConstraint(
                condition=Q(value__gte=judging.SCALE_MIN, value__lte=judging.SCALE_MAX),
                name="score_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Publication(models.Model):
    """A showcase's state: whether the audience vote is open, and whether its results are
    published (by its cohort's manager). Until they are, the judges see their own marks only
    and nobody but the cohort's managers sees any result. No row: nothing published, no vote.
    """

    event = models.OneToOneField(
        Event,
        on_delete=models.CASCADE,
        related_name="showcase_publication",
        verbose_name=_("event"),
    )
    published_by = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    audience_vote_open = models.BooleanField(_("audience vote open"), default=False)

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        verbose_name = _("showcase publication")
        verbose_name_plural = _("showcase publications")

    def __str__(self) -> str:
        return f"Results of {self.event}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class AudienceVote(models.Model):
    """One vote per person per showcase, for one slot: counted apart from the judges'."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="showcase_votes", verbose_name=_("event")
    )
    voter = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("voter")
    )
    slot = models.ForeignKey(
        Slot, on_delete=models.CASCADE, related_name="votes", verbose_name=_("slot")
    )
    voted_at = models.DateTimeField(_("voted at"), auto_now=True)

    class Meta:
        verbose_name = _("audience vote")
        verbose_name_plural = _("audience votes")
        constraints = [
            models.UniqueConstraint(fields=["event", "voter"], name="audience_vote_once"),
        ]

    def __str__(self) -> str:
        return f"{self.voter} votes for {self.slot}"
