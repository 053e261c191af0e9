from django.contrib import admin

from amplify.experiments.models import Comment, Evidence, Experiment, Story
from amplify.home.history_admin import HistoryAdmin


@admin.register(Experiment)
class ExperimentAdmin(HistoryAdmin):
    list_display = ["title", "owner", "sponsor", "cohort", "stage", "decision"]
    list_filter = ["stage", "decision", "cohort__programme"]
    search_fields = ["title", "owner__name", "sponsor__name"]
    autocomplete_fields = ["owner", "sponsor", "cohort", "country", "division"]
    list_select_related = ["owner", "sponsor", "cohort"]
    # The stage moves have rules (amplify.experiments.services): their times are kept here,
    # not typed.
    readonly_fields = [
        "submitted_at",
        "approved_at",
        "started_at",
        "learning_at",
        "decided_at",
        "updated_at",
    ]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin[Comment]):
    list_display = ["__str__", "experiment", "returned", "created_at"]
    list_filter = ["returned"]
    search_fields = ["body", "experiment__title", "author__name"]
    autocomplete_fields = ["experiment", "author"]
    list_select_related = ["experiment", "author"]


@admin.register(Evidence)
class EvidenceAdmin(HistoryAdmin):
    list_display = ["title", "experiment", "added_by", "added_at"]
    search_fields = ["title", "experiment__title"]
    autocomplete_fields = ["experiment", "added_by"]
    list_select_related = ["experiment", "added_by"]


@admin.register(Story)
class StoryAdmin(HistoryAdmin):
    list_display = ["title", "person", "cohort", "consent_to_share"]
    list_filter = ["consent_to_share", "cohort__programme"]
    search_fields = ["title", "person__name"]
    autocomplete_fields = ["person", "cohort", "experiment"]
    readonly_fields = ["consented_at"]
