"""A small brake on the public application pages, which anyone may post to: each address
may send so many forms an hour (bots that fill the hidden trap field are turned away too)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW = 3600


def over_limit(request: HttpRequest, bucket: str) -> bool:
    """Count this request; True once the address has sent more than the limit this hour."""
    address = request.META.get("REMOTE_ADDR", "unknown")
    key = f"applications:{bucket}:{address}"
    cache.add(key, 0, WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        count = 1
    return count > settings.AMPLIFY_APPLICATION_POSTS_PER_HOUR
