"""What every page's layout needs: the signed-in person and the navigation for their role."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def _role_label(user: Any) -> str:
    if user.is_superuser:
        return "Administrator"
    if user.role != user.Role.MEMBER:
        return str(user.get_role_display())
    return "Member"


def navigation(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {"site_name": settings.SITE_NAME}
    user = request.user
    if not user.is_authenticated:
        return context
    from amplify.people.models import Person

    person = Person.objects.filter(user=user).only("pk", "name", "preferred_name").first()
    items: list[tuple[str, str, str]] = [
        ("Home", reverse("home:index"), "home"),
        ("Programmes", reverse("programmes:list"), "programmes"),
        ("People", reverse("people:list"), "people"),
        ("Events", reverse("events:list"), "calendar"),
    ]
    if user.has_perm("people.import_people"):
        items.append(("Import people", reverse("people:imports"), "upload"))
    if user.is_impact_admin:
        items.append(("Diversity data", reverse("diversity:index"), "shield"))
    if user.has_perm("privacy.handle_requests"):
        items.append(("Data requests", reverse("privacy:requests"), "shield"))
    account: list[tuple[str, str, str]] = []
    if person is not None:
        account.append(("My profile", reverse("people:detail", args=[person.pk]), "user"))
        account.append(("Matching profile", reverse("matching:profile"), "match"))
        account.append(("Your data", reverse("privacy:mine"), "shield"))
    account += [
        ("API tokens", reverse("accounts:tokens"), "key"),
        ("Security", reverse("mfa_index"), "lock"),
    ]
    if user.is_staff:
        account.append(("Admin", reverse("admin:index"), "settings"))

    path = request.path

    def current(url: str) -> bool:
        return path == url if url == "/" else path.startswith(url)

    # The longest matching link is the current one ("/people/imports/" beats "/people/").
    matches = [url for _, url, _ in items + account if current(url)]
    here = max(matches, key=len) if matches else None
    nav = [{"title": t, "url": u, "icon": i, "current": u == here} for t, u, i in items]
    nav.append({"title": "Account", "label_only": True})
    nav += [{"title": t, "url": u, "icon": i, "current": u == here} for t, u, i in account]
    context.update(nav_items=nav, nav_person=person, nav_role_label=_role_label(user))
    return context
