from typing import Any

import rules

from amplify.accounts.rules import is_administrator
from amplify.programmes.rules import manages_cohort


@rules.predicate
def is_employee(user: Any) -> bool:
    """An employee with an account (not an external person: mentees and partner staff)."""
    from amplify.people.models import Person

    return bool(
        user.is_authenticated
        and user.is_active
        and Person.objects.filter(user=user, employee_id__isnull=False).exists()
    )


@rules.predicate
def reviews_offer(user: Any, offer: Any) -> bool:
    return offer is not None and manages_cohort(user, offer.cohort)


# Employees volunteer to mentor in a mentoring cohort that is recruiting or matching.
rules.add_perm("volunteering.volunteer", is_employee)
# A cohort's volunteers: its programme managers review them (the cohort is the object).
rules.add_perm("volunteering.review", manages_cohort | is_administrator)
rules.add_perm("volunteering.review_offer", reviews_offer | is_administrator)
