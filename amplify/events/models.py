"""A cohort's events (launch, global week, showcase, workshops) with RSVP and attendance."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.models import sees_every_programme, sees_nothing
from amplify.home.history_actor import HistoryActor
from amplify.home.links import WebLinkField
from amplify.programmes.models import Cohort, Enrolment


def _for_audience(enrolments: QuerySet[Enrolment]) -> Q:
    """Events whose audience takes in one of these enrolments (its cohort, its role)."""
    q = Q()
    for audience in Event.Audience:
        roles = AUDIENCE_ROLES[audience]
        chosen = enrolments if roles is None else enrolments.filter(role__in=roles)
        q |= Q(audience=audience, cohort_id__in=chosen.values("cohort_id"))
    return q


class EventQuerySet(models.QuerySet["Event"]):
    def for_user(self, user: Any) -> EventQuerySet:
        """Events of the cohorts the user may see that are for her: its managers see all of
        a cohort's events, members those whose audience takes in their role."""
        if sees_nothing(user):
            return self.none()
        visible = self.filter(cohort_id__in=Cohort.objects.for_user(user).values("pk"))
        if sees_every_programme(user):
            return visible
        return visible.filter(
            Q(cohort_id__in=Cohort.objects.managed_by(user).values("pk"))
            | _for_audience(Enrolment.objects.filter(person__user=user))
        )

    def upcoming(self, *, now: datetime) -> EventQuerySet:
        return self.filter(ends_at__gte=now).order_by("starts_at")

    def past(self, *, now: datetime) -> EventQuerySet:
        return self.filter(ends_at__lt=now).order_by("-starts_at")

    def attended_by(self, user: Any) -> EventQuerySet:
        """Events the user is invited to, i.e. may RSVP to: she is actively enrolled in the
        cohort in a role the event's audience takes in."""
        return self.filter(_for_audience(Enrolment.objects.active().filter(person__user=user)))

    def on_agenda_of(self, user: Any) -> EventQuerySet:
        """The events that concern the user: those she may reply to, those of the cohorts she
        runs, and, for whoever oversees every programme (administrators, impact admins), all
        of them. The home page and the events page both list these."""
        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user):
            return self.all()
        # Her active enrolments, through the audience rule (a mentee is not on a mentors-only
        # training's agenda), and every event of the cohorts she runs.
        return self.filter(
            _for_audience(Enrolment.objects.active().filter(person__user=user))
            | Q(cohort_id__in=Cohort.objects.managed_by(user).values("pk"))
        )

    def with_rsvp_counts(self) -> EventQuerySet:
        return self.annotate(
            going_count=Count("rsvps", filter=Q(rsvps__response=Rsvp.Response.GOING)),
            attended_count=Count("rsvps", filter=Q(rsvps__attended=True)),
        )


class Event(models.Model):
    class Kind(models.TextChoices):
        LAUNCH = "launch", _("Launch")
        GLOBAL_WEEK = "global_week", _("Global week")
        SHOWCASE = "showcase", _("Showcase")
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Training")
        OTHER = "other", _("Other")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Audience(models.TextChoices):
        """Who is invited: who sees the event, may reply and is counted as a guest."""

        EVERYONE = "everyone", _("Everyone in the cohort")
        MENTORS = "mentors", _("Mentors only")
        MENTEES = "mentees", _("Mentees only")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="events", verbose_name=_("cohort")
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    title = models.CharField(max_length=160, verbose_name=_("title"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    starts_at = models.DateTimeField(verbose_name=_("starts at"))
    ends_at = models.DateTimeField(verbose_name=_("ends at"))
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        help_text=_("Where the event happens; times show in it."),
        verbose_name=_("time zone"),
    )
    format = models.CharField(max_length=12, choices=Format.choices, verbose_name=_("format"))
    # Set from the kind when the event is scheduled (default_audience) unless the manager
    # chooses; never left to a database default, so that the rule is in one place.
    audience = models.CharField(max_length=12, choices=Audience.choices, verbose_name=_("audience"))
    venue = models.CharField(max_length=200, blank=True, verbose_name=_("venue"))
    online_url = WebLinkField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_("Most people who can say they are going; empty = no limit."),
        verbose_name=_("capacity"),
    )

    history = HistoricalRecords(bases=[HistoryActor])
    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    @staticmethod
    def default_audience(*, kind: str, cohort: Cohort) -> str:
        """The one rule for whom an event is for when its manager does not say: training is
        for the mentors (those the programme trains before matching), if the programme has
        mentors; everything else is for everyone in the cohort."""
        if kind == Event.Kind.TRAINING and Enrolment.Role.MENTOR in cohort.programme.roles:
            return Event.Audience.MENTORS
        return Event.Audience.EVERYONE

    @property
    def is_for_everyone(self) -> bool:
        return self.audience == Event.Audience.EVERYONE

    def invitees(self) -> QuerySet[Enrolment]:
        """The active enrolments invited: those who may reply."""
        enrolments = Enrolment.objects.active().filter(cohort_id=self.cohort_id)
        roles = AUDIENCE_ROLES[Event.Audience(self.audience)]
        return enrolments if roles is None else enrolments.filter(role__in=roles)


# The roles each audience takes in (None: every role).
AUDIENCE_ROLES: dict[Event.Audience, tuple[str, ...] | None] = {
    Event.Audience.EVERYONE: None,
    Event.Audience.MENTORS: (Enrolment.Role.MENTOR,),
    Event.Audience.MENTEES: (Enrolment.Role.MENTEE,),
}


class RsvpQuerySet(models.QuerySet["Rsvp"]):
    def for_user(self, user: Any) -> RsvpQuerySet:
        """A person's own replies, and every reply to events of cohorts the user manages."""
        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user):
            return self.all()
        return self.filter(
            Q(person__user=user)
            | Q(event__cohort_id__in=Cohort.objects.managed_by(user).values("pk"))
        )


class Rsvp(models.Model):
    class Response(models.TextChoices):
        GOING = "going", _("Going")
        MAYBE = "maybe", _("Maybe")
        NOT_GOING = "not_going", _("Not going")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="rsvps", verbose_name=_("event")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="rsvps", verbose_name=_("person")
    )
    response = models.CharField(
        max_length=12, choices=Response.choices, null=True, blank=True, verbose_name=_("response")
    )
    responded_at = models.DateTimeField(null=True, blank=True, verbose_name=_("responded at"))
    attended = models.BooleanField(
        null=True, blank=True, help_text=_("Recorded after the event."), verbose_name=_("attended")
    )

    history = HistoricalRecords(bases=[HistoryActor])
    objects = RsvpQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="rsvp_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.event}: {self.get_response_display()}"
