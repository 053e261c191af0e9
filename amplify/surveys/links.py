"""A respondent's signed link, and the pseudonymous key of a confidential answer.

The link carries the invitation's random `key` inside a signature (django.core.signing with
its own salt), so it cannot be guessed or altered; giving the invitation a new key makes
every older link stop working. It is single-use (once she has answered, the page says so)
and expires when the wave closes: the page then says when it closed. Nothing else about
her is in it.

The pseudonym is an HMAC-SHA256 of the cohort and the person under a key derived from the
server's SECRET_KEY with a salt of its own: the same person in the same cohort always gets
the same code, so her pre and post answers can be paired, and nothing stored maps it back.
"""

from __future__ import annotations

import uuid

from django.core import signing
from django.urls import reverse
from django.utils.crypto import salted_hmac

from amplify.home.siteurls import site_url
from amplify.surveys.models import Invitation

LINK_SALT = "amplify.surveys.invitation-link"
PSEUDONYM_SALT = "amplify.surveys.pseudonym"


def token_for(invitation: Invitation) -> str:
    return signing.Signer(salt=LINK_SALT).sign(invitation.key.hex)


def invitation_for(token: str) -> Invitation | None:
    """The invitation a token names, or None when it is forged, altered, cut short or its
    invitation was given a new key."""
    try:
        value = signing.Signer(salt=LINK_SALT).unsign(token)
        key = uuid.UUID(hex=value)
    except (signing.BadSignature, ValueError):
        return None
    return (
        Invitation.objects.select_related("wave__cohort__programme", "person")
        .filter(key=key)
        .first()
    )


def answer_link(invitation: Invitation) -> str:
    return site_url(reverse("answer:answer", args=[token_for(invitation)]))


def pseudonym(cohort_id: int, person_id: int) -> str:
    """The code a confidential answer carries instead of her name (64 hex digits)."""
    return salted_hmac(PSEUDONYM_SALT, f"{cohort_id}:{person_id}", algorithm="sha256").hexdigest()
