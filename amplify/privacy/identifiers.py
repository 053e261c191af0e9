"""What identifies a person in data that holds no link to her row: every email address and
employee id she has had, as her records and their history know them."""

from __future__ import annotations

from dataclasses import dataclass

from amplify.people.models import Person

ERASED_NAME = "Erased person"
ERASED_DOMAIN = "erased.invalid"


@dataclass(frozen=True)
class Identifiers:
    person_id: int
    emails: frozenset[str]  # lower-case
    employee_ids: frozenset[str]

    def names(self, *, email: str, employee_id: str) -> bool:
        """Does a row with this email and employee id describe the person?"""
        return email.strip().lower() in self.emails or employee_id.strip() in self.employee_ids


def identifiers_of(person: Person) -> Identifiers:
    history = Person.history.filter(id=person.pk)
    emails = {person.email, *history.values_list("email", flat=True)}
    employee_ids = {person.employee_id, *history.values_list("employee_id", flat=True)}
    user = person.user
    if user is not None:
        from allauth.account.models import EmailAddress

        emails.add(user.email)
        emails.update(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    return Identifiers(
        person_id=person.pk,
        emails=frozenset(
            e.strip().lower() for e in emails if e and not e.endswith("@" + ERASED_DOMAIN)
        ),
        employee_ids=frozenset(e.strip() for e in employee_ids if e and e.strip()),
    )
