"""Writes for subject access and erasure: a person asks, staff carry it out.

Who may export is checked by the views and the API with the `privacy.*` rules (see
rules.py); who may erase is checked here too, as erasure cannot be undone.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.accounts.models import User
from amplify.people.models import Person
from amplify.privacy import erasure as erasing
from amplify.privacy import export as exporting
from amplify.privacy import leadership
from amplify.privacy.identifiers import identifiers_of
from amplify.privacy.models import Erasure
from amplify.privacy.rules import require_may_erase


def person_data_export(
    *, person: Person, made_by: User, now: datetime | None = None
) -> exporting.Export:
    """Everything held about the person, ready to stream as a ZIP (`person_data_zip`)."""
    return exporting.collect(person=person, made_by=made_by, now=now or timezone.now())


def person_data_zip(*, export: exporting.Export) -> Iterator[bytes]:
    return exporting.stream(export)


def erasure_of(person: Person) -> Erasure | None:
    return Erasure.objects.filter(person=person).first()


@transaction.atomic
def erasure_request(*, person: Person, requested_by: User, email: str) -> Erasure:
    """The person asks for her data to be erased, confirming by typing her email address.
    Asking twice returns the first request."""
    if person.user_id != requested_by.pk:
        raise ValidationError(_("Only the person herself can ask here; staff erase directly."))
    if email.strip().lower() != person.email.strip().lower():
        raise ValidationError(
            {"email": _("Type the email address of your profile exactly, to confirm.")}
        )
    Person.objects.select_for_update().filter(pk=person.pk).first()
    existing = erasure_of(person)
    if existing is not None:
        return existing
    return Erasure.objects.create(
        person=person, requested_by_person=True, requested_at=timezone.now()
    )


@transaction.atomic
def erasure_withdraw(*, person: Person, withdrawn_by: User) -> None:
    """The person changes her mind before staff have acted."""
    if person.user_id != withdrawn_by.pk:
        raise ValidationError(_("Only the person who asked can withdraw the request."))
    Erasure.objects.pending().filter(person=person).delete()


@transaction.atomic
def person_erase(*, person: Person, erased_by: User, now: datetime | None = None) -> Erasure:
    """Anonymise the person everywhere, in one transaction. Erasing an erased person again
    runs every step again (each is idempotent) and returns the same log entry."""
    require_may_erase(erased_by, person)
    now = now or timezone.now()
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    record = Erasure.objects.select_for_update().filter(person=person).first()
    if record is None:
        record = Erasure(person=person)
    if record.erased_at is not None:
        now = record.erased_at  # again: the same result, to the timestamp
    ids = identifiers_of(person)
    email = erasing.placeholder_email(record.reference)
    user = person.user
    erasing.erase_diversity(person)
    erasing.erase_matching(person)
    erasing.erase_free_text(person)
    leadership.erase(person)
    erasing.erase_imports(ids)
    erasing.erase_admin_log(person, user, email=email)
    erasing.erase_authorship(user, ids)
    if user is not None:
        erasing.erase_account(user, email=email)
    erasing.erase_person_row(person, email=email, now=now)
    if record.status != Erasure.Status.DONE:
        record.status = Erasure.Status.DONE
        record.erased_at = now
        record.erased_by = erased_by
        record.save()
    return record
