"""The mentoring relationship: the agreement both people accept, the mentee's goals with
their progress and her mentor's comments, and how a relationship ends.

A goal's text (its title, why it matters, its success criterion, the progress notes and the
comments) is for the two people of the pair alone: their programme manager sees how many
goals there are and how far along they are, never what they say (`Goal.objects.for_user`
gives her nothing; `RelationshipQuerySet.goal_summaries` gives her the numbers).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.models import sees_nothing
from amplify.accounts.types import Viewer
from amplify.home.history_actor import HistoryActor
from amplify.programmes.models import Cohort, Pairing, Programme

TEXT_MAX_LENGTH = 5_000
TITLE_MAX_LENGTH = 200


class AgreementSection(models.TextChoices):
    EXPECTATIONS = "expectations", _("What we expect of each other")
    CONFIDENTIALITY = "confidentiality", _("Confidentiality and its limits")
    MEETINGS = "meetings", _("How often we meet")
    CONCERNS = "concerns", _("If something worries you")


# Amplify's standard wording, in each reader's language. A programme's own version may
# replace any section; a section it leaves blank keeps this text.
DEFAULT_AGREEMENT: dict[str, Any] = {
    AgreementSection.EXPECTATIONS: _(
        "We will treat each other with respect, arrive on time and prepared, and tell each "
        "other as early as we can when a meeting has to move. The mentee leads: she sets her "
        "own goals and decides what to work on. The mentor listens, asks questions, shares "
        "her experience and her network where it helps, and does not do the mentee's work "
        "for her. Either of us may say when something is not working."
    ),
    AgreementSection.CONFIDENTIALITY: _(
        "What we say to each other stays between us, and our goals and notes in Amplify are "
        "read by the two of us only. There is one limit: if either of us is worried that "
        "someone is at risk of harm, or hears of a crime, that worry is passed to the "
        "programme's safeguarding lead, and we will say so first whenever we safely can. "
        "Our programme manager sees that we meet and how far our goals have come, not what "
        "they say."
    ),
    AgreementSection.MEETINGS: _(
        "We meet every two weeks for about an hour, in person or online, for the whole of "
        "the cohort, unless our programme sets another rhythm. We log each meeting in "
        "Amplify so that the programme can see the pair is going well."
    ),
    AgreementSection.CONCERNS: _(
        "If something worries you — about your own safety, about the other person, or "
        "about how the mentoring is going — use “Raise a concern” in Amplify: it "
        "goes to the programme's safeguarding lead and deputy only. For anything else, talk "
        "to the programme manager. If someone is in immediate danger, call 999."
    ),
}


class AgreementVersion(models.Model):
    """One version of a programme's mentoring agreement. Versions are never changed: a new
    wording is a new version, and a relationship keeps the one its pair were asked to
    accept. Version 1 of every programme is Amplify's standard wording (all sections
    blank)."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="mentoring_agreements",
        verbose_name=_("programme"),
    )
    number = models.PositiveIntegerField(_("version"))
    expectations = models.TextField(
        _("what we expect of each other"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    confidentiality = models.TextField(
        _("confidentiality and its limits"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    meetings = models.TextField(
        _("how often we meet"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    concerns = models.TextField(
        _("if something worries you"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        ordering = ["programme", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="agreement_version_once"),
        ]

    def __str__(self) -> str:
        return _("%(programme)s agreement, version %(number)s") % {
            "programme": self.programme,
            "number": self.number,
        }

    def section_text(self, key: str) -> str:
        """The programme's own wording of a section, or Amplify's standard wording."""
        return getattr(self, key) or str(DEFAULT_AGREEMENT[key])

    def sections(self) -> list[tuple[str, str, bool]]:
        """(title, text, is the standard wording) for each section, in order."""
        return [
            (str(label), self.section_text(key), not getattr(self, key))
            for key, label in AgreementSection.choices
        ]


class AgreementState(models.TextChoices):
    """Where a pair stands with its agreement. Ended wins over everything else."""

    AWAITING_BOTH = "awaiting_both", _("Awaiting both")
    AWAITING_MENTOR = "awaiting_mentor", _("Awaiting mentor")
    AWAITING_MENTEE = "awaiting_mentee", _("Awaiting mentee")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class ClosureReason(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    WITHDREW = "withdrew", _("Withdrew")
    MOVED_AWAY = "moved_away", _("Moved away")
    SAFEGUARDING = "safeguarding", _("Safeguarding")
    OTHER = "other", _("Other")


@dataclass(frozen=True)
class GoalSummary:
    """What a manager sees of a pair's goals: numbers only."""

    goals: int = 0
    achieved: int = 0
    average_progress: int | None = None


def _accepted(role: str) -> Exists:
    return Exists(
        AgreementAcceptance.objects.filter(
            relationship__pairing=OuterRef("pk"), person=OuterRef(role)
        )
    )


class RelationshipQuerySet(models.QuerySet["Relationship"]):
    def for_user(self, user: Viewer) -> RelationshipQuerySet:
        """The relationships of the pairs the user may see (Pairing.objects.for_user): the
        two people, their cohort's managers, administrators and impact admins. What a
        relationship holds that is private to the pair is not on it (see Goal)."""
        if sees_nothing(user):
            return self.none()
        return self.filter(pairing__in=Pairing.objects.for_user(user))

    @staticmethod
    def pairings_with_agreement_state(pairings: Any) -> Any:
        """`pairings` (a Pairing QuerySet) annotated with `agreement_state`, an
        AgreementState value: ended when the pair ended or its cohort closed, active once
        both people accepted, else awaiting the one (or both) who has not. Still one query:
        compose it with the caller's own filters and annotations."""
        ended = Q(ended_on__isnull=False) | Q(cohort__status=Cohort.Status.CLOSED)
        return pairings.annotate(
            _mentor_accepted=_accepted("mentor"), _mentee_accepted=_accepted("mentee")
        ).annotate(
            agreement_state=models.Case(
                models.When(ended, then=models.Value(AgreementState.ENDED)),
                models.When(
                    _mentor_accepted=True,
                    _mentee_accepted=True,
                    then=models.Value(AgreementState.ACTIVE),
                ),
                models.When(
                    _mentor_accepted=True, then=models.Value(AgreementState.AWAITING_MENTEE)
                ),
                models.When(
                    _mentee_accepted=True, then=models.Value(AgreementState.AWAITING_MENTOR)
                ),
                default=models.Value(AgreementState.AWAITING_BOTH),
                output_field=models.CharField(),
            )
        )

    def agreement_states(self, *, cohort: Cohort) -> dict[int, str]:
        """Every pair of the cohort → its AgreementState value (`awaiting_both`,
        `awaiting_mentor`, `awaiting_mentee`, `active`, `ended`), in one query whatever the
        cohort's size. Pairs whose relationship was never opened are awaiting both (or
        ended). For the cohort health page: `states[pairing.pk]`."""
        pairings = self.pairings_with_agreement_state(Pairing.objects.filter(cohort=cohort))
        return dict(pairings.values_list("pk", "agreement_state"))

    def goal_summaries(self, *, cohort: Cohort) -> dict[int, GoalSummary]:
        """Every pair of the cohort that has goals → GoalSummary (how many, how many
        achieved, their average progress in percent), in one query. Numbers only: this is
        what a programme manager may know of a pair's goals. A pair without goals is not
        in the dict (use `.get(pk, GoalSummary())`)."""
        rows = (
            Goal.objects.filter(pairing__cohort=cohort)
            .values("pairing_id")
            .annotate(
                goals=Count("pk"),
                achieved=Count("pk", filter=Q(progress__gte=100)),
                average=Avg("progress"),
            )
            .order_by()
        )
        return {
            row["pairing_id"]: GoalSummary(
                goals=row["goals"],
                achieved=row["achieved"],
                average_progress=round(row["average"]) if row["average"] is not None else None,
            )
            for row in rows
        }


class Relationship(models.Model):
    """A published pair's mentoring relationship: the agreement its two people are asked to
    accept, when both had (active since), and how it was closed. Made when a match is
    published (or, for a pair made another way, the first time it is opened)."""

    pairing = models.OneToOneField(
        Pairing, on_delete=models.CASCADE, related_name="relationship", verbose_name=_("pairing")
    )
    agreement = models.ForeignKey(
        AgreementVersion,
        on_delete=models.PROTECT,
        related_name="relationships",
        verbose_name=_("agreement"),
    )
    started_on = models.DateField(_("started on"))
    active_since = models.DateTimeField(
        _("active since"),
        null=True,
        blank=True,
        help_text=_("When the second of the two people accepted the agreement."),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closure_reason = models.CharField(
        _("reason it ended"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    closure_note = models.TextField(
        _("closure note"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
        help_text=_("For the programme's records; not shown to the pair."),
    )

    history = HistoricalRecords(bases=[HistoryActor])
    objects = RelationshipQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "pk"]

    def __str__(self) -> str:
        return str(self.pairing)

    def get_absolute_url(self) -> str:
        return reverse("mentoring:pair", args=[self.pairing_id])

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def reason_for_the_pair(self) -> str:
        """The reason as the pair read it: a safeguarding closure is told as ended by the
        programme (the reason itself is for the programme and its leads)."""
        if self.closure_reason == ClosureReason.SAFEGUARDING:
            return str(_("Ended by the programme"))
        return self.get_closure_reason_display()


class AgreementAcceptance(models.Model):
    """One person's acceptance of her relationship's agreement: which version, and when."""

    relationship = models.ForeignKey(
        Relationship,
        on_delete=models.CASCADE,
        related_name="acceptances",
        verbose_name=_("relationship"),
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    agreement = models.ForeignKey(
        AgreementVersion,
        on_delete=models.PROTECT,
        related_name="acceptances",
        verbose_name=_("agreement version"),
    )
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)

    class Meta:
        ordering = ["accepted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "person", "agreement"], name="agreement_accepted_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.accepted_at:%Y-%m-%d}"


class EndRequest(models.Model):
    """One of the two people asking the programme manager to end the relationship. The
    manager confirms it (closing the relationship) or declines it, after talking to them."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the programme manager")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")

    relationship = models.ForeignKey(
        Relationship,
        on_delete=models.CASCADE,
        related_name="end_requests",
        verbose_name=_("relationship"),
    )
    requested_by = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("asked by")
    )
    requested_at = models.DateTimeField(_("asked at"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=20, choices=ClosureReason.choices)
    note = models.TextField(
        _("note"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    decided_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    history = HistoricalRecords(bases=[HistoryActor])

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # One open request per relationship: asking again (or both asking) adds nothing.
            models.UniqueConstraint(
                fields=["relationship"], condition=Q(status="open"), name="end_request_open_once"
            ),
        ]

    def __str__(self) -> str:
        return _("Request to end %(number)s") % {"number": self.pk}


class GoalQuerySet(models.QuerySet["Goal"]):
    def for_user(self, user: Viewer) -> GoalQuerySet:
        """The goals of the user's own pairs, as mentee or mentor. No one else reads a goal
        (managers and administrators see counts and progress: goal_summaries)."""
        if sees_nothing(user):
            return self.none()
        return self.filter(Q(pairing__mentor__user=user) | Q(pairing__mentee__user=user))


class Goal(models.Model):
    """A goal the mentee set herself, with a measurable success criterion and a target
    date; `progress` is her latest update (the updates keep the history)."""

    pairing = models.ForeignKey(
        Pairing, on_delete=models.CASCADE, related_name="goals", verbose_name=_("pairing")
    )
    title = models.CharField(_("goal"), max_length=TITLE_MAX_LENGTH)
    why_it_matters = models.TextField(
        _("why it matters"),
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    success_criterion = models.TextField(
        _("how I will know I got there"),
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
        help_text=_("Something you can count or see, e.g. “three applications sent”."),
    )
    target_date = models.DateField(_("target date"))
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    request_key = models.UUIDField(_("request key"), default=uuid.uuid4, editable=False)

    history = HistoricalRecords(bases=[HistoryActor])
    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["target_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pairing", "request_key"], name="goal_set_once"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="goal_progress_percent"),
        ]

    def __str__(self) -> str:
        # No text: lists, logs and the admin show this.
        return _("Goal %(number)s") % {"number": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("mentoring:goal", args=[self.pk])

    @property
    def is_achieved(self) -> bool:
        return self.progress >= 100

    def is_overdue(self, *, today: date) -> bool:
        return not self.is_achieved and self.target_date < today


class GoalUpdate(models.Model):
    """One progress update by the mentee: the new percentage and what happened."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="updates", verbose_name=_("goal")
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MaxValueValidator(100)]
    )
    note = models.TextField(
        _("note"),
        blank=True,
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    by = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    request_key = models.UUIDField(_("request key"), default=uuid.uuid4, editable=False)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "request_key"], name="goal_update_once"),
        ]

    def __str__(self) -> str:
        return f"{self.goal} — {self.progress}%"


class GoalComment(models.Model):
    """The mentor's (or the mentee's) comment on a goal."""

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="comments", verbose_name=_("goal")
    )
    author = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("author")
    )
    body = models.TextField(
        _("comment"), max_length=TEXT_MAX_LENGTH, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    request_key = models.UUIDField(_("request key"), default=uuid.uuid4, editable=False)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "request_key"], name="goal_comment_once"),
        ]

    def __str__(self) -> str:
        return _("Comment %(number)s") % {"number": self.pk}
