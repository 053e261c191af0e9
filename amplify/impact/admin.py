"""The impact admin: the indicator library (with history), published reports (what was
published is kept as it was: read only here) and report PDFs."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from amplify.home.history_admin import HistoryAdmin
from amplify.impact.models import Indicator, ReportPDF, Snapshot


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin):
    list_display = ["key", "name", "kind", "programme_kind", "phase", "active", "position"]
    list_filter = ["kind", "programme_kind", "active"]
    search_fields = ["key", "name", "definition"]
    raw_id_fields = ["item"]


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    list_display = ["title", "scope", "version", "published_at", "published_by"]
    list_filter = ["scope"]
    raw_id_fields = ["programme", "cohort", "published_by"]
    readonly_fields = [
        "scope",
        "programme",
        "cohort",
        "version",
        "payload",
        "published_by",
        "published_at",
    ]

    def has_add_permission(self, request: Any) -> bool:
        # A snapshot is made by publishing (amplify.impact.snapshots), never typed in.
        return False


@admin.register(ReportPDF)
class ReportPDFAdmin(admin.ModelAdmin):
    list_display = ["cohort", "language", "status", "progress", "requested_at", "finished_at"]
    list_filter = ["status", "language"]
    raw_id_fields = ["cohort", "snapshot", "requested_by"]
    readonly_fields = ["status", "stage", "progress", "failure", "pdf", "finished_at"]
