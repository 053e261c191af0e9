"""The nominations emails, each in its reader's language, plain text plus HTML: the line
manager asked to endorse a self-nomination, and the nominee and her nominator told of the
programme manager's decision."""

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
        to=to,
        subject=subject,
        template=f"nominations/email/{template}",
        context=context,
        about=about,
    )


def endorsement_request_notify(nomination: Any) -> bool:
    """Ask the nominee's line manager to endorse her self-nomination."""
    manager = nomination.nominee.manager
    if manager is None:
        return False
    link = site_url(reverse("nominations:mine"))
    with translation.override(supported_language(manager.interface_language) or None):
        subject = _("%(name)s asks you to endorse her nomination for %(cohort)s") % {
            "name": nomination.nominee.display_name,
            "cohort": nomination.cohort.name,
        }
        return _send(
            to=manager,
            subject=subject,
            template="endorse",
            context={"nomination": nomination, "link": link},
            about=f"nomination {nomination.pk} to endorse, to person {manager.pk}",
        )


def decision_notify(nomination: Any) -> int:
    """Tell the nominee, and her nominator when someone else, of the decision."""
    link = site_url(reverse("nominations:mine"))
    sent = 0
    people = [nomination.nominee]
    if nomination.nominated_by_id != nomination.nominee_id:
        people.append(nomination.nominated_by)
    for person in people:
        with translation.override(supported_language(person.interface_language) or None):
            subject = _("Your nomination for %(cohort)s: %(status)s") % {
                "cohort": nomination.cohort.name,
                "status": nomination.get_status_display().lower(),
            }
            sent += _send(
                to=person,
                subject=subject,
                template="decision",
                context={
                    "nomination": nomination,
                    "link": link,
                    "is_nominee": person.pk == nomination.nominee_id,
                },
                about=f"nomination {nomination.pk} decided, to person {person.pk}",
            )
    return sent
