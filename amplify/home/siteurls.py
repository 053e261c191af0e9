"""Absolute links to the site's own pages, for what is read away from the site (emails,
calendar files) where there is no request to take the host from. The one setting is
`SITE_ROOT`; the path comes from `reverse()` or `get_absolute_url()`, never typed."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings


def site_url(path: str) -> str:
    """`SITE_ROOT` followed by a path of this site (it must start with "/")."""
    if not path.startswith("/"):
        raise ValueError(f"Not a path of this site: {path!r}")
    return settings.SITE_ROOT + path


@dataclass(frozen=True)
class ConfiguredSite:
    """The site as emails name it (`{{ current_site.name }}`, `.domain`), from the settings
    rather than the sites framework's row, which says "example.com" until someone edits it."""

    name: str
    domain: str


def configured_site() -> ConfiguredSite:
    return ConfiguredSite(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_ROOT).netloc)
