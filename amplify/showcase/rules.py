from typing import Any

import rules

from amplify.accounts.rules import is_administrator, is_impact_admin
from amplify.programmes.rules import manages_cohort, manages_programme

# A cohort's showcase (schedule, judges, progress, the results preview, publishing): its
# programme managers and administrators.
rules.add_perm("showcase.manage", manages_cohort | is_administrator)
# The programme's rubric: its managers and administrators.
rules.add_perm("showcase.set_rubric", manages_programme | is_administrator)
# Results before they are published: those who run the cohort, and impact admins.
rules.add_perm("showcase.preview", manages_cohort | is_administrator | is_impact_admin)


@rules.predicate
def judges(user: Any, assignment: Any) -> bool:
    """The judge of this assignment herself (not her managers, not an administrator)."""
    return bool(
        assignment is not None and user.is_authenticated and assignment.judge.user_id == user.pk
    )


rules.add_perm("showcase.score", judges)
