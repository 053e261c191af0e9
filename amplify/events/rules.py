from typing import Any

import rules

from amplify.accounts.rules import is_administrator
from amplify.programmes.rules import manages_cohort


@rules.predicate
def may_rsvp(user: Any, event: Any) -> bool:
    """Those the event invites (active members of its cohort in its audience) answer."""
    if event is None or not user.is_authenticated:
        return False
    return bool(event.invitees().filter(person__user=user).exists())


@rules.predicate
def manages_event(user: Any, event: Any) -> bool:
    return event is not None and manages_cohort(user, event.cohort)


rules.add_perm("events.rsvp", may_rsvp)
rules.add_perm("events.manage_event", manages_event | is_administrator)
