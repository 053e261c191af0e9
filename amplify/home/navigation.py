"""The menu for the signed-in user: each link is shown exactly when its page would let her in.

Whether a page lets someone in is asked of the page itself (`may_open`, left by its access
decorator in amplify/accounts/access.py; the admin's own `has_permission` for the admin), so
the menu and the pages cannot disagree about a role.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from amplify.accounts.access import may_open


@dataclass(frozen=True)
class Link:
    title: Any  # a lazy translation
    url_name: str
    icon: str


MAIN = [
    Link(_("Home"), "home:index", "home"),
    Link(_("Programmes"), "programmes:list", "programmes"),
    Link(_("People"), "people:list", "people"),
    Link(_("Events"), "events:list", "calendar"),
    Link(_("Item bank"), "surveys:items", "programmes"),
    Link(_("Impact"), "impact:organisation", "programmes"),
    Link(_("Referrals"), "applications:referrals", "people"),
    Link(_("Import people"), "people:imports", "upload"),
    Link(_("Diversity data"), "diversity:index", "shield"),
    Link(_("Giving"), "giving:list", "programmes"),
    Link(_("Benefits"), "benefits:list", "shield"),
    Link(_("Data requests"), "privacy:requests", "shield"),
]
ACCOUNT = [
    Link(_("Matching profile"), "matching:profile", "match"),
    Link(_("Your outcomes"), "outcomes:mine", "programmes"),
    Link(_("My nominations"), "nominations:mine", "programmes"),
    Link(_("Coaching"), "coaching:coachees", "people"),
    Link(_("Your rankings"), "matching:rankings", "match"),
    Link(_("Volunteer as a mentor"), "volunteering:index", "people"),
    Link(_("Mentor training"), "training:mine", "match"),
    Link(_("My showcase slots"), "showcase:mine", "programmes"),
    Link(_("Talent book"), "talentbook:mine", "programmes"),
    Link(_("Your data"), "privacy:mine", "shield"),
    Link(_("API tokens"), "accounts:tokens", "key"),
    Link(_("Security"), "mfa_index", "lock"),
]


def _shown(request: HttpRequest, url: str) -> bool:
    if url == reverse("admin:index"):
        return admin.site.has_permission(request)
    return may_open(request.user, url)


def menu(request: HttpRequest, *, profile_url: str | None) -> list[dict[str, Any]]:
    """The menu's entries, as the layout renders them: links, and the label of the account
    section. `profile_url` is the user's own person page, when she has one."""
    main = [(link.title, reverse(link.url_name), link.icon) for link in MAIN]
    account = [(link.title, reverse(link.url_name), link.icon) for link in ACCOUNT]
    if profile_url is not None:
        account.insert(0, (_("My profile"), profile_url, "user"))
    account.append((_("Admin"), reverse("admin:index"), "settings"))
    main = [entry for entry in main if _shown(request, entry[1])]
    account = [entry for entry in account if entry[1] == profile_url or _shown(request, entry[1])]

    # The longest matching link is the current one ("/people/imports/" beats "/people/").
    path = request.path
    matches = [
        url
        for _title, url, _icon in main + account
        if (path == url if url == "/" else path.startswith(url))
    ]
    here = max(matches, key=len) if matches else None

    def item(title: Any, url: str, icon: str) -> dict[str, Any]:
        return {"title": title, "url": url, "icon": icon, "current": url == here}

    items = [item(*entry) for entry in main]
    if account:
        items.append({"title": _("Account"), "label_only": True})
        items += [item(*entry) for entry in account]
    return items
