"""The coaching admin. A session's coach notes are the coach's alone, so no admin page
shows them (its history keeps none either): dates, lengths, themes and actions only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from amplify.coaching.models import CoachingNotice, CoachingSession, CoachingSettings, PeerRound
from amplify.home.history_admin import HistoryAdmin


@admin.register(CoachingSettings)
class CoachingSettingsAdmin(HistoryAdmin):
    list_display = ["programme", "sessions_planned", "session_minutes", "round_every_days"]
    autocomplete_fields = ["programme"]
    list_select_related = ["programme"]


@admin.register(CoachingSession)
class CoachingSessionAdmin(HistoryAdmin):
    # Booking and moving a session go through the pair's page, which sends the calendar
    # messages; here it is read-only so the admin cannot leave calendars out of step.
    exclude = ["coach_notes"]
    list_display = ["pairing", "status", "starts_at", "held_on", "duration_minutes", "mode"]
    list_filter = ["status", "mode", "pairing__cohort"]
    list_select_related = ["pairing__mentor", "pairing__mentee"]
    readonly_fields = [
        "pairing",
        "status",
        "uid",
        "sequence",
        "starts_at",
        "minutes",
        "booked_by",
        "cancelled_at",
        "held_on",
        "duration_minutes",
        "mode",
        "themes",
        "actions",
        "logged_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(PeerRound)
class PeerRoundAdmin(HistoryAdmin):
    list_display = ["home_group", "held_on", "challenge_by", "theme"]
    list_filter = ["theme"]
    list_select_related = ["home_group", "challenge_by"]
    raw_id_fields = ["home_group", "challenge_by", "logged_by"]
    filter_horizontal = ["coaches"]


@admin.register(CoachingNotice)
class CoachingNoticeAdmin(admin.ModelAdmin):
    """What the periodic job sent: a record, not for changing. Deleting one would let the
    job send that nudge again, so nobody may."""

    list_display = ["kind", "cohort", "pairing", "home_group", "key", "sent_at", "recipients"]
    list_filter = ["kind"]
    list_select_related = ["cohort", "pairing__mentor", "pairing__mentee", "home_group"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
