"""Applications to a mentoring cohort: young people apply (or are referred by an outreach
partner), the eligibility rules decide, the programme manager reviews, offers, and an
accepted offer makes the applicant a mentee.

The eligibility evidence (date of birth, socioeconomic answers) is kept apart, in
`ApplicationEvidence`, with no history: impact admins alone read it, the programme manager
sees only which criterion was met, and the data-minimisation job deletes it for those who
did not take part, keeping the counts in `ApplicationTally`.
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
from amplify.core import eligibility
from amplify.diversity.models import DiversityProfile
from amplify.home.history_actor import HistoryActor
from amplify.matching.vocabulary import JobFamily
from amplify.programmes.models import Cohort

ANSWER = DiversityProfile.Answer


class Criterion(models.TextChoices):
    """The socioeconomic criteria a cohort may count, each met by answers to one of the
    diversity app's questions (`CRITERIA` below says which)."""

    WORKING_CLASS = "working_class_background", _("Parents in routine or manual work at 14")
    STATE_SCHOOL = "state_school", _("Went to a non-selective state school")
    FREE_SCHOOL_MEALS = "free_school_meals", _("Eligible for free school meals")
    FIRST_GENERATION = "first_generation", _("First in family at university")


CRITERIA: dict[str, eligibility.Criterion] = {
    c.code: c
    for c in (
        eligibility.Criterion(
            Criterion.WORKING_CLASS,
            "parental_occupation",
            frozenset({DiversityProfile.ParentalOccupation.WORKING_CLASS.value}),
        ),
        eligibility.Criterion(
            Criterion.STATE_SCHOOL,
            "school_type",
            frozenset(
                {
                    DiversityProfile.SchoolType.STATE_NON_SELECTIVE.value,
                    DiversityProfile.SchoolType.INDEPENDENT_BURSARY.value,
                }
            ),
        ),
        eligibility.Criterion(
            Criterion.FREE_SCHOOL_MEALS, "free_school_meals", frozenset({ANSWER.YES.value})
        ),
        eligibility.Criterion(
            Criterion.FIRST_GENERATION, "first_generation_university", frozenset({ANSWER.YES.value})
        ),
    )
}
# The socioeconomic questions, as the diversity app names its fields.
BACKGROUND_QUESTIONS = (
    "parental_occupation",
    "school_type",
    "free_school_meals",
    "first_generation_university",
)


def all_criteria() -> list[str]:
    return list(Criterion.values)


class ApplicationSettings(models.Model):
    """A cohort's application rules. A cohort without a row uses the defaults."""

    cohort = models.OneToOneField(
        Cohort,
        on_delete=models.CASCADE,
        related_name="application_settings",
        verbose_name=_("cohort"),
    )
    min_age = models.PositiveSmallIntegerField(
        _("youngest age"), default=eligibility.DEFAULT_MIN_AGE, help_text=_("On the start date.")
    )
    max_age = models.PositiveSmallIntegerField(
        _("oldest age"), default=eligibility.DEFAULT_MAX_AGE, help_text=_("On the start date.")
    )
    criteria = models.JSONField(
        _("socioeconomic criteria that count"),
        default=all_criteria,
        blank=True,
        help_text=_("An applicant must meet at least one. None chosen: no such rule."),
    )
    require_right_to_take_part = models.BooleanField(
        _("require the right to take part in the UK"), default=True
    )
    acceptance_days = models.PositiveSmallIntegerField(_("days to accept an offer"), default=14)
    retention_days = models.PositiveSmallIntegerField(
        _("days evidence is kept after the cohort closes"),
        default=90,
        help_text=_(
            "Then dates of birth and socioeconomic answers of those who did not take part "
            "are deleted; only counts remain."
        ),
    )

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        verbose_name_plural = _("application settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_age__gte=models.F("min_age")), name="application_ages_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"Application settings of {self.cohort}"

    @classmethod
    def for_cohort(cls, cohort: Cohort) -> ApplicationSettings:
        """The cohort's settings, or unsaved defaults."""
        return cls.objects.filter(cohort=cohort).first() or cls(cohort=cohort)

    def rules(self) -> eligibility.Rules:
        return eligibility.Rules(
            starts_on=self.cohort.starts_on,
            criteria=tuple(CRITERIA[c] for c in Criterion.values if c in (self.criteria or [])),
            min_age=self.min_age,
            max_age=self.max_age,
            require_right_to_take_part=self.require_right_to_take_part,
        )


class Stage(models.TextChoices):
    REFERRED = "referred", _("Referred")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    OFFERED = "offered", _("Offered a place")
    ACCEPTED = "accepted", _("Accepted")
    STARTED = "started", _("Started")
    COMPLETED = "completed", _("Completed")
    WAITLISTED = "waitlisted", _("Waitlisted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# How each stage looks in a badge (the CSS's existing tones).
STAGE_TONES = {
    Stage.REFERRED: "info",
    Stage.DRAFT: "draft",
    Stage.SUBMITTED: "info",
    Stage.ELIGIBLE: "ok",
    Stage.INELIGIBLE: "bad",
    Stage.SHORTLISTED: "brand",
    Stage.OFFERED: "warn",
    Stage.ACCEPTED: "ok",
    Stage.STARTED: "running",
    Stage.COMPLETED: "closed",
    Stage.WAITLISTED: "warn",
    Stage.DECLINED: "bad",
    Stage.WITHDRAWN: "closed",
}
# Still being written by the applicant.
OPEN_STAGES = frozenset({Stage.REFERRED, Stage.DRAFT})
# Took part (or will): their evidence is not minimised.
TOOK_PART = frozenset({Stage.ACCEPTED, Stage.STARTED, Stage.COMPLETED})


class HeardFrom(models.TextChoices):
    PARTNER = "partner", _("An outreach partner")
    SCHOOL = "school", _("School, college or university")
    SOCIAL = "social", _("Social media")
    FRIEND = "friend", _("A friend or family member")
    EVENT = "event", _("An event")
    WEBSITE = "website", _("Our website")
    OTHER = "other", _("Somewhere else")


class ApplicationQuerySet(models.QuerySet["Application"]):
    def for_user(self, user: Viewer) -> ApplicationQuerySet:
        """Administrators and impact admins see every application; a programme manager
        those of the cohorts she runs; outreach partner staff the people their organisation
        referred (the pages and the API show them only the name and the stage)."""
        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user):
            return self.all()
        visible = Q(cohort_id__in=Cohort.objects.managed_by(user).values("pk"))
        if user.is_partner:
            visible |= Q(referred_by_id__in=partner_ids(user))
        return self.filter(visible)

    def referred_by_user(self, user: Any) -> ApplicationQuerySet:
        """The referrals of the user's own outreach partner."""
        if sees_nothing(user) or not user.is_partner:
            return self.none()
        return self.filter(referred_by_id__in=partner_ids(user))

    def submitted(self) -> ApplicationQuerySet:
        return self.exclude(stage__in=OPEN_STAGES)


def partner_ids(user: Any) -> Any:
    from amplify.people.models import Person

    return Person.objects.filter(user=user, partner__isnull=False).values("partner_id")


class Application(models.Model):
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="applications", verbose_name=_("cohort")
    )
    stage = models.CharField(
        max_length=12, choices=Stage.choices, default=Stage.DRAFT, verbose_name=_("stage")
    )
    name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email"))
    postcode = models.CharField(_("postcode or town"), max_length=40, blank=True)
    right_to_take_part = models.BooleanField(
        _("right to take part in the UK"), null=True, blank=True
    )
    interests = models.JSONField(_("interests"), default=list, blank=True)
    career_aspiration = models.CharField(
        _("career you are aiming for"), max_length=20, choices=JobFamily.choices, blank=True
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    availability = models.JSONField(_("weekly free time"), default=list, blank=True)
    heard_from = models.CharField(
        _("how you heard of the programme"), max_length=12, choices=HeardFrom.choices, blank=True
    )
    # The language the applicant used, for the emails she gets before she has an account.
    language = models.CharField(max_length=16, blank=True, verbose_name=_("language"))
    consent_given_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("consent given at")
    )
    complete = models.BooleanField(
        default=False, help_text=_("Every question answered."), verbose_name=_("complete")
    )
    submitted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("submitted at"))
    eligible = models.BooleanField(null=True, blank=True, verbose_name=_("eligible"))
    # Eligibility as decided at submission: the failed rules ({"code", "params"}) and the
    # codes of the criteria met. Never the answers themselves.
    failures = models.JSONField(default=list, blank=True, verbose_name=_("failures"))
    criteria_met = models.JSONField(default=list, blank=True, verbose_name=_("criteria met"))
    referred_by = models.ForeignKey(
        "people.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("referred by"),
    )
    referred_by_user = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referred by user"),
    )
    offered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("offered at"))
    offer_deadline = models.DateField(null=True, blank=True, verbose_name=_("offer deadline"))
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("accepted at"))
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        help_text=_("Who the applicant became once she accepted."),
        verbose_name=_("person"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    history = HistoricalRecords(bases=[HistoryActor])
    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "-submitted_at", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "email"], name="application_one_per_email"),
        ]
        indexes = [models.Index(fields=["cohort", "stage"])]

    def __str__(self) -> str:
        return f"{self.name} — {self.cohort}"

    def get_absolute_url(self) -> str:
        return reverse("applications:detail", args=[self.pk])

    @property
    def stage_tone(self) -> str:
        return STAGE_TONES.get(Stage(self.stage), "info")

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES


class ApplicationEvidence(models.Model):
    """The eligibility evidence of one application: identifiable, so no history, readable
    by impact admins alone, and deleted by the data-minimisation job."""

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="evidence",
        verbose_name=_("application"),
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    parental_occupation = models.CharField(
        _("main earner's job when you were about 14"),
        max_length=20,
        choices=DiversityProfile.ParentalOccupation.choices,
        blank=True,
    )
    school_type = models.CharField(
        _("school you attended"),
        max_length=24,
        choices=DiversityProfile.SchoolType.choices,
        blank=True,
    )
    free_school_meals = models.CharField(
        _("eligible for free school meals"), max_length=10, choices=ANSWER.choices, blank=True
    )
    first_generation_university = models.CharField(
        _("first in family at university"), max_length=10, choices=ANSWER.choices, blank=True
    )

    class Meta:
        verbose_name_plural = _("application evidence")

    def __str__(self) -> str:
        return f"Evidence of application #{self.application_id}"

    def background(self) -> dict[str, str]:
        return {q: getattr(self, q) for q in BACKGROUND_QUESTIONS}

    def answers(self, right_to_take_part: bool | None) -> eligibility.Answers:
        return eligibility.Answers(
            date_of_birth=self.date_of_birth,
            right_to_take_part=right_to_take_part,
            background=self.background(),
        )


class ApplicationTally(models.Model):
    """Counts that outlive the evidence: per cohort, how many applications had each stage,
    each failed rule, each criterion met and each answer to the background questions.
    Written once per cohort by the data-minimisation job, before it deletes anything."""

    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.CASCADE,
        related_name="application_tallies",
        verbose_name=_("cohort"),
    )
    measure = models.CharField(max_length=40, verbose_name=_("measure"))
    value = models.CharField(max_length=40, verbose_name=_("value"))
    count = models.PositiveIntegerField(verbose_name=_("count"))
    counted_at = models.DateTimeField(verbose_name=_("counted at"))

    class Meta:
        verbose_name_plural = _("application tallies")
        ordering = ["cohort", "measure", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "measure", "value"], name="application_tally_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cohort}: {self.measure}={self.value} ({self.count})"
