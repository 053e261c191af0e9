"""Erasure requests and the erasure log (UK GDPR art. 17).

A row holds no personal data: an opaque reference, when it was asked for and carried out,
the staff account that carried it out, and a link to the person row — which, once erased,
names nobody (name, email, account and free text are gone; see `erasure.py`).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from amplify.accounts.models import sees_every_programme, sees_nothing
from amplify.accounts.types import Viewer


class ErasureQuerySet(models.QuerySet["Erasure"]):
    def pending(self) -> ErasureQuerySet:
        return self.filter(status=Erasure.Status.REQUESTED)

    def done(self) -> ErasureQuerySet:
        return self.filter(status=Erasure.Status.DONE)

    def for_user(self, user: Viewer) -> ErasureQuerySet:
        """Administrators and impact admins see every request and the log; a person sees
        her own request."""
        if sees_nothing(user):
            return self.none()
        if sees_every_programme(user):
            return self.all()
        return self.filter(person__user=user)


class Erasure(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        DONE = "done", _("Erased")

    reference = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Opaque: names nobody."),
        verbose_name=_("reference"),
    )
    person = models.OneToOneField(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.REQUESTED, verbose_name=_("status")
    )
    requested_by_person = models.BooleanField(
        default=False,
        help_text=_("The person asked through Amplify (not staff on her behalf)."),
        verbose_name=_("requested by person"),
    )
    requested_at = models.DateTimeField(null=True, blank=True, verbose_name=_("requested at"))
    erased_at = models.DateTimeField(null=True, blank=True, verbose_name=_("erased at"))
    erased_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("erased by"),
    )

    objects = ErasureQuerySet.as_manager()

    class Meta:
        ordering = ["-erased_at", "-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="requested") | Q(erased_at__isnull=False),
                name="erasure_done_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"Erasure {self.short_reference} ({self.get_status_display()})"

    @property
    def short_reference(self) -> str:
        return self.reference.hex[:12]
