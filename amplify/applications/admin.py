from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from amplify.applications.models import (
    Application,
    ApplicationEvidence,
    ApplicationSettings,
    ApplicationTally,
)
from amplify.home.history_admin import HistoryAdmin


class EvidenceInline(admin.StackedInline):
    """The eligibility evidence: on the page of impact admins alone (not administrators,
    as for the diversity data it becomes)."""

    model = ApplicationEvidence
    extra = 0
    can_delete = False


@admin.register(Application)
class ApplicationAdmin(HistoryAdmin):
    list_display = ["name", "email", "cohort", "stage", "eligible", "referred_by", "submitted_at"]
    list_filter = ["stage", "eligible", "complete", "cohort__programme"]
    search_fields = ["name", "email", "cohort__name"]
    autocomplete_fields = ["cohort", "person"]
    list_select_related = ["cohort", "referred_by"]
    readonly_fields = ["failures", "criteria_met", "submitted_at", "accepted_at", "offered_at"]

    def get_inlines(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        return [EvidenceInline] if request.user.has_perm("applications.view_evidence") else []


@admin.register(ApplicationSettings)
class ApplicationSettingsAdmin(HistoryAdmin):
    list_display = ["cohort", "min_age", "max_age", "acceptance_days", "retention_days"]
    autocomplete_fields = ["cohort"]


@admin.register(ApplicationTally)
class ApplicationTallyAdmin(admin.ModelAdmin):
    list_display = ["cohort", "measure", "value", "count", "counted_at"]
    list_filter = ["measure"]
    search_fields = ["cohort__name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
