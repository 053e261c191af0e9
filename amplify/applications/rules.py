from typing import Any

import rules

from amplify.accounts.rules import is_administrator, is_impact_admin, is_partner
from amplify.programmes.rules import manages_cohort


@rules.predicate
def reviews_application(user: Any, application: Any) -> bool:
    return application is not None and manages_cohort(user, application.cohort)


@rules.predicate
def works_for_a_partner(user: Any) -> bool:
    from amplify.people.models import Person

    return bool(
        is_partner(user) and Person.objects.filter(user=user, partner__isnull=False).exists()
    )


def may_read_evidence(user: Any) -> bool:
    """The eligibility evidence (date of birth, socioeconomic answers): impact admins alone,
    as for the diversity data it becomes. Not a permission: administrators hold every
    permission, and this is deliberately not theirs."""
    return bool(user.is_authenticated and user.is_impact_admin)


# A cohort's applications: its programme managers review them (the cohort is the object).
rules.add_perm("applications.review", manages_cohort | is_administrator)
rules.add_perm("applications.review_application", reviews_application | is_administrator)
# One application's page: its reviewers, and impact admins (who alone see the evidence).
rules.add_perm(
    "applications.view_application", reviews_application | is_administrator | is_impact_admin
)
# Outreach partner staff refer young people to a recruiting cohort and follow their stage.
rules.add_perm("applications.refer", works_for_a_partner)
