from typing import Any

import rules

from amplify.accounts.rules import is_administrator
from amplify.programmes.rules import manages_programme


@rules.predicate
def is_mentor(user: Any) -> bool:
    """Enrolled as a mentor in some cohort, now or in the past."""
    from amplify.programmes.models import Enrolment

    return bool(
        user.is_authenticated
        and Enrolment.objects.filter(person__user=user, role=Enrolment.Role.MENTOR).exists()
    )


@rules.predicate
def manages_activity_programme(user: Any, activity: Any) -> bool:
    return activity is not None and bool(manages_programme(user, activity.module.programme))


# A programme's curriculum, screening settings, code of conduct and the background checks it
# records are its managers' (and administrators'). Verifying an activity likewise; the
# service refuses a mentor's own.
rules.add_perm("training.manage", manages_programme | is_administrator)
rules.add_perm("training.verify_activity", manages_activity_programme | is_administrator)
