from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from amplify.core.outcomes import during_programme
from amplify.home.history_admin import HistoryAdmin
from amplify.outcomes.models import Outcome, OutcomeRequest, ShowcaseProject


@admin.register(Outcome)
class OutcomeAdmin(HistoryAdmin):
    list_display = ["__str__", "cohort", "happened_on", "during_programme", "verification"]
    list_filter = ["kind", "verification", "during_programme", "cohort__programme"]
    search_fields = ["person__name", "organisation"]
    autocomplete_fields = ["person", "cohort"]
    list_select_related = ["person", "cohort"]
    # Files are opened through the outcome's page (which checks who may read it), not the
    # admin's media link; who recorded and confirmed it is history, not an edit.
    readonly_fields = [
        "during_programme",
        "evidence_file",
        "recorded_by",
        "recorded_at",
        "verified_by",
        "verified_at",
    ]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Computed from the cohort's dates, never typed: an edited date or cohort recomputes it.
        cohort = obj.cohort if obj.cohort_id else None
        obj.during_programme = (
            during_programme(obj.happened_on, starts_on=cohort.starts_on, ends_on=cohort.ends_on)
            if cohort is not None
            else None
        )
        super().save_model(request, obj, form, change)


@admin.register(OutcomeRequest)
class OutcomeRequestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "round", "due_on", "sent_at"]
    list_filter = ["round", "cohort__programme"]
    search_fields = ["person__name", "cohort__name"]
    raw_id_fields = ["person", "cohort"]
    list_select_related = ["person", "cohort"]


@admin.register(ShowcaseProject)
class ShowcaseProjectAdmin(HistoryAdmin):
    list_display = ["title", "person", "cohort", "updated_at"]
    search_fields = ["title", "person__name"]
    autocomplete_fields = ["person", "cohort"]
    raw_id_fields = ["event"]
    list_select_related = ["person", "cohort"]
    readonly_fields = ["file"]
