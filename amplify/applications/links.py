"""Signed, expiring links for applicants, who have no account: the link to resume an
application (a draft, or one a partner started) and the link to accept an offer. The
application's id is inside the signature, so a link cannot be guessed or altered."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from amplify.applications.models import Application
from amplify.home.siteurls import site_url

RESUME = "applications.resume"
OFFER = "applications.offer"


def token_for(application: Application, purpose: str) -> str:
    return signing.TimestampSigner(salt=purpose).sign(f"{application.pk}:{application.email}")


def application_for(token: str, purpose: str) -> Application | None:
    """The application a token names, or None when it is forged, altered or expired."""
    max_age = settings.AMPLIFY_APPLICATION_LINK_DAYS * 86400 if purpose == RESUME else 60 * 86400
    try:
        value = signing.TimestampSigner(salt=purpose).unsign(token, max_age=max_age)
    except signing.BadSignature:
        return None
    pk, _, email = value.partition(":")
    # The email is signed too: a link stops working if the application's email changes.
    return (
        Application.objects.select_related("cohort__programme").filter(pk=pk, email=email).first()
    )


def resume_link(application: Application) -> str:
    return site_url(reverse("applications:resume", args=[token_for(application, RESUME)]))


def offer_link(application: Application) -> str:
    return site_url(reverse("applications:offer", args=[token_for(application, OFFER)]))
