"""A busy database answers 503 with a message, never a hang followed by a 500.

On SQLite a write waits for another writer up to the busy timeout (SQLITE_BUSY_TIMEOUT) and
then fails with "database is locked". Nothing of the request was saved (its transaction rolled
back), so the honest answer is "busy, try again", for pages and the API alike.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 5


def is_database_busy(exc: BaseException | None) -> bool:
    return isinstance(exc, OperationalError) and "database is locked" in str(exc).lower()


def busy_message() -> str:
    return _(
        "Amplify is busy finishing another change (such as an import). Nothing from this "
        "request was saved: try again in a few seconds."
    )


def database_busy_response(request: HttpRequest) -> HttpResponse:
    """503 with a message: JSON for the API, a plain page otherwise. The page needs no
    database (no navigation, no session), since the database is what is busy."""
    response: HttpResponse
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"detail": busy_message()}, status=503)
    else:
        response = HttpResponse(
            render_to_string("home/busy.html", {"message": busy_message()}), status=503
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseBusyMiddleware:
    """Turns "database is locked" raised by a view into a 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_database_busy(exception):
            return database_busy_response(request)
        return None


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: the same 503 for a lock met outside a view (a middleware saving the
    session), otherwise the product's error page. It is rendered without the request (no
    context processors, no session, no database: any of them may be what failed)."""
    if is_database_busy(sys.exc_info()[1]):
        return database_busy_response(request)
    try:
        body = render_to_string(template_name, {"site_name": settings.SITE_NAME})
    except Exception:  # the page itself must never fail: Django's plain one then
        return django_server_error(request, template_name)
    return HttpResponse(body, status=500)
