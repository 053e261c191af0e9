"""Who may download a person's data and who may erase a person.

Data-subject requests are handled centrally: administrators and impact admins act on them
for anyone (a request may come by email or letter). Programme managers do not: they see many
people's profiles, but a full export holds history, imports and account details that are
not theirs to hand out. Carrying out an erasure needs one of the two central roles, and
never on one's own account (a person asks; someone else confirms).
"""

import rules

from amplify.accounts.rules import is_administrator, is_impact_admin
from amplify.people.rules import is_own_person

is_data_officer = is_administrator | is_impact_admin

rules.add_perm("privacy.export_person_data", is_own_person | is_data_officer)
rules.add_perm("privacy.handle_requests", is_data_officer)
rules.add_perm("privacy.erase_person", is_data_officer & ~is_own_person)
