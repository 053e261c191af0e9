"""Sending a notification email: a failure is logged and reported to the caller, never
swallowed (`fail_silently=True` once hid every match email whose subject held a line break)."""

from __future__ import annotations

import logging

from django.core.mail import send_mail

from amplify.core.text import strip_control_characters

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
