"""The training emails, each in its reader's language, plain text plus HTML: the programme's
managers asked to verify a mentor's activity, the mentor told it was verified."""

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
        to=to, subject=subject, template=f"training/email/{template}", context=context, about=about
    )


def activity_to_verify_notify(activity: Any) -> int:
    """Ask each manager of the programme to verify a mentor's activity."""
    programme = activity.module.programme
    link = site_url(reverse("training:programme", args=[programme.slug]))
    sent = 0
    for manager in programme.managers.all():
        with translation.override(supported_language(manager.interface_language) or None):
            subject = _("%(name)s asks you to verify a training activity") % {
                "name": activity.person.display_name
            }
            sent += _send(
                to=manager,
                subject=subject,
                template="activity_to_verify",
                context={"activity": activity, "link": link, "zone": manager.time_zone or "UTC"},
                about=f"activity {activity.pk} to verify, to person {manager.pk}",
            )
    return sent


def activity_verified_notify(activity: Any) -> bool:
    """Tell the mentor her activity was verified."""
    mentor = activity.person
    link = site_url(reverse("training:mine"))
    with translation.override(supported_language(mentor.interface_language) or None):
        subject = _("Your training activity “%(module)s” is verified") % {
            "module": activity.module.title
        }
        return _send(
            to=mentor,
            subject=subject,
            template="activity_verified",
            context={"activity": activity, "link": link, "zone": mentor.time_zone or "UTC"},
            about=f"activity {activity.pk} verified, to person {mentor.pk}",
        )
