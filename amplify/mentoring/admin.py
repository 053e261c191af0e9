"""The admin shows the relationships' records as numbers, dates and states; never a goal's
words, a progress note, a comment or a request's note: those are for the two people of the
pair (the admin is open to whoever holds admin access, and a second way into them would
bypass the pages' checks). Goals have history, but the admin does not show it (the
historical rows hold the text). The agreement's wording is the programme's, shown in full.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from amplify.home.history_admin import HistoryAdmin
from amplify.mentoring.models import (
    AgreementAcceptance,
    AgreementVersion,
    EndRequest,
    Goal,
    GoalComment,
    GoalUpdate,
    Relationship,
)


class _ReadOnly(admin.ModelAdmin):
    """Records made through the product's services: nothing to add, change or delete here
    (a closure goes through its service, which ends the pair and tells everyone)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.fields or []


@admin.register(AgreementVersion)
class AgreementVersionAdmin(_ReadOnly):
    fields = [
        "programme",
        "number",
        "expectations",
        "confidentiality",
        "meetings",
        "concerns",
        "published_at",
        "published_by",
    ]
    list_display = ["programme", "number", "published_at", "published_by"]
    list_filter = ["programme"]
    list_select_related = ["programme", "published_by"]


@admin.register(Relationship)
class RelationshipAdmin(HistoryAdmin, _ReadOnly):
    fields = [
        "pairing",
        "agreement",
        "started_on",
        "active_since",
        "closed_at",
        "closed_by",
        "closure_reason",
        "closure_note",
    ]
    list_display = ["pairing", "started_on", "active_since", "closed_at", "closure_reason"]
    list_filter = ["closure_reason", "pairing__cohort"]
    list_select_related = ["pairing__mentor", "pairing__mentee", "pairing__cohort"]


@admin.register(AgreementAcceptance)
class AgreementAcceptanceAdmin(_ReadOnly):
    fields = ["relationship", "person", "agreement", "accepted_at"]
    list_display = ["person", "relationship", "agreement", "accepted_at"]
    list_select_related = ["person", "relationship__pairing__mentor", "agreement__programme"]


@admin.register(EndRequest)
class EndRequestAdmin(_ReadOnly):
    # No note: it was written to the programme manager, who reads it on the pair's page.
    fields = ["relationship", "requested_by", "requested_at", "reason", "status", "decided_at"]
    list_display = ["__str__", "requested_by", "requested_at", "reason", "status"]
    list_filter = ["status", "reason"]
    list_select_related = ["requested_by", "relationship"]


@admin.register(Goal)
class GoalAdmin(_ReadOnly):
    fields = ["pairing", "progress", "target_date", "created_at", "updated_at"]
    list_display = ["__str__", "pairing", "progress", "target_date", "updated_at"]
    list_select_related = ["pairing__mentor", "pairing__mentee", "pairing__cohort"]


@admin.register(GoalUpdate)
class GoalUpdateAdmin(_ReadOnly):
    fields = ["goal", "progress", "by", "at"]
    list_display = ["goal", "progress", "by", "at"]
    list_select_related = ["goal", "by"]


@admin.register(GoalComment)
class GoalCommentAdmin(_ReadOnly):
    fields = ["goal", "author", "at"]
    list_display = ["__str__", "goal", "author", "at"]
    list_select_related = ["goal", "author"]
