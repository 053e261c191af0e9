"""The safeguarding emails, each in its reader's language, plain text plus HTML.

A concern's email says only that there is one, how urgent, and where to read it: never what
it says, nor whom it is about (mailboxes are forwarded, shared and read on phones). A pair's
message goes from Amplify's own address under the sender's name; the sender's address is
the reply address only when both people chose to share their details.
"""

from __future__ import annotations

import logging
from email.utils import formataddr, parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from amplify.core.text import strip_control_characters
from amplify.home.locale import supported_language
from amplify.home.siteurls import configured_site, site_url
from amplify.people.models import Person

logger = logging.getLogger("amplify.notifications")


def _send(
    *,
    to: Person,
    subject: str,
    template: str,
    context: dict[str, Any],
    about: str,
    from_name: str | None = None,
    reply_to: str | None = None,
) -> bool:
    """Render `template`.txt and .html and send them; True if the email went. A failure is
    logged (naming it by `about`, without personal data) and reported, never swallowed."""
    context = {**context, "person": to, "site": configured_site()}
    text = render_to_string(f"safeguarding/email/{template}.txt", context)
    html = render_to_string(f"safeguarding/email/{template}.html", context)
    sender = settings.DEFAULT_FROM_EMAIL
    if from_name:
        _name, address = parseaddr(sender)
        sender = formataddr((strip_control_characters(from_name), address))
    message = EmailMultiAlternatives(
        subject=strip_control_characters(subject),
        body=text,
        from_email=sender,
        to=[to.email],
        reply_to=[reply_to] if reply_to else None,
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send(fail_silently=False)
    except Exception:
        logger.exception("Could not send the %s", about)
        return False
    return True


def concern_raised_notify(concern: Any) -> int:
    """Tell the programme's lead and deputy that a concern waits for them. Returns how many
    emails went."""
    team = concern.programme.safeguarding_team
    link = site_url(reverse("safeguarding:concern", args=[concern.pk]))
    sent = 0
    for lead in team.leads():
        with translation.override(supported_language(lead.interface_language) or None):
            subject = _("[%(urgency)s] A safeguarding concern in %(programme)s") % {
                "urgency": concern.get_urgency_display(),
                "programme": concern.programme.name,
            }
            # The deadline in the lead's own time zone, or else where the leads work.
            context = {
                "concern": concern,
                "link": link,
                "deadline": concern.deadline,
                "zone": lead.time_zone or team.time_zone,
            }
            sent += _send(
                to=lead,
                subject=subject,
                template="concern_raised",
                context=context,
                about=f"concern notification {concern.pk} to person {lead.pk}",
            )
    return sent


def pair_message_send_email(
    *, pairing: Any, sender: Person, recipient: Person, body: str, reply_to: str | None
) -> bool:
    link = site_url(reverse("safeguarding:pair", args=[pairing.pk]))
    with translation.override(supported_language(recipient.interface_language) or None):
        subject = _("%(name)s sent you a message through Amplify") % {"name": sender.display_name}
        via = _("%(name)s via Amplify") % {"name": sender.display_name}
        context = {"sender": sender, "body": body, "link": link, "reply_to": reply_to}
        return _send(
            to=recipient,
            subject=subject,
            template="pair_message",
            context=context,
            about=f"pair message of pairing {pairing.pk} to person {recipient.pk}",
            from_name=via,
            reply_to=reply_to,
        )
