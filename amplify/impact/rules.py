"""Who reads and publishes impact figures.

A cohort's or a programme's report: its managers, impact admins and administrators. The
organisation roll-up: impact admins and administrators, and programme managers for their
own programmes' rows. The indicator library (definitions) is edited by impact admins and
administrators, and read by anyone who reads a report.
"""

from typing import Any

import rules

from amplify.accounts.rules import is_administrator, is_impact_admin
from amplify.programmes.rules import manages_cohort, manages_programme


@rules.predicate
def manages_any_programme(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    from amplify.programmes.models import Programme

    return bool(Programme.objects.managed_by(user).exists())


oversees_impact = is_impact_admin | is_administrator

rules.add_perm("impact.view_cohort_report", manages_cohort | oversees_impact)
rules.add_perm("impact.publish_cohort_report", manages_cohort | oversees_impact)
rules.add_perm("impact.view_programme_report", manages_programme | oversees_impact)
rules.add_perm("impact.publish_programme_report", manages_programme | oversees_impact)
rules.add_perm("impact.view_organisation", oversees_impact | manages_any_programme)
rules.add_perm("impact.publish_organisation", oversees_impact)
rules.add_perm("impact.view_indicators", oversees_impact | manages_any_programme)
rules.add_perm("impact.change_indicators", oversees_impact)
# Drilling from a figure to the records behind it (never to a survey answer's author).
rules.add_perm("impact.drill_down", oversees_impact)
