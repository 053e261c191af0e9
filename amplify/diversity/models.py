"""Diversity and socioeconomic data, kept apart from the profile.

Only impact admins may read or change these records: every queryset goes through
`for_user()`, the admin checks the same rule, and no other app may import this one (an
import-linter contract). Reports elsewhere receive only aggregated, suppressed counts.
The socioeconomic questions follow the UK Social Mobility Commission's measures.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from amplify.accounts.types import Viewer
from amplify.home.history_actor import HistoryActor


class DiversityProfileQuerySet(models.QuerySet["DiversityProfile"]):
    def for_user(self, user: Viewer) -> DiversityProfileQuerySet:
        if not user.is_authenticated or not user.is_impact_admin:
            return self.none()
        return self.all()

    def delete(self) -> tuple[int, dict[str, int]]:
        """Withdrawn consent leaves nothing behind: the history goes with the profiles.

        Deleting through the collector already sends `post_delete` for each profile (which
        purges its history, see `purge_history`); this also covers a delete that would skip
        the signals."""
        ids = list(self.values_list("pk", flat=True))
        result = super().delete()
        DiversityProfile.history.filter(id__in=ids).delete()
        return result


class DiversityProfile(models.Model):
    class Answer(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNKNOWN = "unknown", _("Don't know")
        DECLINED = "declined", _("Prefer not to say")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        NON_BINARY = "non_binary", _("Non-binary")
        SELF_DESCRIBED = "self_described", _("Self-described")
        DECLINED = "declined", _("Prefer not to say")

    class ParentalOccupation(models.TextChoices):
        # The SMC's recommended measure: the main earner's job when the person was about 14.
        PROFESSIONAL = "professional", _("Modern or traditional professional, senior manager")
        INTERMEDIATE = "intermediate", _("Clerical, intermediate, small business owner")
        WORKING_CLASS = (
            "working_class",
            _("Technical, craft, routine or semi-routine, never worked"),
        )
        OTHER = "other", _("Other, or not applicable")
        DECLINED = "declined", _("Prefer not to say")

    class SchoolType(models.TextChoices):
        STATE_NON_SELECTIVE = "state_non_selective", _("State-run, non-selective")
        STATE_SELECTIVE = "state_selective", _("State-run, selective on academic criteria")
        INDEPENDENT = "independent", _("Independent or fee-paying")
        INDEPENDENT_BURSARY = "independent_bursary", _("Independent with a 90%+ bursary")
        ABROAD = "abroad", _("Attended school outside the UK")
        DECLINED = "declined", _("Prefer not to say")

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="diversity_profile",
        verbose_name=_("person"),
    )
    gender = models.CharField(
        max_length=20, choices=Gender.choices, blank=True, verbose_name=_("gender")
    )
    gender_self_description = models.CharField(
        max_length=100, blank=True, verbose_name=_("gender self description")
    )
    ethnicity = models.CharField(max_length=100, blank=True, verbose_name=_("ethnicity"))
    disability = models.CharField(
        max_length=10, choices=Answer.choices, blank=True, verbose_name=_("disability")
    )
    lgbtq = models.CharField(_("LGBTQ+"), max_length=10, choices=Answer.choices, blank=True)
    parental_occupation = models.CharField(
        max_length=20,
        choices=ParentalOccupation.choices,
        blank=True,
        verbose_name=_("parental occupation"),
    )
    school_type = models.CharField(
        max_length=24, choices=SchoolType.choices, blank=True, verbose_name=_("school type")
    )
    free_school_meals = models.CharField(
        _("eligible for free school meals"), max_length=10, choices=Answer.choices, blank=True
    )
    first_generation_university = models.CharField(
        _("first in family at university"), max_length=10, choices=Answer.choices, blank=True
    )
    consent_recorded_at = models.DateTimeField(
        help_text=_("When the person agreed to this data being held."),
        verbose_name=_("consent recorded at"),
    )
    consent_to_matching = models.BooleanField(
        default=False,
        help_text=_("The person allows the stated preferences to be used in matching."),
        verbose_name=_("consent to matching"),
    )
    share_with_mentor = models.JSONField(
        _("would like a mentor who shares"),
        default=list,
        blank=True,
        help_text=_(
            "Up to two of: gender, parental_occupation, first_generation_university, "
            "lgbtq, disability. Used only with consent to matching."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    # cascade_delete_history: deleting a profile (one, a queryset, or by cascade from the
    # person) deletes its history instead of adding a last "deleted" row holding the data.
    history = HistoricalRecords(bases=[HistoryActor], cascade_delete_history=True)
    objects = DiversityProfileQuerySet.as_manager()

    class Meta:
        permissions = [("view_identifiable", "May read identifiable diversity data")]

    def __str__(self) -> str:
        return f"Diversity profile #{self.pk}"


@receiver(post_delete, sender=DiversityProfile, dispatch_uid="diversity-purge-history")
def purge_history(
    sender: type[DiversityProfile], instance: DiversityProfile, **kwargs: Any
) -> None:
    """Every path that deletes a profile (admin, bulk action, cascade from the person,
    service, queryset) ends here, once per profile: its history rows go too, even when
    django-simple-history is switched off (`SIMPLE_HISTORY_ENABLED`) and would skip its own
    cascade."""
    DiversityProfile.history.using(kwargs.get("using")).filter(id=instance.pk).delete()


class AccessRecordQuerySet(models.QuerySet["AccessRecord"]):
    def for_user(self, user: Viewer) -> AccessRecordQuerySet:
        """Impact admins alone read the access log, as they alone read the profiles."""
        if not user.is_authenticated or not user.is_impact_admin:
            return self.none()
        return self.all()


class AccessRecord(models.Model):
    """One read of one person's identifiable diversity profile: who read it, when, and
    through which route. Written only by `diversity_access_record`; append-only.

    The single change ever made to a record is erasure of its subject
    (`diversity_erase_for_person`): `subject` becomes empty and the record stays, because
    who read special-category data, and when, must stay accountable. A record without a
    subject reads as "an erased person". Both links are one-way (`related_name="+"`), so
    nothing on a person or an account (admin lookups included) reveals that a record exists.
    """

    class Route(models.TextChoices):
        PAGE_LIST = "page:list", _("Diversity data page (list)")
        PAGE_PROFILE = "page:profile", _("Diversity profile page")
        API_PROFILE = "api:profile", _("API: one profile")
        ADMIN_LIST = "admin:list", _("Admin: profile list")
        ADMIN_CHANGE = "admin:change", _("Admin: profile page")
        ADMIN_HISTORY = "admin:history", _("Admin: profile history")
        EXPORT = "export", _("Export for the person (subject access)")

    read_at = models.DateTimeField(
        default=timezone.now, db_index=True, editable=False, verbose_name=_("read at")
    )
    reader = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
        verbose_name=_("reader"),
    )
    subject = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
        help_text=_("Whose profile was read; empty once that person is erased."),
        verbose_name=_("subject"),
    )
    route = models.CharField(
        max_length=20, choices=Route.choices, editable=False, verbose_name=_("route")
    )

    objects = AccessRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-read_at", "-pk"]
        indexes = [
            models.Index(fields=["subject", "read_at"], name="diversity_access_subject"),
            models.Index(fields=["reader", "read_at"], name="diversity_access_reader"),
        ]

    def __str__(self) -> str:
        return f"Access #{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValueError("Access records are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("Access records are append-only.")
