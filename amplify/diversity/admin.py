from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from amplify.diversity.models import DiversityProfile


@admin.register(DiversityProfile)
class DiversityProfileAdmin(SimpleHistoryAdmin):
    """Open only to impact admins with admin access: administrators do not see it unless they
    hold the impact-admin role too."""

    list_display = ["__str__", "gender", "parental_occupation", "consent_to_matching", "updated_at"]
    autocomplete_fields = ["person"]

    def _allowed(self, request: HttpRequest) -> bool:
        return bool(
            request.user.is_active
            and request.user.is_staff
            and getattr(request.user, "is_impact_admin", False)
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    # The history pages hold the same data: the same rule, whatever
    # SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS says (a superuser holds every model
    # permission, the historical model's included).
    def has_view_history_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_change_history_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return DiversityProfile.objects.for_user(request.user)
