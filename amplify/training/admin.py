"""Mentor training in the admin: curricula, settings, activities, codes of conduct (a
version is never edited once published: a change is a new version), acceptances and
background-check records."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from amplify.home.history_admin import HistoryAdmin
from amplify.training.models import (
    Activity,
    BackgroundCheck,
    CodeAcceptance,
    CodeOfConduct,
    Module,
    TrainingSettings,
)


@admin.register(TrainingSettings)
class TrainingSettingsAdmin(HistoryAdmin):
    list_display = [
        "programme",
        "require_safeguarding",
        "require_code_of_conduct",
        "require_background_check",
    ]
    autocomplete_fields = ["programme"]
    list_select_related = ["programme"]


@admin.register(Module)
class ModuleAdmin(HistoryAdmin):
    list_display = ["title", "programme", "hours", "safeguarding", "self_paced", "position"]
    list_filter = ["programme", "safeguarding"]
    search_fields = ["title"]
    autocomplete_fields = ["programme"]
    raw_id_fields = ["events"]
    list_select_related = ["programme"]


@admin.register(Activity)
class ActivityAdmin(HistoryAdmin):
    list_display = ["person", "module", "status", "marked_at", "verified_by", "verified_at"]
    list_filter = ["status", "module__programme"]
    search_fields = ["person__name", "module__title"]
    raw_id_fields = ["module", "person", "verified_by"]
    list_select_related = ["person", "module", "verified_by"]


@admin.register(CodeOfConduct)
class CodeOfConductAdmin(admin.ModelAdmin):
    list_display = ["programme", "version", "published_at", "published_by"]
    list_filter = ["programme"]
    raw_id_fields = ["published_by"]
    list_select_related = ["programme", "published_by"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Mentors accepted this text: a change is a new version, not an edit.
        if obj is not None and obj.acceptances.exists():
            return ["programme", "version", "text"]
        return []


@admin.register(CodeAcceptance)
class CodeAcceptanceAdmin(admin.ModelAdmin):
    list_display = ["person", "code", "accepted_at"]
    list_filter = ["code__programme"]
    search_fields = ["person__name"]
    raw_id_fields = ["code", "person"]
    list_select_related = ["person", "code__programme"]


@admin.register(BackgroundCheck)
class BackgroundCheckAdmin(HistoryAdmin):
    list_display = ["person", "programme", "kind", "status", "checked_on", "expires_on"]
    list_filter = ["status", "kind", "programme"]
    search_fields = ["person__name", "reference"]
    raw_id_fields = ["person", "verified_by"]
    autocomplete_fields = ["programme"]
    list_select_related = ["person", "programme"]
