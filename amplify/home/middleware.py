"""Response headers every page carries."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse


def permissions_policy(policy: dict[str, list[str]]) -> str:
    """The header value for {feature: allowed origins}: `camera=(), geolocation=(self)`."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})" for feature, origins in sorted(policy.items())
    )


class PermissionsPolicyMiddleware:
    """Switch off browser features no page uses (camera, microphone, geolocation…), so an
    injected script or a framed page cannot ask for them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY) on every response, with one
    exception: under the Django admin, styles may also be inline
    (settings.ADMIN_CONTENT_SECURITY_POLICY_STYLES), because the admin's own templates and
    django-simple-history's history page carry `style` attributes and `<style>` blocks that
    Amplify does not write. Scripts stay as strict there as everywhere."""

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("admin:index")

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path.startswith(self.admin_prefix) and parts.replace is None:
            parts.replace = {"style-src": settings.ADMIN_CONTENT_SECURITY_POLICY_STYLES}
        return parts
