"""The organisation (regions, countries, divisions, outreach partners) and its people.

A person is anyone who takes part: employees imported from the HR system (they have an
employee id) and external people (mentees, outside coaches, partner staff), who have none.
Diversity and socioeconomic data are not here: they live in the diversity app.
"""

from __future__ import annotations

from django.apps import apps
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.models import sees_every_programme, sees_nothing
from amplify.accounts.types import Viewer
from amplify.home.history_actor import HistoryActor
from amplify.home.links import WebLinkField

# The longest "about me" a person may write, by any way in (form, API, import).
BIO_MAX_LENGTH = 10_000


class Region(models.Model):
    code = models.CharField(max_length=8, primary_key=True, verbose_name=_("code"))
    name = models.CharField(max_length=64, unique=True, verbose_name=_("name"))

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Country(models.Model):
    code = models.CharField(_("ISO 3166-1 code"), max_length=2, primary_key=True)
    name = models.CharField(max_length=100, verbose_name=_("name"))
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="countries", verbose_name=_("region")
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name


class Language(models.Model):
    code = models.CharField(_("ISO 639-1 code"), max_length=2, primary_key=True)
    name = models.CharField(max_length=100, verbose_name=_("name"))

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Division(models.Model):
    name = models.CharField(max_length=120, unique=True, verbose_name=_("name"))
    slug = models.SlugField(max_length=120, unique=True, verbose_name=_("slug"))

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Partner(models.Model):
    """An external outreach organisation that refers young people to mentoring cohorts."""

    name = models.CharField(max_length=160, unique=True, verbose_name=_("name"))
    slug = models.SlugField(max_length=160, unique=True, verbose_name=_("slug"))
    website = WebLinkField(blank=True, verbose_name=_("website"))
    contact_email = models.EmailField(blank=True, verbose_name=_("contact email"))

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(models.QuerySet["Person"]):
    def employees(self) -> PersonQuerySet:
        return self.filter(employee_id__isnull=False)

    def externals(self) -> PersonQuerySet:
        return self.filter(employee_id__isnull=True)

    def search(self, text: str) -> PersonQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text)
            | Q(preferred_name__icontains=text)
            | Q(email__icontains=text)
            | Q(employee_id__iexact=text)
            | Q(job_title__icontains=text)
        )

    def for_user(self, user: Viewer) -> PersonQuerySet:
        """The people this user may see (docs/permissions.md says the same).

        Administrators, impact admins and programme managers see everyone. Anyone else sees
        themselves; people they are paired with; the staff of their cohorts (the programme's
        managers and anyone enrolled as the cohort's programme manager); the non-mentee
        members of cohorts they belong to in a non-mentee role (mentees are young external
        people: only their own mentor, coach and the cohort's staff see them, and a mentee
        sees no other member); everyone in cohorts they manage; and, for outreach partner
        staff, the people their organisation referred.
        """
        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user) or user.is_programme_manager:
            return self.all()
        Enrolment = apps.get_model("programmes", "Enrolment")
        Pairing = apps.get_model("programmes", "Pairing")
        Cohort = apps.get_model("programmes", "Cohort")
        Programme = apps.get_model("programmes", "Programme")
        mine = Person.objects.filter(user=user)
        my_enrolments = Enrolment.objects.filter(person__user=user)
        my_cohorts = my_enrolments.values("cohort_id")
        # Per cohort: a mentee of one cohort who is a participant of another sees the members
        # of the second only.
        as_member = my_enrolments.exclude(role=Enrolment.Role.MENTEE).values("cohort_id")
        managed = Cohort.objects.managed_by(user).values("pk")
        visible = (
            Q(user=user)
            | Q(pk__in=Pairing.objects.filter(mentor__user=user).values("mentee_id"))
            | Q(pk__in=Pairing.objects.filter(mentee__user=user).values("mentor_id"))
            | Q(
                pk__in=Enrolment.objects.filter(
                    cohort_id__in=my_cohorts, role=Enrolment.Role.PROGRAMME_MANAGER
                ).values("person_id")
            )
            | Q(
                pk__in=Programme.managers.through.objects.filter(
                    programme_id__in=Cohort.objects.filter(pk__in=my_cohorts).values("programme_id")
                ).values("person_id")
            )
            | Q(
                pk__in=Enrolment.objects.filter(cohort_id__in=as_member)
                .exclude(role=Enrolment.Role.MENTEE)
                .values("person_id")
            )
            | Q(pk__in=Enrolment.objects.filter(cohort_id__in=managed).values("person_id"))
        )
        if user.is_partner:
            partner_ids = mine.exclude(partner__isnull=True).values("partner_id")
            visible |= Q(referred_by_id__in=partner_ids) | Q(partner_id__in=partner_ids)
        return self.filter(visible)


class Person(models.Model):
    employee_id = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("From the HR system. Empty for external people (mentees, outside coaches)."),
        verbose_name=_("employee id"),
    )
    name = models.CharField(max_length=200, verbose_name=_("name"))
    preferred_name = models.CharField(max_length=100, blank=True, verbose_name=_("preferred name"))
    pronouns = models.CharField(max_length=40, blank=True, verbose_name=_("pronouns"))
    email = models.EmailField(unique=True, verbose_name=_("email"))
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("country"),
    )
    division = models.ForeignKey(
        Division,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("division"),
    )
    job_title = models.CharField(max_length=200, blank=True, verbose_name=_("job title"))
    manager = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("manager"),
    )
    languages = models.JSONField(
        default=list,
        blank=True,
        help_text=_("ISO 639-1 codes, most fluent first."),
        verbose_name=_("languages"),
    )
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        help_text=_("IANA name, e.g. Europe/London."),
        verbose_name=_("time zone"),
    )
    # The language the interface speaks to this person (a code from settings.LANGUAGES);
    # empty follows the browser (Accept-Language). Distinct from `languages`, the languages
    # she speaks, which matching uses.
    interface_language = models.CharField(
        _("interface language"),
        max_length=16,
        blank=True,
        # The HR importer writes people with its own SQL, which leaves this column out.
        default="",
        db_default="",
        help_text=_("The language Amplify speaks to you. Empty follows your browser."),
    )
    # TextField's max_length only sizes the form widget, so the validator enforces it; forms
    # and the API schema take the limit from here.
    bio = models.TextField(
        _("about me"),
        blank=True,
        max_length=BIO_MAX_LENGTH,
        validators=[MaxLengthValidator(BIO_MAX_LENGTH)],
        help_text=_("Who you are, what you bring, what you stand for."),
    )
    user = models.OneToOneField(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user"),
    )
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("For outreach-partner staff: the organisation they work for."),
        verbose_name=_("partner"),
    )
    referred_by = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        help_text=_("The outreach partner that referred this person."),
        verbose_name=_("referred by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    history = HistoricalRecords(bases=[HistoryActor])
    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(manager=models.F("pk")), name="person_not_own_manager"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("people:detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        return self.preferred_name or self.name

    @property
    def is_external(self) -> bool:
        return self.employee_id is None

    @property
    def initials(self) -> str:
        parts = [p for p in self.display_name.replace("-", " ").split() if p]
        return "".join(p[0] for p in parts[:2]).upper() or "?"


class PeopleImportQuerySet(models.QuerySet["PeopleImport"]):
    def for_user(self, user: Viewer) -> PeopleImportQuerySet:
        """Administrators see every import; programme managers see the ones they started."""
        if sees_nothing(user):
            return self.none()
        if user.is_superuser:
            return self.all()
        if user.is_programme_manager:
            return self.filter(uploaded_by=user)
        return self.none()


class PeopleImport(models.Model):
    """An HR-system export being checked (a dry run) and then imported.

    The file is kept in the database, not on disk, so a worker on another machine can read it.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be checked")
        CHECKING = "checking", _("Checking")
        INVALID = "invalid", _("Has errors")
        READY = "ready", _("Checked: ready to import")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    uploaded_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        related_name="people_imports",
        verbose_name=_("uploaded by"),
    )
    filename = models.CharField(max_length=255, verbose_name=_("filename"))
    content = models.BinaryField(editable=False, verbose_name=_("content"))
    size = models.PositiveIntegerField(verbose_name=_("size"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.QUEUED, verbose_name=_("status")
    )
    stage = models.CharField(max_length=120, blank=True, verbose_name=_("stage"))
    progress = models.PositiveSmallIntegerField(
        default=0, help_text=_("Percent of the stage."), verbose_name=_("progress")
    )
    rows_total = models.PositiveIntegerField(default=0, verbose_name=_("rows total"))
    create_count = models.PositiveIntegerField(default=0, verbose_name=_("create count"))
    update_count = models.PositiveIntegerField(default=0, verbose_name=_("update count"))
    unchanged_count = models.PositiveIntegerField(default=0, verbose_name=_("unchanged count"))
    error_count = models.PositiveIntegerField(default=0, verbose_name=_("error count"))
    errors = models.JSONField(default=list, blank=True, verbose_name=_("errors"))
    warnings = models.JSONField(default=list, blank=True, verbose_name=_("warnings"))
    preview = models.JSONField(default=list, blank=True, verbose_name=_("preview"))
    checked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("checked at"))
    committed_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("committed by"),
    )
    committed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("committed at"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finished at"))
    failure = models.TextField(blank=True, verbose_name=_("failure"))
    heartbeat_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Last sign of life from the worker on this import."),
        verbose_name=_("heartbeat at"),
    )
    claim = models.CharField(
        max_length=32,
        blank=True,
        editable=False,
        help_text=_("The attempt of the worker on this import (empty while none holds it)."),
        verbose_name=_("claim"),
    )
    file_deleted_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When retention deleted the file and its row details."),
        verbose_name=_("file deleted at"),
    )

    objects = PeopleImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("people:import", args=[self.pk])

    @property
    def is_working(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.CHECKING, self.Status.IMPORTING)

    @property
    def can_retry(self) -> bool:
        """A checked import whose writing failed (or whose worker stopped) can be committed
        again: it is re-checked against today's data first."""
        return (
            self.status == self.Status.FAILED
            and self.committed_at is not None
            and self.file_deleted_at is None
        )

    @property
    def change_count(self) -> int:
        return self.create_count + self.update_count
