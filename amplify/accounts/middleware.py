from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

from amplify.accounts.mfa import MFA_SETUP_MESSAGE, mfa_setup_required

# Pages a staff user without a second factor may still reach: the account pages (where MFA
# is set up), static files and the health check.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz")
SESSION_FLAG = "amplify_mfa_ok"


class StaffMfaMiddleware:
    """Send signed-in staff (programme managers, impact admins, administrators) to set up
    TOTP before they reach anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and not request.session.get(SESSION_FLAG)
        ):
            if not mfa_setup_required(user):
                request.session[SESSION_FLAG] = True
            elif request.path.startswith("/api/"):
                return JsonResponse({"detail": MFA_SETUP_MESSAGE}, status=403)
            else:
                return redirect("mfa_activate_totp")
        return self.get_response(request)
