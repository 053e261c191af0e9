from django.contrib import admin

from amplify.home.history_admin import HistoryAdmin
from amplify.volunteering.models import MentorOffer


@admin.register(MentorOffer)
class MentorOfferAdmin(HistoryAdmin):
    list_display = ["person", "cohort", "status", "capacity", "decided_by", "created_at"]
    list_filter = ["status", "cohort__programme"]
    search_fields = ["person__name", "person__email", "cohort__name"]
    autocomplete_fields = ["cohort", "person"]
    list_select_related = ["person", "cohort", "decided_by"]
    readonly_fields = ["decided_by", "decided_at", "enrolment"]
