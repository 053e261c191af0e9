"""The outcomes emails, each in its reader's language, plain text plus HTML: asking a mentee
what happened since (at the end of her cohort, and six months later), with a link to the
outcome form."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from amplify.home.locale import supported_language
from amplify.home.notifications import templated_email_send
from amplify.home.siteurls import site_url
from amplify.outcomes.models import OutcomeRequest


def _send(*, to: Any, subject: str, template: str, context: dict[str, Any], about: str) -> bool:
    return templated_email_send(
        to=to, subject=subject, template=f"outcomes/email/{template}", context=context, about=about
    )


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
