"""Writes for accounts and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.accounts.models import ApiToken, User

TOKEN_PREFIX = "amp_"
# Writing last_used_at on every request would turn every API read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, user: User, name: str, expires_at: datetime | None = None, now: datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a personal API token; return it with the raw secret, which is never stored."""
    now = now or timezone.now()
    name = name.strip()
    if not name:
        raise ValidationError(
            {"name": _("Give the token a name, e.g. the system that will use it.")}
        )
    if len(name) > 100:
        raise ValidationError({"name": _("The name can be at most 100 characters.")})
    if expires_at is None:
        expires_at = now + timedelta(days=settings.API_TOKEN_DEFAULT_DAYS)
    if expires_at <= now:
        raise ValidationError({"expires_at": _("The expiry date must be in the future.")})
    if expires_at - now > settings.API_TOKEN_MAX_AGE:
        raise ValidationError(
            {
                "expires_at": _("A token may live at most %(days)s days.")
                % {"days": settings.API_TOKEN_MAX_AGE.days}
            }
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        key_hash=_hash(raw),
        created_at=now,
        expires_at=expires_at,
    )
    return token, raw


def api_token_revoke(*, token: ApiToken, now: datetime | None = None) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(*, raw: str, now: datetime | None = None) -> User | None:
    """The active user owning this raw token, or None."""
    now = now or timezone.now()
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.active(now=now).select_related("user").filter(key_hash=_hash(raw)).first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None = None,
    role: str = User.Role.MEMBER,
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create a login account. Without a password the account can sign in only by SSO or
    after a password reset."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("An account for %(email)s already exists.") % {"email": email}}
        )
    if role not in User.Role.values:
        raise ValidationError({"role": _("Unknown role %(role)s.") % {"role": role}})
    user = User.objects.create_user(
        email, password, role=role, is_staff=is_staff, is_superuser=is_superuser
    )
    if password is None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
