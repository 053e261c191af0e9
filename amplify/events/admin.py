from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from amplify.events.models import ActivityGroup, Event, EventSession, Rsvp, SessionAttendance
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

    def get_inlines(self, request: HttpRequest, obj: Event | None) -> list[Any]:
        # Only a global week has a day-by-day agenda.
        if obj is not None and obj.kind == Event.Kind.GLOBAL_WEEK:
            return [RsvpInline, EventSessionInline]
        return [RsvpInline]


@admin.register(Rsvp)
class RsvpAdmin(HistoryAdmin):
    list_display = ["person", "event", "response", "attended", "responded_at"]
    list_filter = ["response", "attended"]
    search_fields = ["person__name", "event__title"]
    autocomplete_fields = ["person", "event"]
    list_select_related = ["person", "event"]


class EventSessionInline(admin.TabularInline):
    model = EventSession
    extra = 0
    fields = ["starts_at", "ends_at", "title", "place", "host", "activity"]


@admin.register(EventSession)
class EventSessionAdmin(HistoryAdmin):
    list_display = ["title", "event", "activity", "place", "starts_at", "ends_at"]
    list_filter = ["activity", "event__cohort__programme"]
    search_fields = ["title", "place", "host", "event__title"]
    autocomplete_fields = ["event"]
    list_select_related = ["event"]


@admin.register(SessionAttendance)
class SessionAttendanceAdmin(HistoryAdmin):
    list_display = ["person", "session", "attended", "recorded_at"]
    list_filter = ["attended"]
    search_fields = ["person__name", "session__title"]
    autocomplete_fields = ["person", "session"]
    list_select_related = ["person", "session"]


@admin.register(ActivityGroup)
class ActivityGroupAdmin(HistoryAdmin):
    list_display = ["name", "event"]
    search_fields = ["name", "event__title"]
    autocomplete_fields = ["event", "members"]
    list_select_related = ["event"]
