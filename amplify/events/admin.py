from django.contrib import admin

from amplify.events.models import Event, Rsvp
from amplify.home.history_admin import HistoryAdmin


class RsvpInline(admin.TabularInline):
    model = Rsvp
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Event)
class EventAdmin(HistoryAdmin):
    list_display = ["title", "cohort", "kind", "format", "starts_at"]
    list_filter = ["kind", "format", "cohort__programme"]
    search_fields = ["title", "cohort__name"]
    autocomplete_fields = ["cohort"]
    inlines = [RsvpInline]


@admin.register(Rsvp)
class RsvpAdmin(HistoryAdmin):
    list_display = ["person", "event", "response", "attended", "responded_at"]
    list_filter = ["response", "attended"]
    search_fields = ["person__name", "event__title"]
    autocomplete_fields = ["person", "event"]
    list_select_related = ["person", "event"]
