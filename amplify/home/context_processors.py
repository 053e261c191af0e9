"""What every page's layout needs: the signed-in person and the navigation for their role."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from amplify.home.locale import language_choices, layout_person


def _role_label(user: Any) -> str:
    if user.is_superuser:
        return _("Administrator")
    return str(user.get_role_display())


def navigation(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {
        "site_name": settings.SITE_NAME,
        "language_choices": language_choices(),
    }
    user = request.user
    if not user.is_authenticated:
        return context
    person = layout_person(request)
    items: list[tuple[str, str, str]] = [
        (_("Home"), reverse("home:index"), "home"),
        (_("Programmes"), reverse("programmes:list"), "programmes"),
        (_("People"), reverse("people:list"), "people"),
        (_("Events"), reverse("events:list"), "calendar"),
    ]
    if user.has_perm("people.import_people"):
        items.append((_("Import people"), reverse("people:imports"), "upload"))
    if user.is_impact_admin:
        items.append((_("Diversity data"), reverse("diversity:index"), "shield"))
    if user.has_perm("privacy.handle_requests"):
        items.append((_("Data requests"), reverse("privacy:requests"), "shield"))
    account: list[tuple[str, str, str]] = []
    if person is not None:
        account.append((_("My profile"), reverse("people:detail", args=[person.pk]), "user"))
        account.append((_("Matching profile"), reverse("matching:profile"), "match"))
        account.append((_("Your data"), reverse("privacy:mine"), "shield"))
    account += [
        (_("API tokens"), reverse("accounts:tokens"), "key"),
        (_("Security"), reverse("mfa_index"), "lock"),
    ]
    if user.is_staff:
        account.append((_("Admin"), reverse("admin:index"), "settings"))

    path = request.path

    def current(url: str) -> bool:
        return path == url if url == "/" else path.startswith(url)

    # The longest matching link is the current one ("/people/imports/" beats "/people/").
    matches = [url for _title, url, _icon in items + account if current(url)]
    here = max(matches, key=len) if matches else None
    nav = [{"title": t, "url": u, "icon": i, "current": u == here} for t, u, i in items]
    nav.append({"title": _("Account"), "label_only": True})
    nav += [{"title": t, "url": u, "icon": i, "current": u == here} for t, u, i in account]
    context.update(nav_items=nav, nav_person=person, nav_role_label=_role_label(user))
    return context
