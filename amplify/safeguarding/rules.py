from typing import Any

import rules

from amplify.accounts.rules import is_administrator
from amplify.programmes.rules import manages_programme


@rules.predicate
def leads_safeguarding(user: Any) -> bool:
    """The lead or the deputy of some programme."""
    from amplify.safeguarding.models import SafeguardingTeam

    return bool(user.is_authenticated and SafeguardingTeam.objects.led_by(user).exists())


@rules.predicate
def leads_concern(user: Any, concern: Any) -> bool:
    from amplify.safeguarding.models import SafeguardingTeam

    if concern is None or not user.is_authenticated:
        return False
    teams = SafeguardingTeam.objects.led_by(user)
    return bool(teams.filter(programme_id=concern.programme_id).exists())


# Who names a programme's leads: its managers and administrators. Reading and acting on a
# concern is for its programme's leads alone: no administrator rule on purpose.
rules.add_perm("safeguarding.set_team", manages_programme | is_administrator)
rules.add_perm("safeguarding.view_log", leads_safeguarding)
rules.add_perm("safeguarding.act_on_concern", leads_concern)
