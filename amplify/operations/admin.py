from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from amplify.operations.models import PeriodicLease


@admin.register(PeriodicLease)
class PeriodicLeaseAdmin(admin.ModelAdmin[PeriodicLease]):
    """When each periodic job last ran and how it ended: for looking, not for changing."""

    list_display = ["name", "due_at", "last_finished_at", "leased_until", "last_error"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
