"""The showcase's notices, each in its reader's language: a judge is told which presentations
wait for her marks, and once the results are out the cohort's people and its judges are told
where to read them."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amplify.home.locale import supported_language
from amplify.home.notifications import templated_email_send
from amplify.home.siteurls import site_url
from amplify.people.models import Person
from amplify.programmes.models import Enrolment


def _send(to: Any, *, subject: str, text: str, link: str, about: str) -> bool:
    return templated_email_send(
        to=to,
        subject=subject,
        template="showcase/email/notice",
        context={"subject": subject, "text": text, "link": link},
        about=about,
    )


def judges_named_send(*, event: Any, judge_ids: list[int]) -> int:
    """One email per judge newly named at the event, however many slots she was given."""
    sent = 0
    counts = Counter(judge_ids)
    for judge in Person.objects.filter(pk__in=counts):
        with translation.override(supported_language(judge.interface_language) or None):
            n = counts[judge.pk]
            subject = ngettext(
                "You are judging a presentation at %(event)s",
                "You are judging %(count)s presentations at %(event)s",
                n,
            ) % {"count": n, "event": event.title}
            text = _(
                "Your marks are compared with your own other marks, so use the whole scale. "
                "You never judge an experiment you sponsor."
            )
            sent += _send(
                judge,
                subject=subject,
                text=text,
                link=site_url(reverse("showcase:mine")),
                about=f"showcase judge notice, event {event.pk} to person {judge.pk}",
            )
    return sent


def results_published_send(*, event: Any) -> int:
    """The cohort's people and the event's judges: the results are out, and where."""
    taking_part = Enrolment.objects.taking_part().filter(cohort_id=event.cohort_id)
    people = Person.objects.filter(pk__in=taking_part.values("person_id")) | Person.objects.filter(
        showcase_assignments__slot__event=event
    )
    link = site_url(reverse("showcase:results", args=[event.cohort_id]))
    sent = 0
    for person in people.distinct():
        with translation.override(supported_language(person.interface_language) or None):
            subject = _("The results of %(event)s are published") % {"event": event.title}
            sent += _send(
                person,
                subject=subject,
                text=_("The ranking, each presentation's profile and the audience vote."),
                link=link,
                about=f"showcase results notice, event {event.pk} to person {person.pk}",
            )
    return sent
