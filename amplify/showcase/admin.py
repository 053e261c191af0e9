"""The showcase admin. Judges, marks, publications and votes are made through the pages and
the API only, where the conflict-of-interest rule and the publication lock are checked:
here they are read-only records."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from amplify.home.history_admin import HistoryAdmin
from amplify.showcase.models import (
    AudienceVote,
    Criterion,
    JudgeAssignment,
    Publication,
    Rubric,
    Score,
    Slot,
)


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Rubric)
class RubricAdmin(HistoryAdmin):
    list_display = ["programme", "created_at"]
    list_select_related = ["programme"]
    inlines = [CriterionInline]


@admin.register(Criterion)
class CriterionAdmin(HistoryAdmin):
    list_display = ["name", "rubric", "position"]
    list_select_related = ["rubric__programme"]
    search_fields = ["name"]


@admin.register(Slot)
class SlotAdmin(HistoryAdmin):
    list_display = ["title", "event", "position", "starts_at", "ends_at", "room"]
    list_select_related = ["event"]
    list_filter = ["event__cohort"]
    search_fields = ["title"]
    readonly_fields = ["event", "experiment", "home_group"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(JudgeAssignment)
class JudgeAssignmentAdmin(ReadOnly, HistoryAdmin):
    list_display = ["slot", "judge", "assigned_at", "scored_at"]
    list_select_related = ["slot", "judge"]


@admin.register(Score)
class ScoreAdmin(ReadOnly, HistoryAdmin):
    list_display = ["assignment", "criterion", "value", "updated_at"]
    list_select_related = ["assignment__slot", "assignment__judge", "criterion"]


@admin.register(Publication)
class PublicationAdmin(ReadOnly, HistoryAdmin):
    list_display = ["event", "published_at", "published_by", "audience_vote_open"]
    list_select_related = ["event", "published_by"]


@admin.register(AudienceVote)
class AudienceVoteAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["event", "slot", "voted_at"]
    list_select_related = ["event", "slot"]
