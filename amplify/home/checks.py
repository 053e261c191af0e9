"""Deployment checks (`manage.py check --deploy`) for what Django's own checks miss."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_secret_key_is_not_public(**kwargs: Any) -> list[Error]:
    """The development key is in the repository, so anyone could sign sessions with it; its
    length fools Django's own key check (security.W009)."""
    if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        return [
            Error(
                "SECRET_KEY is the public development key from amplify/settings.py.",
                hint="Set SECRET_KEY to a long random value kept out of the repository.",
                id="amplify.E001",
            )
        ]
    return []
