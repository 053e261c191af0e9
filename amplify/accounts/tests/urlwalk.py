"""Walking every URL pattern and API operation, for the access-policy tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, SlugConverter

# Where we mount pages we did not write, and the policy their authors declared for them.
THIRD_PARTY = {
    "/admin/": "the Django admin: active staff only, per-model permissions",
    "/accounts/": "sign-in, password reset and MFA pages (allauth): public or signed in",
    "/api/": "the API: see each operation's auth and x-access (tested separately)",
}


@dataclass
class Page:
    route: str
    name: str
    callback: Any

    @property
    def policy(self) -> str | None:
        if self.ours:
            return getattr(self.callback, "access_policy", None)
        for prefix, policy in THIRD_PARTY.items():
            if self.route.startswith(prefix):
                return policy
        return None

    @property
    def ours(self) -> bool:
        # An admin page is the admin's, whoever wrote the ModelAdmin method behind it (the
        # admin site wraps every one in `admin_view`, its access policy): our site's
        # concurrency check overrides the delete and revert views.
        if self.route.startswith("/admin/"):
            return False
        return self.callback.__module__.startswith("amplify.")

    def sample_url(self) -> str:
        converters = self.pattern.pattern.converters
        kwargs = {}
        for key, converter in converters.items():
            if isinstance(converter, IntConverter):
                kwargs[key] = 1
            elif isinstance(converter, SlugConverter):
                kwargs[key] = "some-slug"
            else:
                kwargs[key] = "x"
        return reverse(self.name, kwargs=kwargs)

    pattern: Any = None


def pages() -> Iterator[Page]:
    def walk(patterns: list[Any], prefix: str, namespace: str | None) -> Iterator[Page]:
        for item in patterns:
            if isinstance(item, URLResolver):
                ns = item.namespace
                full = f"{namespace}:{ns}" if namespace and ns else ns or namespace
                yield from walk(item.url_patterns, prefix + str(item.pattern), full)
            elif isinstance(item, URLPattern):
                name = f"{namespace}:{item.name}" if namespace else (item.name or "")
                page = Page(prefix + str(item.pattern), name, item.callback)
                page.pattern = item
                yield page

    yield from walk(get_resolver().url_patterns, "/", None)
