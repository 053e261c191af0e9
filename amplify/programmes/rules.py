from typing import Any

import rules

from amplify.accounts.rules import is_administrator, is_programme_manager


@rules.predicate
def manages_programme(user: Any, programme: Any) -> bool:
    if programme is None or not user.is_authenticated:
        return False
    return bool(programme.managers.filter(user=user).exists())


@rules.predicate
def manages_cohort(user: Any, cohort: Any) -> bool:
    if cohort is None or not user.is_authenticated:
        return False
    from amplify.programmes.models import Cohort

    return bool(Cohort.objects.managed_by(user).filter(pk=cohort.pk).exists())


@rules.predicate
def manages_cohort_programme(user: Any, cohort: Any) -> bool:
    """A manager of the cohort's programme (not only someone enrolled to run the cohort)."""
    return cohort is not None and bool(manages_programme(user, cohort.programme))


rules.add_perm("programmes.add_programme", is_programme_manager | is_administrator)
rules.add_perm("programmes.change_programme", manages_programme | is_administrator)
rules.add_perm("programmes.add_cohort", manages_programme | is_administrator)
rules.add_perm("programmes.manage_cohort", manages_cohort | is_administrator)
# Reopening undoes a close: the programme's own managers decide it.
rules.add_perm("programmes.reopen_cohort", manages_cohort_programme | is_administrator)
