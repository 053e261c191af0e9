"""Matching in the admin: for support and audit. Runs and groups are changed through the
review pages (which keep the proof honest), so their results are read-only here."""

from django.contrib import admin

from amplify.home.history_admin import HistoryAdmin
from amplify.matching.models import (
    GroupingRun,
    GroupRule,
    HomeGroup,
    MatchingRun,
    MatchProfile,
    PairRule,
    ProposedPair,
    Ranking,
)


@admin.register(MatchProfile)
class MatchProfileAdmin(HistoryAdmin):
    list_display = ["person", "job_family", "seniority", "meeting_format", "capacity", "updated_at"]
    list_filter = ["job_family", "seniority", "meeting_format"]
    search_fields = ["person__name", "person__email"]
    autocomplete_fields = ["person", "aspired_division"]
    list_select_related = ["person"]


@admin.register(PairRule)
class PairRuleAdmin(HistoryAdmin):
    list_display = ["cohort", "kind", "mentor", "mentee", "note", "created_by", "created_at"]
    list_filter = ["kind", "cohort__programme"]
    search_fields = ["mentor__name", "mentee__name", "cohort__name"]
    autocomplete_fields = ["cohort", "mentor", "mentee"]
    readonly_fields = ["created_by"]
    list_select_related = ["cohort", "mentor", "mentee", "created_by"]


class ProposedPairInline(admin.TabularInline):
    model = ProposedPair
    extra = 0
    can_delete = False
    fields = readonly_fields = ("mentor", "mentee", "score", "locked", "pairing")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


PRIVATE_PAIR_FIELDS = ["private_score", "private_breakdown"]
SNAPSHOT_NOTE = (
    " The snapshot itself is not shown: consented background in it is held only as tokens "
    "that mean nothing outside the run."
)


@admin.register(MatchingRun)
class MatchingRunAdmin(HistoryAdmin):
    list_display = [
        "__str__",
        "kind",
        "mode",
        "status",
        "matched_count",
        "mentee_count",
        "total_score",
        "certified",
        "created_at",
    ]
    list_filter = ["status", "kind", "mode", "certified", "cohort__programme"]
    search_fields = ["cohort__name"]
    list_select_related = ["cohort"]
    exclude = ["inputs"]
    readonly_fields = [f.name for f in MatchingRun._meta.fields if f.name != "inputs"] + [
        "snapshot"
    ]
    inlines = [ProposedPairInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    @admin.display(description="inputs")
    def snapshot(self, obj: MatchingRun) -> str:
        inputs = obj.inputs or {}
        return (
            f"{len(inputs.get('mentors', []))} mentors, {len(inputs.get('mentees', []))} "
            f"mentees, {len(inputs.get('locked', []))} locked and "
            f"{len(inputs.get('excluded', []))} excluded pairs." + SNAPSHOT_NOTE
        )


@admin.register(ProposedPair)
class ProposedPairAdmin(admin.ModelAdmin):
    list_display = ["run", "mentor", "mentee", "score", "locked", "pairing"]
    list_filter = ["locked", "run__status"]
    search_fields = ["mentor__name", "mentee__name"]
    list_select_related = ["run__cohort", "mentor", "mentee", "pairing"]
    # The private criterion (shared background) is for the mentee alone, with her mentor's
    # consent: never shown here.
    exclude = PRIVATE_PAIR_FIELDS
    readonly_fields = [
        f.name for f in ProposedPair._meta.fields if f.name not in PRIVATE_PAIR_FIELDS
    ]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(GroupRule)
class GroupRuleAdmin(HistoryAdmin):
    list_display = ["cohort", "kind", "first", "second", "created_at"]
    list_filter = ["kind"]
    search_fields = ["first__name", "second__name", "cohort__name"]
    autocomplete_fields = ["cohort", "first", "second"]
    readonly_fields = ["created_by"]
    list_select_related = ["cohort", "first", "second"]


class HomeGroupInline(admin.TabularInline):
    model = HomeGroup
    extra = 0
    can_delete = False
    fields = readonly_fields = ("name", "band", "number")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(GroupingRun)
class GroupingRunAdmin(HistoryAdmin):
    list_display = ["__str__", "status", "min_size", "max_size", "created_at", "published_at"]
    list_filter = ["status", "cohort__programme"]
    search_fields = ["cohort__name"]
    list_select_related = ["cohort"]
    exclude = ["inputs"]
    readonly_fields = [f.name for f in GroupingRun._meta.fields if f.name != "inputs"] + [
        "snapshot"
    ]
    inlines = [HomeGroupInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    @admin.display(description="inputs")
    def snapshot(self, obj: GroupingRun) -> str:
        inputs = obj.inputs or {}
        return (
            f"{len(inputs.get('members', []))} participants, "
            f"{len(inputs.get('together', []))} kept together and "
            f"{len(inputs.get('apart', []))} kept apart." + SNAPSHOT_NOTE
        )


@admin.register(HomeGroup)
class HomeGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "run", "band", "number"]
    list_filter = ["band", "run__status"]
    search_fields = ["name", "members__name"]
    list_select_related = ["run__cohort"]
    readonly_fields = ["run", "band", "number", "balance"]
    autocomplete_fields = ["members"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(Ranking)
class RankingAdmin(HistoryAdmin):
    list_display = ["cohort", "person", "side", "position", "ranked", "created_at"]
    list_filter = ["side", "cohort__programme"]
    search_fields = ["person__name", "ranked__name", "cohort__name"]
    autocomplete_fields = ["cohort", "person", "ranked"]
    list_select_related = ["cohort", "person", "ranked"]
