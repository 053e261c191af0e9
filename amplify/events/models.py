"""A cohort's events (launch, global week, showcase, workshops, external speakers) with RSVP
and attendance; a global week's day-by-day sessions, their attendance and activity groups."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.models import sees_every_programme, sees_nothing
from amplify.accounts.types import Viewer
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
    def for_user(self, user: Viewer) -> EventQuerySet:
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
        SPEAKER = "speaker", _("External speaker")
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
    # An external speaker's talk ("exciting thinkers"): who speaks, in a line or two.
    speaker_name = models.CharField(max_length=160, blank=True, verbose_name=_("speaker"))
    speaker_bio = models.TextField(blank=True, verbose_name=_("about the speaker"))

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
    def for_user(self, user: Viewer) -> RsvpQuerySet:
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


def _managed_or_own(user: Any, *, cohort_path: str, person_path: str) -> Q:
    return Q(**{f"{person_path}__user": user}) | Q(
        **{f"{cohort_path}__in": Cohort.objects.managed_by(user).values("pk")}
    )


class EventSessionQuerySet(models.QuerySet["EventSession"]):
    def for_user(self, user: Viewer) -> EventSessionQuerySet:
        """The sessions of the events the user may see (an event's agenda is its guests')."""
        return self.filter(event_id__in=Event.objects.for_user(user).values("pk"))

    def with_attended_counts(self) -> EventSessionQuerySet:
        return self.annotate(
            attended_count=Count("attendance", filter=Q(attendance__attended=True))
        )


class EventSession(models.Model):
    """One item of a global week's day-by-day agenda."""

    class Activity(models.TextChoices):
        CHARITY = "charity", _("Working with a charity")
        NATURE = "nature", _("A day in nature (a forest)")
        STREET_THEATRE = "street_theatre", _("Street theatre with actors")
        SPEAKER = "speaker", _("An external speaker")
        WORKSHOP = "workshop", _("Workshop")
        CULTURE = "culture", _("Culture and the city")
        SOCIAL = "social", _("Meal or social")
        OTHER = "other", _("Other")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    starts_at = models.DateTimeField(verbose_name=_("starts at"))
    ends_at = models.DateTimeField(verbose_name=_("ends at"))
    title = models.CharField(max_length=160, verbose_name=_("title"))
    place = models.CharField(max_length=200, verbose_name=_("place"))
    host = models.CharField(
        max_length=160,
        blank=True,
        help_text=_("Who leads it: a charity, a guide, a company of actors, a speaker."),
        verbose_name=_("host"),
    )
    activity = models.CharField(max_length=20, choices=Activity.choices, verbose_name=_("activity"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_("Most people the session takes; empty = no limit."),
        verbose_name=_("capacity"),
    )

    history = HistoricalRecords(bases=[HistoryActor])
    objects = EventSessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event session")
        verbose_name_plural = _("event sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SessionAttendanceQuerySet(models.QuerySet["SessionAttendance"]):
    def for_user(self, user: Viewer) -> SessionAttendanceQuerySet:
        """A person's own attendance, and all of it for the managers of the cohort."""
        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user):
            return self.all()
        return self.filter(
            _managed_or_own(user, cohort_path="session__event__cohort_id", person_path="person")
        )


class SessionAttendance(models.Model):
    """Whether a member of the cohort came to one session, as its manager recorded it."""

    session = models.ForeignKey(
        EventSession,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("session"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="session_attendance",
        verbose_name=_("person"),
    )
    attended = models.BooleanField(verbose_name=_("attended"))
    recorded_at = models.DateTimeField(verbose_name=_("recorded at"))

    history = HistoricalRecords(bases=[HistoryActor])
    objects = SessionAttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("session attendance")
        verbose_name_plural = _("session attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="session_attendance_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.session}"


class ActivityGroupQuerySet(models.QuerySet["ActivityGroup"]):
    def for_user(self, user: Viewer) -> ActivityGroupQuerySet:
        """Every group of the week for the cohort's managers; her own group for a member."""
        if sees_nothing(user):
            return self.none()
        visible = self.filter(event_id__in=Event.objects.for_user(user).values("pk"))
        if sees_every_programme(user):
            return visible
        return visible.filter(
            Q(members__user=user)
            | Q(event__cohort_id__in=Cohort.objects.managed_by(user).values("pk"))
        ).distinct()


class ActivityGroup(models.Model):
    """The cohort's participants grouped for the week's activities."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="activity_groups", verbose_name=_("event")
    )
    name = models.CharField(max_length=80, verbose_name=_("name"))
    members = models.ManyToManyField(
        "people.Person", related_name="activity_groups", blank=True, verbose_name=_("members")
    )

    history = HistoricalRecords(bases=[HistoryActor])
    objects = ActivityGroupQuerySet.as_manager()

    class Meta:
        ordering = ["event", "pk"]
        verbose_name = _("activity group")
        verbose_name_plural = _("activity groups")
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="activity_group_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name
