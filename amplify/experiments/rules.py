from typing import Any

import rules

from amplify.accounts.rules import is_administrator, is_impact_admin
from amplify.programmes.rules import manages_cohort, manages_programme


@rules.predicate
def owns_experiment(user: Any, experiment: Any) -> bool:
    return experiment is not None and user.is_authenticated and experiment.owner.user_id == user.pk


@rules.predicate
def sponsors_experiment(user: Any, experiment: Any) -> bool:
    return bool(
        experiment is not None
        and user.is_authenticated
        and experiment.sponsor_id is not None
        and experiment.sponsor.user_id == user.pk
    )


@rules.predicate
def sees_cohort_board(user: Any, cohort: Any) -> bool:
    """A participant, coach or sponsor taking part in the cohort."""
    from amplify.experiments.models import SEEING_ROLES
    from amplify.programmes.models import Enrolment

    if cohort is None or not user.is_authenticated:
        return False
    return bool(
        Enrolment.objects.taking_part()
        .filter(cohort=cohort, person__user=user, role__in=SEEING_ROLES)
        .exists()
    )


@rules.predicate
def is_leadership_cohort(user: Any, cohort: Any) -> bool:
    return cohort is not None and cohort.programme.kind == "leadership"


@rules.predicate
def coaches_or_runs_experiment_cohort(user: Any, experiment: Any) -> bool:
    """A coach of the experiment's cohort, or one of its managers: they comment too."""
    from amplify.programmes.models import Enrolment

    if experiment is None or not user.is_authenticated:
        return False
    if manages_cohort(user, experiment.cohort):
        return True
    return bool(
        Enrolment.objects.taking_part()
        .filter(cohort_id=experiment.cohort_id, person__user=user, role=Enrolment.Role.COACH)
        .exists()
    )


# Writing the test card, starting, capturing the learning, adding evidence: the owner alone.
rules.add_perm("experiments.run_experiment", owns_experiment)
# Approving, returning, recording the business impact: the experiment's sponsor alone.
rules.add_perm("experiments.sponsor_experiment", sponsors_experiment)
# Deciding: the owner (once the sponsor has given her view) or the sponsor.
rules.add_perm("experiments.decide_experiment", owns_experiment | sponsors_experiment)
# Commenting: the owner, the sponsor, the cohort's coaches and managers.
rules.add_perm(
    "experiments.comment_experiment",
    owns_experiment | sponsors_experiment | coaches_or_runs_experiment_cohort,
)
# A cohort's experiment board and its stories: its managers, participants, coaches and
# sponsors; impact admins and administrators (leadership cohorts only).
rules.add_perm(
    "experiments.view_board",
    is_leadership_cohort
    & (manages_cohort | sees_cohort_board | is_impact_admin | is_administrator),
)
# The programme's portfolio across cohorts: its managers, impact admins, administrators.
rules.add_perm("experiments.view_portfolio", manages_programme | is_impact_admin | is_administrator)
