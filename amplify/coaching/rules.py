from typing import Any

import rules

from amplify.accounts.rules import is_administrator, is_impact_admin
from amplify.programmes.rules import manages_cohort, manages_programme


@rules.predicate
def is_coach_of(user: Any, pairing: Any) -> bool:
    """The coach of the pair (`mentor` of a coaching pairing)."""
    if pairing is None or not user.is_authenticated:
        return False
    return bool(user.pk == pairing.mentor.user_id)


@rules.predicate
def in_coaching_pair(user: Any, pairing: Any) -> bool:
    """The coach or the participant (not their managers)."""
    if pairing is None or not user.is_authenticated:
        return False
    return user.pk in (pairing.mentor.user_id, pairing.mentee.user_id)


@rules.predicate
def in_home_group(user: Any, group: Any) -> bool:
    if group is None or not user.is_authenticated:
        return False
    return bool(group.members.filter(user=user).exists())


@rules.predicate
def manages_group_cohort(user: Any, group: Any) -> bool:
    return group is not None and bool(manages_cohort(user, group.run.cohort))


# A cohort's coaching tab: counts and cadence only (never a note or a person's themes).
rules.add_perm("coaching.view_cadence", manages_cohort | is_administrator | is_impact_admin)
# The programme's coaching settings.
rules.add_perm("coaching.set_settings", manages_programme | is_administrator)
# Booking, rescheduling and cancelling a session: the coach or the participant.
rules.add_perm("coaching.book", in_coaching_pair)
# Logging a session (with the private notes): the coach alone.
rules.add_perm("coaching.log", is_coach_of)
# A home group's page: its members and the cohort's managers.
rules.add_perm("coaching.view_group", in_home_group | manages_group_cohort | is_administrator)
# Logging a peer-coaching round: the group's members.
rules.add_perm("coaching.log_round", in_home_group)
