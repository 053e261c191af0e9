"""The talent book admin. An issued book's content is what it printed: read only here."""

from __future__ import annotations

from django.contrib import admin

from amplify.home.history_admin import HistoryAdmin
from amplify.talentbook.models import Book, BookEntry, Interest, TalentPage


@admin.register(TalentPage)
class TalentPageAdmin(HistoryAdmin):
    list_display = ["person", "cohort", "in_book", "updated_at"]
    list_filter = ["in_book", "cohort"]
    search_fields = ["person__name"]
    raw_id_fields = ["person", "cohort"]


@admin.register(Book)
class BookAdmin(HistoryAdmin):
    list_display = ["title", "version", "status", "people_count", "issued_at"]
    list_filter = ["status", "programme"]
    raw_id_fields = ["programme", "cohort", "created_by", "issued_by"]
    readonly_fields = [
        "scope",
        "status",
        "stage",
        "progress",
        "failure",
        "pdf",
        "snapshot",
        "people_count",
        "issued_at",
        "issued_by",
        "finished_at",
        "heartbeat_at",
    ]


@admin.register(BookEntry)
class BookEntryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "book", "position"]
    raw_id_fields = ["book", "person", "page"]
    readonly_fields = ["content"]


@admin.register(Interest)
class InterestAdmin(HistoryAdmin):
    list_display = ["executive", "person", "book", "created_at"]
    raw_id_fields = ["book", "person", "executive"]
