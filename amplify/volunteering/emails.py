"""The volunteer's emails when the programme manager decides on her offer, in her own
language, plain text plus HTML."""

from __future__ import annotations

import logging
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from amplify.core.text import strip_control_characters
from amplify.home.locale import supported_language
from amplify.home.siteurls import configured_site, site_url
from amplify.volunteering.models import MentorOffer, OfferStatus

logger = logging.getLogger("amplify.notifications")


def _send(offer: MentorOffer, subject: str, template: str, context: dict[str, Any]) -> bool:
    person = offer.person
    context = {**context, "offer": offer, "person": person, "site": configured_site()}
    text = render_to_string(f"volunteering/email/{template}.txt", context)
    html = render_to_string(f"volunteering/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=strip_control_characters(subject), body=text, to=[person.email]
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send(fail_silently=False)
    except Exception:
        logger.exception("Could not send the mentor offer decision of offer %s", offer.pk)
        return False
    return True


def offer_decision_send(offer: MentorOffer) -> bool:
    """Tell the volunteer that her offer was accepted (she is a mentor of the cohort) or
    declined (with the reason)."""
    person = offer.person
    with translation.override(supported_language(person.interface_language) or None):
        names = {"cohort": offer.cohort.name}
        if offer.status == OfferStatus.ACCEPTED:
            subject = _("You are a mentor in %(cohort)s") % names
            template = "offer_accepted"
        else:
            subject = _("Your offer to mentor in %(cohort)s") % names
            template = "offer_declined"
        context = {
            "link": site_url(reverse("volunteering:offer", args=[offer.cohort_id])),
            "profile_link": site_url(reverse("matching:profile")),
        }
        return _send(offer, subject, template, context)
