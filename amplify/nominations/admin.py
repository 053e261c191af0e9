"""The nominations admin. Decisions go through the selection board (it enrols the selected
and tells the nominee), so the statuses and who decided are read-only here."""

from __future__ import annotations

from django.contrib import admin

from amplify.home.history_admin import HistoryAdmin
from amplify.nominations.models import Nomination


@admin.register(Nomination)
class NominationAdmin(HistoryAdmin):
    list_display = ["nominee", "cohort", "status", "self_nominated", "nominated_by", "created_at"]
    list_filter = ["status", "self_nominated", "seniority", "cohort__programme"]
    search_fields = ["nominee__name", "nominated_by__name"]
    autocomplete_fields = ["cohort", "nominee", "nominated_by"]
    list_select_related = ["nominee", "cohort", "nominated_by"]
    readonly_fields = [
        "status",
        "self_nominated",
        "decided_by",
        "decided_at",
        "endorsed_by",
        "endorsed_at",
        "withdrawn_at",
        "created_at",
    ]
