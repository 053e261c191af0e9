"""Matching profiles, the rules a cohort's manager sets, and matching and grouping runs.

A run keeps a snapshot of everything it used (profiles, weights, locks), so any result can
be explained later even after people change their profiles.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.models import sees_nothing
from amplify.accounts.types import Viewer
from amplify.home.history_actor import HistoryActor
from amplify.matching.vocabulary import JobFamily, Seniority
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Pairing


class MatchProfile(models.Model):
    """What a person brings to (mentors, coaches) or wants from (mentees, participants) a
    match. Mentors' job family and seniority describe them; mentees' describe their goal."""

    class Format(models.TextChoices):
        EITHER = "either", _("In person or online")
        ONLINE = "online", _("Online only")

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="match_profile",
        verbose_name=_("person"),
    )
    tags = models.JSONField(_("interests and skills"), default=list, blank=True)
    job_family = models.CharField(
        max_length=20, choices=JobFamily.choices, blank=True, verbose_name=_("job family")
    )
    aspired_division = models.ForeignKey(
        "people.Division",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aspired division"),
    )
    seniority = models.PositiveSmallIntegerField(
        choices=Seniority.choices, default=Seniority.EXECUTIVE, verbose_name=_("seniority")
    )
    availability = models.JSONField(_("weekly free time"), default=list, blank=True)
    meeting_format = models.CharField(
        max_length=10,
        choices=Format.choices,
        default=Format.EITHER,
        verbose_name=_("meeting format"),
    )
    capacity = models.PositiveSmallIntegerField(
        _("mentees I can take"), default=1, help_text=_("For mentors and coaches: 1 to 3.")
    )
    share_background_match_with_mentee = models.BooleanField(
        _("let my mentee see when I share the background she asked for"),
        default=False,
        help_text=_(
            "For mentors and coaches. Off: that line is left out of every explanation "
            "(it would tell your mentee something about your background)."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    history = HistoricalRecords(bases=[HistoryActor])

    def __str__(self) -> str:
        return f"Matching profile of {self.person}"


class PairRuleQuerySet(models.QuerySet["PairRule"]):
    def for_user(self, user: Viewer) -> PairRuleQuerySet:
        if sees_nothing(user):
            return self.none()
        return self.filter(cohort__in=Cohort.objects.managed_by(user))


class PairRule(models.Model):
    """A manager's decision about one pair in a cohort, kept for every future run."""

    class Kind(models.TextChoices):
        LOCK = "lock", _("Always pair")
        EXCLUDE = "exclude", _("Never pair")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="pair_rules", verbose_name=_("cohort")
    )
    mentor = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("mentor")
    )
    mentee = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("mentee")
    )
    kind = models.CharField(max_length=8, choices=Kind.choices, verbose_name=_("kind"))
    note = models.CharField(max_length=200, blank=True, verbose_name=_("note"))
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    history = HistoricalRecords(bases=[HistoryActor])
    objects = PairRuleQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "mentor", "mentee"], name="pair_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.mentor} – {self.mentee}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    RUNNING = "running", _("Running")
    READY = "ready", _("Ready for review")
    FAILED = "failed", _("Failed")
    PUBLISHED = "published", _("Published")
    DISCARDED = "discarded", _("Discarded")


class Run(models.Model):
    """What every run shares: a snapshot of its inputs, its status and progress while it
    works, its result, and who started and published it when."""

    status = models.CharField(
        max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED, verbose_name=_("status")
    )
    stage = models.CharField(max_length=80, blank=True, verbose_name=_("stage"))
    progress = models.PositiveSmallIntegerField(default=0, verbose_name=_("progress"))
    inputs = models.JSONField(
        default=dict, blank=True, help_text=_("Everything the run used."), verbose_name=_("inputs")
    )
    result = models.JSONField(default=dict, blank=True, verbose_name=_("result"))
    failure = models.TextField(blank=True, verbose_name=_("failure"))
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finished at"))
    published_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("published at"))
    heartbeat_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Last sign of life from the worker on this run."),
        verbose_name=_("heartbeat at"),
    )
    claim = models.CharField(
        max_length=32,
        blank=True,
        editable=False,
        help_text=_("The attempt of the worker on this run (empty while none holds it)."),
        verbose_name=_("claim"),
    )
    inputs_deleted_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When retention deleted the inputs of this run."),
        verbose_name=_("inputs deleted at"),
    )

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def is_working(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)


class MatchingRunQuerySet(models.QuerySet["MatchingRun"]):
    def for_user(self, user: Viewer) -> MatchingRunQuerySet:
        """Only a cohort's managers see its runs; members see their own published match
        through ProposedPair.for_user."""
        if sees_nothing(user):
            return self.none()
        return self.filter(cohort__in=Cohort.objects.managed_by(user))


class MatchingRun(Run):
    class Kind(models.TextChoices):
        MENTORING = "mentoring", _("Mentors and mentees")
        COACHING = "coaching", _("Coaches and participants")

    class Mode(models.TextChoices):
        OPTIMAL = "optimal", _("Best total (optimal)")
        STABLE = "stable", _("Stable (nobody would rather swap)")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="matching_runs", verbose_name=_("cohort")
    )
    number = models.PositiveIntegerField(verbose_name=_("number"))
    kind = models.CharField(max_length=10, choices=Kind.choices, verbose_name=_("kind"))
    mode = models.CharField(
        max_length=10, choices=Mode.choices, default=Mode.OPTIMAL, verbose_name=_("mode")
    )
    objective = models.CharField(max_length=16, default="most_matched", verbose_name=_("objective"))
    weights = models.JSONField(default=dict, verbose_name=_("weights"))
    required_training_hours = models.DecimalField(
        max_digits=5, decimal_places=1, default=10, verbose_name=_("required training hours")
    )
    min_shared_slots = models.PositiveSmallIntegerField(
        default=1, verbose_name=_("min shared slots")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The run this one re-ran."),
        verbose_name=_("parent"),
    )
    is_rematch = models.BooleanField(default=False, verbose_name=_("is rematch"))
    matched_count = models.PositiveIntegerField(default=0, verbose_name=_("matched count"))
    mentee_count = models.PositiveIntegerField(default=0, verbose_name=_("mentee count"))
    total_score = models.PositiveIntegerField(default=0, verbose_name=_("total score"))
    certified = models.BooleanField(default=False, verbose_name=_("certified"))
    edited = models.BooleanField(
        default=False, help_text=_("Pairs changed by hand after the run."), verbose_name=_("edited")
    )

    history = HistoricalRecords(
        bases=[HistoryActor],
        excluded_fields=["inputs", "result", "progress", "stage", "heartbeat_at", "claim"],
    )
    objects = MatchingRunQuerySet.as_manager()

    class Meta(Run.Meta):
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="matching_run_number")
        ]

    def __str__(self) -> str:
        return f"Matching run {self.number} of {self.cohort}"

    def get_absolute_url(self) -> str:
        return reverse("matching:run", args=[self.pk])


class ProposedPairQuerySet(models.QuerySet["ProposedPair"]):
    def for_user(self, user: Viewer) -> ProposedPairQuerySet:
        """Managers see their cohorts' proposals; each person sees her own published ones."""
        if sees_nothing(user):
            return self.none()
        return self.filter(
            Q(run__cohort__in=Cohort.objects.managed_by(user))
            | (Q(run__status=RunStatus.PUBLISHED) & (Q(mentor__user=user) | Q(mentee__user=user)))
        )

    def my_matches(self, user: Any) -> ProposedPairQuerySet:
        """The published proposals behind the user's current pairs (not those of a closed
        cohort), among those she may see."""
        # Her person's id as a subquery, so the database finds her pairs by the mentor and
        # mentee indexes; `mentor__user=user` joined people and scanned every published pair.
        me = Subquery(Person.objects.filter(user=user).values("pk")[:1])
        return (
            self.for_user(user)
            .filter(run__status=RunStatus.PUBLISHED, pairing__in=Pairing.objects.current())
            .filter(Q(mentor_id=me) | Q(mentee_id=me))
            .select_related("mentor__match_profile", "mentee", "run__cohort")
        )


class ProposedPair(models.Model):
    run = models.ForeignKey(
        MatchingRun, on_delete=models.CASCADE, related_name="pairs", verbose_name=_("run")
    )
    mentor = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("mentor")
    )
    mentee = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("mentee")
    )
    # What anyone who may see the pair reads: the score and its explanation without the
    # private criterion (the background a mentee asked her mentor to share), which would tell
    # of the mentor's background. That criterion's row and points are kept apart, shown only
    # to the mentee and only if her mentor agreed (MatchProfile.share_background_...).
    score = models.PositiveIntegerField(
        help_text=_("Without private preferences."), verbose_name=_("score")
    )
    breakdown = models.JSONField(default=list, verbose_name=_("breakdown"))
    private_score = models.PositiveIntegerField(default=0, verbose_name=_("private score"))
    private_breakdown = models.JSONField(
        default=list, blank=True, verbose_name=_("private breakdown")
    )
    locked = models.BooleanField(default=False, verbose_name=_("locked"))
    pairing = models.OneToOneField(
        "programmes.Pairing",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
        verbose_name=_("pairing"),
    )
    # Published while the cohort did not announce pairs yet: both people are emailed when it
    # does (amplify.matching.announcements).
    announcement_held = models.BooleanField(default=False, verbose_name=_("announcement held"))

    objects = ProposedPairQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "mentee"], name="proposed_pair_mentee_once")
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee} ({self.score})"

    @property
    def engine_score(self) -> int:
        """The score the engine maximised, private preferences included."""
        return self.score + self.private_score


class GroupRule(models.Model):
    class Kind(models.TextChoices):
        TOGETHER = "together", _("Keep together")
        APART = "apart", _("Keep apart")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="group_rules", verbose_name=_("cohort")
    )
    first = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("first")
    )
    second = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("second")
    )
    kind = models.CharField(max_length=8, choices=Kind.choices, verbose_name=_("kind"))
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "first", "second"], name="group_rule_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.first} and {self.second}"


class GroupingRunQuerySet(models.QuerySet["GroupingRun"]):
    def for_user(self, user: Viewer) -> GroupingRunQuerySet:
        if sees_nothing(user):
            return self.none()
        return self.filter(cohort__in=Cohort.objects.managed_by(user))


class GroupingRun(Run):
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="grouping_runs", verbose_name=_("cohort")
    )
    number = models.PositiveIntegerField(verbose_name=_("number"))
    min_size = models.PositiveSmallIntegerField(default=5, verbose_name=_("min size"))
    max_size = models.PositiveSmallIntegerField(default=8, verbose_name=_("max size"))
    target_size = models.PositiveSmallIntegerField(default=6, verbose_name=_("target size"))

    history = HistoricalRecords(
        bases=[HistoryActor],
        excluded_fields=["inputs", "result", "progress", "stage", "heartbeat_at", "claim"],
    )
    objects = GroupingRunQuerySet.as_manager()

    class Meta(Run.Meta):
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="grouping_run_number")
        ]

    def __str__(self) -> str:
        return f"Home groups run {self.number} of {self.cohort}"

    def get_absolute_url(self) -> str:
        return reverse("matching:grouping", args=[self.pk])


class HomeGroupQuerySet(models.QuerySet["HomeGroup"]):
    def published(self) -> HomeGroupQuerySet:
        return self.filter(run__status=RunStatus.PUBLISHED)

    def for_user(self, user: Viewer) -> HomeGroupQuerySet:
        """Managers see every group of their cohorts; members see the published groups
        they belong to."""
        if sees_nothing(user):
            return self.none()
        return self.filter(
            Q(run__cohort__in=Cohort.objects.managed_by(user))
            | Q(run__status=RunStatus.PUBLISHED, members__user=user)
        ).distinct()


class HomeGroup(models.Model):
    """A group proposed by a grouping run; the groups of a published run are the cohort's
    home groups."""

    run = models.ForeignKey(
        GroupingRun, on_delete=models.CASCADE, related_name="groups", verbose_name=_("run")
    )
    band = models.CharField(max_length=40, verbose_name=_("band"))
    number = models.PositiveSmallIntegerField(verbose_name=_("number"))
    name = models.CharField(max_length=80, verbose_name=_("name"))
    members = models.ManyToManyField(
        "people.Person", related_name="home_groups", verbose_name=_("members")
    )
    balance = models.JSONField(default=dict, verbose_name=_("balance"))

    objects = HomeGroupQuerySet.as_manager()

    class Meta:
        ordering = ["band", "number"]

    def __str__(self) -> str:
        return self.name


class RankingQuerySet(models.QuerySet["Ranking"]):
    def for_user(self, user: Viewer) -> RankingQuerySet:
        """Each person sees the rankings she gave; a cohort's managers see its rankings (they
        run its matching). Nobody else: a mentee never sees who else ranked her mentor."""
        if sees_nothing(user):
            return self.none()
        return self.filter(Q(person__user=user) | Q(cohort__in=Cohort.objects.managed_by(user)))

    def of_cohort(self, cohort: Cohort) -> RankingQuerySet:
        return self.filter(cohort=cohort).order_by("person_id", "side", "position")


class Ranking(models.Model):
    """One place in a person's ranking for the stable mode: a mentee ranks up to five of her
    suggested mentors; a mentor ranks the mentees who ranked her (amplify.matching.ranking)."""

    class Side(models.TextChoices):
        MENTEE = "mentee", _("A mentee's ranking of mentors")
        MENTOR = "mentor", _("A mentor's ranking of mentees")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="rankings", verbose_name=_("cohort")
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="rankings_given",
        verbose_name=_("ranked by"),
    )
    side = models.CharField(max_length=8, choices=Side.choices, verbose_name=_("side"))
    ranked = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("ranked")
    )
    position = models.PositiveSmallIntegerField(
        verbose_name=_("position"), help_text=_("1 is her first choice.")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    history = HistoricalRecords(bases=[HistoryActor])
    objects = RankingQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "person", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "person", "ranked"], name="ranking_person_once"
            ),
            models.UniqueConstraint(
                fields=["cohort", "person", "position"], name="ranking_position_once"
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="ranking_position_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ranks {self.ranked} #{self.position} in {self.cohort}"
