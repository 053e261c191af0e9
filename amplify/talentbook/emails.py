"""The talent book's notice: an executive would like to meet someone in the book. The
person and the programme's managers are told, each in her own language."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from amplify.home.locale import supported_language
from amplify.home.notifications import templated_email_send
from amplify.home.siteurls import site_url


def interest_notify(interest: Any) -> int:
    """Tell the person and each manager of the programme; the number told."""
    book = interest.book
    told = 0
    readers = [(interest.person, True)] + [
        (manager, False) for manager in book.programme.managers.exclude(pk=interest.person_id)
    ]
    for reader, is_person in readers:
        link = site_url(
            reverse("talentbook:mine")
            if is_person
            else reverse("talentbook:entry", args=[book.pk, interest.person_id])
        )
        with translation.override(supported_language(reader.interface_language) or None):
            subject = _("%(executive)s would like to meet %(person)s") % {
                "executive": interest.executive.name,
                "person": _("you") if is_person else interest.person.name,
            }
            told += templated_email_send(
                to=reader,
                subject=subject,
                template="talentbook/email/interest",
                context={
                    "interest": interest,
                    "book": book,
                    "link": link,
                    "is_person": is_person,
                },
                about=f"talent book interest {interest.pk}, person {reader.pk}",
            )
    return told
