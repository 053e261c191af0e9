"""The volunteer's emails when the programme manager decides on her offer, in her own
language, plain text plus HTML."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from amplify.home.locale import supported_language
from amplify.home.notifications import templated_email_send
from amplify.home.siteurls import site_url
from amplify.volunteering.models import MentorOffer, OfferStatus


def _send(offer: MentorOffer, subject: str, template: str, context: dict[str, Any]) -> bool:
    return templated_email_send(
        to=offer.person,
        subject=subject,
        template=f"volunteering/email/{template}",
        context={**context, "offer": offer},
        about=f"mentor offer decision of offer {offer.pk}",
    )


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
