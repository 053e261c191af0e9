"""The respondent's emails: the invitation to a survey and the reminders, each in her own
interface language, plain text and HTML, with her signed link."""

from __future__ import annotations

from datetime import timedelta

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from amplify.home.locale import supported_language
from amplify.home.notifications import templated_email_send
from amplify.surveys import links
from amplify.surveys.models import Invitation, Wave


def closing_day(wave: Wave) -> str:
    """The last day she can answer, in the active language."""
    last = timezone.localtime(wave.closes_at - timedelta(microseconds=1)).date()
    return formats.date_format(last, "DATE_FORMAT")


def invitation_send(invitation: Invitation, *, wave: Wave, reminder: bool = False) -> bool:
    """Email her the link to the wave's survey (or a reminder of it); True if it went.
    `wave` is passed in so that sending many needs no query per email."""
    from amplify.surveys.answering import mode_explained

    person = invitation.person
    with translation.override(supported_language(person.interface_language) or None):
        context = {
            "invitation": invitation,
            "wave": wave,
            "programme": wave.cohort.programme,
            "link": links.answer_link(invitation),
            "closes_on": closing_day(wave),
            "mode_text": mode_explained(wave.mode),
            "reminder": reminder,
        }
        if reminder:
            subject = _("Reminder: %(title)s closes on %(day)s") % {
                "title": wave.title,
                "day": context["closes_on"],
            }
        else:
            subject = _("%(programme)s asks for your views: %(title)s") % {
                "programme": wave.cohort.programme.name,
                "title": wave.title,
            }
        return templated_email_send(
            to=person,
            subject=subject,
            template="surveys/emails/invitation",
            context=context,
            about=f"survey {'reminder' if reminder else 'invitation'} {invitation.pk}",
        )
