"""The outcomes emails, each in its reader's language, plain text plus HTML: asking a mentee
what happened since (at the end of her cohort, and six months later), with a link to the
outcome form."""

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
from amplify.outcomes.models import OutcomeRequest

logger = logging.getLogger("amplify.notifications")


def _send(*, to: Any, subject: str, template: str, context: dict[str, Any], about: str) -> bool:
    context = {**context, "person": to, "site": configured_site()}
    text = render_to_string(f"outcomes/email/{template}.txt", context)
    html = render_to_string(f"outcomes/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=strip_control_characters(subject), body=text, to=[to.email]
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send(fail_silently=False)
    except Exception:
        logger.exception("Could not send the %s", about)
        return False
    return True


def outcome_request_send(request: OutcomeRequest) -> bool:
    person, cohort = request.person, request.cohort
    link = site_url(reverse("outcomes:add") + f"?cohort={cohort.pk}")
    with translation.override(supported_language(person.interface_language) or None):
        if request.round == OutcomeRequest.Round.AT_END:
            subject = _("%(cohort)s has ended: what happened for you?") % {"cohort": cohort.name}
        else:
            subject = _("Six months after %(cohort)s: what happened for you?") % {
                "cohort": cohort.name
            }
        context = {"cohort": cohort, "link": link, "later": request.round != request.Round.AT_END}
        return _send(
            to=person,
            subject=subject,
            template="outcome_request",
            context=context,
            about=f"outcome request {request.pk} to person {person.pk}",
        )
