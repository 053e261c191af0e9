from django.contrib import admin

from amplify.home.history_admin import HistoryAdmin
from amplify.programmes.models import Cohort, Enrolment, Pairing, Phase, Pillar, Programme


@admin.register(Pillar)
class PillarAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "position"]


@admin.register(Programme)
class ProgrammeAdmin(HistoryAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind", "pillars"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["managers"]
    filter_horizontal = ["pillars"]


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


@admin.register(Cohort)
class CohortAdmin(HistoryAdmin):
    list_display = ["name", "programme", "number", "starts_on", "ends_on", "status"]
    list_filter = ["programme", "status"]
    search_fields = ["name"]
    inlines = [PhaseInline]


@admin.register(Phase)
class PhaseAdmin(HistoryAdmin):
    list_display = ["name", "cohort", "starts_on", "ends_on"]
    list_filter = ["cohort__programme"]
    search_fields = ["name", "cohort__name"]
    autocomplete_fields = ["cohort"]


@admin.register(Enrolment)
class EnrolmentAdmin(HistoryAdmin):
    list_display = ["person", "cohort", "role", "status", "enrolled_at"]
    list_filter = ["role", "status", "cohort__programme", "cohort"]
    search_fields = ["person__name", "person__email", "cohort__name"]
    autocomplete_fields = ["person", "cohort"]
    list_select_related = ["person", "cohort"]


@admin.register(Pairing)
class PairingAdmin(HistoryAdmin):
    list_display = ["mentor", "mentee", "kind", "cohort", "started_on", "ended_on"]
    list_filter = ["kind", "cohort"]
    search_fields = ["mentor__name", "mentee__name"]
    autocomplete_fields = ["mentor", "mentee", "cohort"]
    list_select_related = ["mentor", "mentee", "cohort"]
