from typing import Any

import rules

from amplify.accounts.rules import is_administrator, is_impact_admin
from amplify.programmes.rules import manages_cohort


@rules.predicate
def verifies_outcome(user: Any, outcome: Any) -> bool:
    """A manager of the outcome's cohort (or an administrator), not the person it is about."""
    from amplify.outcomes.services import may_verify

    return outcome is not None and user.is_authenticated and may_verify(user, outcome)


@rules.predicate
def reports_outcomes(user: Any) -> bool:
    """Someone who took part as a mentee or a participant: she records her own outcomes."""
    from amplify.programmes.models import Enrolment

    return bool(
        user.is_authenticated
        and Enrolment.objects.filter(
            person__user=user, role__in=(Enrolment.Role.MENTEE, Enrolment.Role.PARTICIPANT)
        ).exists()
    )


# Confirming or rejecting an outcome: the cohort's managers. Reading a cohort's outcomes and
# their counts: its managers, impact admins (who report on impact) and administrators.
rules.add_perm("outcomes.verify_outcome", verifies_outcome)
rules.add_perm("outcomes.view_cohort_outcomes", manages_cohort | is_impact_admin | is_administrator)
