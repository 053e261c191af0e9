from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from amplify.applications.models import (
    Application,
    ApplicationEvidence,
    ApplicationSettings,
    ApplicationTally,
)
from amplify.applications.rules import may_read_evidence
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
        return [EvidenceInline] if may_read_evidence(request.user) else []


@admin.register(ApplicationEvidence)
class ApplicationEvidenceAdmin(admin.ModelAdmin):
    """Open only to impact admins with admin access, as the diversity profiles are."""

    list_display = ["__str__", "date_of_birth"]
    raw_id_fields = ["application"]

    def _allowed(self, request: HttpRequest) -> bool:
        return bool(request.user.is_staff and may_read_evidence(request.user))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


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
