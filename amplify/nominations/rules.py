from typing import Any

import rules

from amplify.accounts.rules import is_administrator, is_employee
from amplify.programmes.rules import manages_cohort


@rules.predicate
def is_line_manager_of_nominee(user: Any, nomination: Any) -> bool:
    if nomination is None or not user.is_authenticated:
        return False
    manager = nomination.nominee.manager
    return manager is not None and manager.user_id == user.pk


@rules.predicate
def nominated_or_nominee(user: Any, nomination: Any) -> bool:
    if nomination is None or not user.is_authenticated:
        return False
    return user.pk in (nomination.nominee.user_id, nomination.nominated_by.user_id)


# Nominating for a recruiting leadership cohort: any employee (herself or a direct report).
rules.add_perm("nominations.nominate", is_employee)
# The selection board, its balance panel and the decisions: the cohort's programme managers.
rules.add_perm("nominations.decide", manages_cohort | is_administrator)
rules.add_perm("nominations.endorse", is_line_manager_of_nominee)
rules.add_perm("nominations.withdraw", nominated_or_nominee)
