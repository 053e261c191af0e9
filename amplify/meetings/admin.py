"""The meetings admin. A meeting's notes are the pair's alone, so no admin page shows them
(its history keeps none either): dates, lengths, topics and confirmations only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from amplify.home.history_admin import HistoryAdmin
from amplify.meetings.models import CadenceNotice, Meeting, MeetingSettings, MeetingSlot


@admin.register(MeetingSettings)
class MeetingSettingsAdmin(HistoryAdmin):
    list_display = ["programme", "every_days", "duration_minutes", "nudge_days", "alert_days"]
    autocomplete_fields = ["programme"]
    list_select_related = ["programme"]


@admin.register(MeetingSlot)
class MeetingSlotAdmin(HistoryAdmin):
    # Changing a slot goes through the pair's page, which sends the calendar update; here
    # it is read-only so the admin cannot leave calendars out of step.
    list_display = ["pairing", "starts_at", "time_zone", "every_days", "sequence", "cancelled_at"]
    list_select_related = ["pairing__mentor", "pairing__mentee"]
    readonly_fields = [
        "pairing",
        "uid",
        "starts_at",
        "time_zone",
        "every_days",
        "duration_minutes",
        "until",
        "sequence",
        "chosen_by",
        "cancelled_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    exclude = ["notes"]
    list_display = ["pairing", "held_on", "duration_minutes", "mode", "confirmed_at"]
    list_filter = ["mode", "pairing__cohort"]
    list_select_related = ["pairing__mentor", "pairing__mentee"]
    autocomplete_fields = ["pairing", "logged_by", "confirmed_by"]
    date_hierarchy = "held_on"


@admin.register(CadenceNotice)
class CadenceNoticeAdmin(admin.ModelAdmin):
    """What the periodic job sent: a record, not for changing. Deleting one would let the
    job send that notice again, so nobody may."""

    list_display = ["pairing", "kind", "key", "sent_at", "recipients"]
    list_filter = ["kind"]
    list_select_related = ["pairing__mentor", "pairing__mentee"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
