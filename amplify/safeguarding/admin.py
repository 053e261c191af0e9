"""The admin shows that concerns exist and where they stand, never what they say.

The safe choice: the product's concern pages are for the programme's leads alone, and every
read there is recorded. The admin is for whoever holds admin access, which is not the same
people; letting a superuser who happens to be a lead read concerns there too would give a
second way in that bypasses the page's checks and record. So no admin page shows a
concern's content, its actions' notes, whom it was escalated to or its history (the
historical rows hold the text): only numbers, statuses, urgencies and times, read-only. An
opening of a concern's admin page is still recorded in its views.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin
from django.http import HttpRequest

from amplify.accounts.models import User
from amplify.home.history_admin import HistoryAdmin
from amplify.safeguarding.models import (
    Concern,
    ConcernAction,
    ConcernView,
    ContactSharing,
    Escalation,
    PairMessage,
    SafeguardingTeam,
)


@admin.register(SafeguardingTeam)
class SafeguardingTeamAdmin(HistoryAdmin):
    list_display = ["programme", "lead", "deputy", "time_zone"]
    autocomplete_fields = ["programme", "lead", "deputy"]
    list_select_related = ["programme", "lead", "deputy"]


class _ReadOnly(admin.ModelAdmin):
    """Metadata only, for administrators, and nothing to add, change or delete."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.fields or []


@admin.register(Concern)
class ConcernAdmin(_ReadOnly):
    # No content field, and no `about` or `raised_by`: who a concern is about is itself
    # sensitive. The leads read all of it on the concern's page.
    fields = ["programme", "status", "urgency", "raised_at", "deadline", "closed_at"]
    list_display = ["__str__", "programme", "status", "urgency", "raised_at", "deadline"]
    list_filter = ["status", "urgency", "programme"]
    list_select_related = ["programme"]

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> Any:
        if obj is not None and request.method == "GET":
            from amplify.safeguarding.services import concern_view_record

            viewer = cast(User, request.user)
            concern_view_record(concern=obj, viewer=viewer, route=ConcernView.Route.ADMIN)
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(ConcernAction)
class ConcernActionAdmin(_ReadOnly):
    fields = ["concern", "taken_by", "taken_at", "status"]
    list_display = ["__str__", "concern", "taken_by", "taken_at", "status"]
    list_select_related = ["concern", "taken_by"]


@admin.register(Escalation)
class EscalationAdmin(_ReadOnly):
    fields = ["concern", "urgency", "deadline", "escalated_by", "escalated_at"]
    list_display = ["__str__", "concern", "urgency", "deadline", "escalated_at"]
    list_select_related = ["concern", "escalated_by"]


@admin.register(ConcernView)
class ConcernViewAdmin(_ReadOnly):
    fields = ["concern", "viewer", "viewed_at", "route"]
    list_display = ["concern", "viewer", "viewed_at", "route"]
    list_filter = ["route"]
    list_select_related = ["concern", "viewer"]


@admin.register(ContactSharing)
class ContactSharingAdmin(_ReadOnly):
    # The phone number is for the other person of the pair, not for the admin.
    fields = ["pairing", "person", "shares_details"]
    list_display = ["person", "pairing", "shares_details"]
    list_select_related = ["person", "pairing"]


@admin.register(PairMessage)
class PairMessageAdmin(_ReadOnly):
    fields = ["pairing", "sender", "recipient", "sent_at"]
    list_display = ["sender", "recipient", "sent_at"]
    list_select_related = ["sender", "recipient"]
