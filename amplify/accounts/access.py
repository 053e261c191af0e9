"""Who may reach a page: every view declares a policy, and a test walks the URL patterns to
prove none is left without one.

Pages use one of these decorators. Each also leaves `may_open(user)` on the view, the same
check as a function, so the navigation shows a link exactly when its page would let the user
in (amplify/home/navigation.py). Object-level checks (may this user manage *this* cohort?)
happen inside the view with `require()` after the object was fetched through `for_user()`,
so an object the user may not see is a 404 and one they may see but not change is a 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import resolve
from django.utils.translation import gettext as _
from django_htmx.middleware import HtmxDetails

from amplify.accounts.models import User

View = TypeVar("View", bound=Callable[..., HttpResponse])


class AuthedRequest(HttpRequest):
    """The request a signed-in-only view receives: its user is a real account."""

    user: User
    htmx: HtmxDetails


def public(view: View) -> View:
    """Anyone, signed in or not."""
    view.access_policy = "public"  # type: ignore[attr-defined]
    view.may_open = lambda user: True  # type: ignore[attr-defined]
    return view


def signed_in(view: View) -> View:
    """Any signed-in user; the view shows only what `for_user()` lets them see."""
    wrapped: Any = login_required(view)
    wrapped.access_policy = "signed in, objects scoped by for_user()"
    wrapped.may_open = lambda user: bool(user.is_authenticated)
    return wrapped


def permission(perm: str) -> Callable[[View], View]:
    """Signed-in users holding a global `rules` permission, e.g. "people.import_people"."""

    def decorator(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            require(request.user, perm)
            return view(request, *args, **kwargs)

        wrapped = login_required(checked)
        wrapped.access_policy = f"permission {perm}"  # type: ignore[attr-defined]
        wrapped.may_open = lambda user: bool(  # type: ignore[attr-defined]
            user.is_authenticated and user.has_perm(perm)
        )
        return wrapped  # type: ignore[return-value]

    return decorator


def role(check: Callable[[Any], bool], label: Any) -> Callable[[View], View]:
    """Signed-in users for whom `check(user)` holds, e.g. impact admins. Unlike
    `permission()`, administrators are not let through automatically."""

    def decorator(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not check(request.user):
                raise PermissionDenied(_("Only %(label)s may open this page.") % {"label": label})
            return view(request, *args, **kwargs)

        wrapped = login_required(checked)
        wrapped.access_policy = f"role: {label}"  # type: ignore[attr-defined]
        wrapped.may_open = lambda user: bool(  # type: ignore[attr-defined]
            user.is_authenticated and check(user)
        )
        return wrapped  # type: ignore[return-value]

    return decorator


def may_open(user: Any, url: str) -> bool:
    """Whether the page at `url` would let `user` in, asked of the page's own decorator.
    (Object-level checks inside a view are not known here: menus link to list pages.)"""
    view = resolve(url).func
    check = getattr(view, "may_open", None)
    if check is None:
        raise LookupError(f"{url} declares no access policy with may_open()")
    return bool(check(user))


def require(user: Any, perm: str, obj: object | None = None) -> None:
    """Raise 403 unless the user holds `perm` (on `obj`, when given). No message naming the
    permission: the 403 page and the API's error explain it in plain words."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied()
