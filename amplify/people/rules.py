from typing import Any

import rules

from amplify.accounts.rules import is_administrator, is_programme_manager


@rules.predicate
def is_own_person(user: Any, person: Any) -> bool:
    return person is not None and user.is_authenticated and person.user_id == user.pk


rules.add_perm("people.import_people", is_programme_manager | is_administrator)
rules.add_perm("people.add_external_person", is_programme_manager | is_administrator)
rules.add_perm("people.change_profile", is_own_person | is_administrator)
# The audit trail of a person's record: the HR-facing roles, and the person themself.
rules.add_perm(
    "people.view_person_history", is_programme_manager | is_administrator | is_own_person
)
