"""The experiment notices, each in its reader's language, plain text plus HTML: the next
person on the experiment's way is told what changed and where to act (the sponsor when it is
submitted, the owner when it is approved or returned...)."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from amplify.home.locale import supported_language
from amplify.home.notifications import templated_email_send
from amplify.home.siteurls import site_url


def _subjects() -> dict[str, str]:
    return {
        "submitted": _("%(owner)s asks you to sponsor an experiment: %(title)s"),
        "approved": _("Your experiment is approved: %(title)s"),
        "returned": _("Your experiment is returned with comments: %(title)s"),
        "started": _("%(owner)s has started the experiment: %(title)s"),
        "learning": _("%(owner)s has captured the learning of: %(title)s"),
        "decided": _("A decision on the experiment: %(title)s"),
        "impact": _("Your sponsor recorded the business impact of: %(title)s"),
        "comment": _("A new comment on the experiment: %(title)s"),
    }


def experiment_notice_send(*, experiment: Any, to: Any, what: str, by: Any, text: str = "") -> bool:
    """Tell `to` (a person) that `by` did `what` to the experiment, with a link to it."""
    if to is None or by is None or to.pk == by.pk:
        return False
    with translation.override(supported_language(to.interface_language) or None):
        subject = _subjects()[what] % {
            "owner": experiment.owner.display_name,
            "title": experiment.title,
        }
        return templated_email_send(
            to=to,
            subject=subject,
            template="experiments/email/notice",
            context={
                "experiment": experiment,
                "subject": subject,
                "by": by,
                "text": text,
                "link": site_url(experiment.get_absolute_url()),
            },
            about=f"experiment {what} notice, experiment {experiment.pk} to person {to.pk}",
        )
