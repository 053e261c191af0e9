"""The staff second-factor rule, in one place for every way in (browser session, API token)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from amplify.accounts.models import User

MFA_SETUP_MESSAGE = _("Set up two-factor authentication before using the API.")


def mfa_setup_required(user: User) -> bool:
    """True while a staff account (programme manager, impact admin, administrator) has no
    TOTP authenticator: until then it may reach only the pages where one is set up.

    A role can be given after an API token was created, so the rule is asked on every
    authenticated request, not when the token is issued."""
    if not (settings.AMPLIFY_STAFF_MFA_REQUIRED and user.is_authenticated and user.needs_mfa):
        return False
    from allauth.mfa.models import Authenticator

    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
