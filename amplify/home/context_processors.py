"""What every page's layout needs: the signed-in person and the navigation for their role."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

from amplify.home.locale import language_choices, layout_person
from amplify.home.navigation import menu


def _role_label(user: Any) -> str:
    if user.is_superuser:
        return _("Administrator")
    if user.role != user.Role.MEMBER:
        return str(user.get_role_display())
    return _("Member")


def navigation(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {
        "site_name": settings.SITE_NAME,
        "language_choices": language_choices(),
    }
    user = request.user
    if not user.is_authenticated:
        return context
    person = layout_person(request)
    profile_url = person.get_absolute_url() if person is not None else None
    context.update(
        nav_items=menu(request, profile_url=profile_url),
        nav_person=person,
        nav_role_label=_role_label(user),
    )
    return context
