"""Django's model permissions, loaded in one query instead of two.

Every page asks `has_perm` for its navigation ("Import people", "Data requests"); for a
member the `rules` backend says no, so Django's ModelBackend loads the account's model
permissions: one query for those given to the account and one for its groups', on every
page. This backend, listed just before ModelBackend, loads the same set with one query and
leaves it where ModelBackend caches its own (`user._perm_cache`), so ModelBackend answers
from it. It authenticates no one: sign-in and sessions stay with ModelBackend."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import Q


class ModelPermissionsInOneQuery:
    # No get_user(): a session is never tied to this backend (force_login and login() pick
    # the first backend that has one).
    def authenticate(self, *args: Any, **kwargs: Any) -> None:
        return None

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        # The same set, and the same cache, as ModelBackend.get_all_permissions.
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                permissions = Permission.objects.all()
            else:
                permissions = Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
            user_obj._perm_cache = {
                f"{app_label}.{codename}"
                for app_label, codename in permissions.values_list(
                    "content_type__app_label", "codename"
                ).distinct()
            }
        return user_obj._perm_cache
