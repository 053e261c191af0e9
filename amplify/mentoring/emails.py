"""The relationship's emails, each in its reader's language, plain text plus HTML: to the
programme's managers when one of a pair asks to end it, and to both people when it is
closed. Neither says why (a request's note and a closure's reason are for the programme's
records); both link to the page to read more."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from amplify.home.locale import supported_language
from amplify.home.notifications import templated_email_send
from amplify.home.siteurls import site_url


def _send(*, to: Any, subject: str, template: str, context: dict[str, Any], about: str) -> bool:
    return templated_email_send(
        to=to, subject=subject, template=f"mentoring/email/{template}", context=context, about=about
    )


def end_requested_notify(end_request: Any) -> int:
    """Tell the programme's managers that one of a pair asked to end it."""
    pairing = end_request.relationship.pairing
    link = site_url(reverse("mentoring:manage-pair", args=[pairing.pk]))
    sent = 0
    for manager in pairing.cohort.programme.managers.all():
        with translation.override(supported_language(manager.interface_language) or None):
            subject = _("A request to end a mentoring relationship in %(cohort)s") % {
                "cohort": pairing.cohort.name
            }
            context = {"pairing": pairing, "asker": end_request.requested_by, "link": link}
            sent += _send(
                to=manager,
                subject=subject,
                template="end_requested",
                context=context,
                about=f"end request {end_request.pk} to person {manager.pk}",
            )
    return sent


def relationship_closed_notify(relationship: Any) -> int:
    """Tell both people that their relationship has ended and contact through Amplify
    has stopped, each in her own language."""
    pairing = relationship.pairing
    link = site_url(reverse("mentoring:pair", args=[pairing.pk]))
    sent = 0
    for person, other in ((pairing.mentor, pairing.mentee), (pairing.mentee, pairing.mentor)):
        with translation.override(supported_language(person.interface_language) or None):
            subject = _("Your mentoring relationship with %(name)s has ended") % {
                "name": other.display_name
            }
            context = {"other": other, "pairing": pairing, "link": link}
            sent += _send(
                to=person,
                subject=subject,
                template="relationship_closed",
                context=context,
                about=f"closure of pairing {pairing.pk} to person {person.pk}",
            )
    return sent
