from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from amplify.accounts.models import User
from amplify.diversity import services
from amplify.diversity.models import AccessRecord, DiversityProfile
from amplify.home.history_admin import HistoryAdmin


def _impact_admin_with_admin_access(request: HttpRequest) -> bool:
    return bool(
        request.user.is_active
        and request.user.is_staff
        and getattr(request.user, "is_impact_admin", False)
    )


@admin.register(DiversityProfile)
class DiversityProfileAdmin(HistoryAdmin):
    """Open only to impact admins with admin access: administrators do not see it unless they
    hold the impact-admin role too. Every page showing profiles is recorded in the access
    log."""

    list_display = ["__str__", "gender", "parental_occupation", "consent_to_matching", "updated_at"]
    autocomplete_fields = ["person"]

    def _allowed(self, request: HttpRequest) -> bool:
        return _impact_admin_with_admin_access(request)

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
        if not isinstance(request.user, User):  # signed out: nothing, as for_user gives
            return DiversityProfile.objects.none()
        return DiversityProfile.objects.for_user(request.user)

    # Reads are recorded where the admin builds what it shows, not by overriding its views
    # (whose URL callbacks then stay Django's own, under the admin's access policy).
    def get_changelist_instance(self, request: HttpRequest) -> Any:
        changelist = super().get_changelist_instance(request)
        if request.method == "GET":
            self._record(request, changelist.result_list, AccessRecord.Route.ADMIN_LIST)
        return changelist

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> Any:
        if obj is not None:
            self._record(request, [obj], AccessRecord.Route.ADMIN_CHANGE)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def render_history_view(
        self, request: HttpRequest, template: str, context: dict[str, Any], **kwargs: Any
    ) -> HttpResponse:
        # The history list ("object") and one past version ("original").
        obj = context.get("object") or context.get("original")
        if obj is not None:
            self._record(request, [obj], AccessRecord.Route.ADMIN_HISTORY)
        return super().render_history_view(request, template, context, **kwargs)

    def _record(self, request: HttpRequest, shown: Any, route: AccessRecord.Route) -> None:
        services.diversity_access_record(
            reader=request.user,  # type: ignore[arg-type]
            person_ids=[profile.person_id for profile in shown],
            route=route,
        )


@admin.register(AccessRecord)
class AccessRecordAdmin(admin.ModelAdmin):
    """The access log: impact admins with admin access may read it; no one may add, change
    or delete a record."""

    list_display = ["read_at", "reader", "subject", "route"]
    list_filter = ["route"]
    list_select_related = ["reader", "subject"]
    date_hierarchy = "read_at"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _impact_admin_with_admin_access(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _impact_admin_with_admin_access(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        if not isinstance(request.user, User):  # signed out: nothing, as for_user gives
            return AccessRecord.objects.none()
        return AccessRecord.objects.for_user(request.user)
