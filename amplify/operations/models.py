"""The one table periodic work needs: when each periodic job is next due, and who holds it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicLease(models.Model):
    """One row per registered periodic job. A run claims the row with a conditional UPDATE
    (due, and not leased to a live run), so two runs at once never do the same work twice; a
    lease that outlives a killed run expires on its own."""

    name = models.CharField(max_length=100, primary_key=True, verbose_name=_("name"))
    due_at = models.DateTimeField(verbose_name=_("due at"))
    leased_until = models.DateTimeField(null=True, blank=True, verbose_name=_("leased until"))
    holder = models.CharField(max_length=64, blank=True, verbose_name=_("holder"))
    last_started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last started at"))
    last_finished_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("last finished at")
    )
    last_error = models.TextField(blank=True, verbose_name=_("last error"))

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
