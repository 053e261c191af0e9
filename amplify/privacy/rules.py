"""Who may download a person's data and who may erase a person.

Data-subject requests are handled centrally: administrators and impact admins act on them
for anyone (a request may come by email or letter). Programme managers do not: they see many
people's profiles, but a full export holds history, imports and account details that are
not theirs to hand out. Carrying out an erasure needs one of the two central roles, and
never on one's own account (a person asks; someone else confirms).
"""

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from amplify.accounts.rules import has_person_record, is_administrator, is_impact_admin
from amplify.people.rules import is_own_person

is_data_officer = is_administrator | is_impact_admin

rules.add_perm("privacy.export_person_data", is_own_person | is_data_officer)
rules.add_perm("privacy.handle_requests", is_data_officer)
# "Your data": for anyone Amplify holds a person record about.
rules.add_perm("privacy.view_own_data", has_person_record)
# A rule, not a permission: Django grants every permission to an administrator, and this
# one must be refused to her on her own record too.
rules.add_rule("privacy.erase_person", is_data_officer & ~is_own_person)


def may_erase(user: Any, person: Any) -> bool:
    return bool(rules.test_rule("privacy.erase_person", user, person))


def require_may_erase(user: Any, person: Any) -> None:
    if not may_erase(user, person):
        if person.user_id is not None and person.user_id == user.pk:
            raise PermissionDenied(
                _("You cannot erase your own record: ask another administrator or impact admin.")
            )
        raise PermissionDenied(_("Only administrators and impact admins may erase people."))
