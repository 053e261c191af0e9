"""The idle timeout, without writing the session on every request.

Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) made each signed-in page a
database write, so on SQLite one long write (an import) blocked every page. Instead the last
activity is kept in the session and written at most once a minute; a session idle for longer
than SESSION_COOKIE_AGE is ended here, whatever saved it since.

Automatic polling (the import and run pages ask for progress every second) is not activity:
amplify/static/amplify/app.js marks those requests with the POLL_HEADER, so a page left open
does not keep its session alive past the idle timeout.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse

ACTIVITY_KEY = "amplify_active_at"
REFRESH_AFTER_SECONDS = 60
POLL_HEADER = "X-Amplify-Poll"


def is_polling(request: HttpRequest) -> bool:
    """A request the page made by itself on a timer, not one the person asked for."""
    return bool(request.headers.get(POLL_HEADER))


class IdleTimeoutMiddleware:
    """Ends sessions idle for SESSION_COOKIE_AGE seconds and renews active ones (their
    database row and cookie) at most once every REFRESH_AFTER_SECONDS."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        now = int(time.time())
        last = request.session.get(ACTIVITY_KEY)
        if last is not None and now - last > settings.SESSION_COOKIE_AGE:
            logout(request)
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            # Signed in by this session, not by an API token (which has no idle timeout:
            # stamping it would create and save a new session on every API call).
            and SESSION_KEY in request.session
            and not is_polling(request)
            and (last is None or now - last >= REFRESH_AFTER_SECONDS)
            # Signing out or in replaces the session: keep the new one's own stamp.
            and request.session.get(ACTIVITY_KEY) in (None, last)
        ):
            # Marks the session modified: SessionMiddleware saves it and renews the cookie.
            request.session[ACTIVITY_KEY] = now
        return response
