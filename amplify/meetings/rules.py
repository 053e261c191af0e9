from typing import Any

import rules

from amplify.accounts.rules import is_administrator, is_impact_admin
from amplify.programmes.rules import manages_cohort, manages_programme


@rules.predicate
def in_pair(user: Any, pairing: Any) -> bool:
    """One of the two people of the pair (not her managers)."""
    if pairing is None or not user.is_authenticated:
        return False
    return user.pk in (pairing.mentor.user_id, pairing.mentee.user_id)


# A cohort's health page: its programme managers, administrators and impact admins (counts
# and dates only: never a meeting's notes).
rules.add_perm("meetings.view_health", manages_cohort | is_administrator | is_impact_admin)
# The programme's cadence settings: its managers and administrators.
rules.add_perm("meetings.set_cadence", manages_programme | is_administrator)
# Choosing the slot, logging and confirming meetings: the pair alone.
rules.add_perm("meetings.meet", in_pair)
