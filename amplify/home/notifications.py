"""Sending a notification email: a failure is logged and reported to the caller, never
swallowed (`fail_silently=True` once hid every match email whose subject held a line break)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.mail import EmailMultiAlternatives, send_mail
from django.template.loader import render_to_string

from amplify.core.text import strip_control_characters
from amplify.home.siteurls import configured_site

logger = logging.getLogger("amplify.notifications")


def notification_send(*, subject: str, body: str, to: str, about: str) -> bool:
    """Send one email; True if it went. `about` names it in the log without personal data
    (e.g. "match notification, person 12"). The subject is one header line, so control
    characters a name may hold are dropped from it rather than losing the email."""
    try:
        send_mail(
            subject=strip_control_characters(subject),
            message=body,
            from_email=None,
            recipient_list=[to],
            fail_silently=False,
        )
    except Exception:
        logger.exception("Could not send the %s", about)
        return False
    return True


def templated_email_send(
    *,
    to: Any,
    subject: str,
    template: str,
    context: dict[str, Any],
    about: str,
    calendar: tuple[bytes, str] | None = None,
) -> bool:
    """Render `template`.txt and `template`.html (a path such as "training/email/verified")
    for the person `to` and send both as one email; True if it went. No email address: not
    sent. A failure is logged by `about` (no personal data) and reported, never raised: a
    notification must not undo the change it reports. `calendar`, (ics bytes, METHOD),
    adds a calendar invitation: inside the alternatives, so that mail clients offer
    Accept / Decline, and as a file for those that only import one."""
    if not getattr(to, "email", ""):
        return False
    context = {**context, "person": to, "site": configured_site()}
    message = EmailMultiAlternatives(
        subject=strip_control_characters(subject),
        body=render_to_string(f"{template}.txt", context),
        to=[to.email],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    if calendar is not None:
        ics, method = calendar
        message.attach_alternative(ics.decode(), f"text/calendar; method={method}")
        message.attach("invite.ics", ics, f"application/ics; method={method}")
    try:
        message.send(fail_silently=False)
    except Exception:
        logger.exception("Could not send the %s", about)
        return False
    return True
