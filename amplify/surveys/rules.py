"""Who builds and runs surveys. The item bank is shared across programmes: programme
managers and impact admins keep it (administrators too). A programme's settings and
templates are its managers'; a cohort's waves are the cohort's managers'. Impact admins read
every programme's and cohort's surveys (their response rates feed the reports)."""

from typing import Any

import rules

from amplify.accounts.rules import is_administrator, is_impact_admin, is_programme_manager
from amplify.programmes.rules import manages_cohort, manages_programme


@rules.predicate
def manages_template_programme(user: Any, template: Any) -> bool:
    return template is not None and bool(manages_programme(user, template.programme))


bank_keepers = is_programme_manager | is_impact_admin | is_administrator

rules.add_perm("surveys.view_items", bank_keepers)
rules.add_perm("surveys.edit_items", bank_keepers)
# A programme's survey settings and templates.
rules.add_perm(
    "surveys.view_programme_surveys", manages_programme | is_impact_admin | is_administrator
)
rules.add_perm("surveys.manage_programme_surveys", manages_programme | is_administrator)
rules.add_perm("surveys.manage_template", manages_template_programme | is_administrator)
# A cohort's waves: its Surveys tab, a wave's page, sending and closing.
rules.add_perm("surveys.view_cohort_surveys", manages_cohort | is_impact_admin | is_administrator)
rules.add_perm("surveys.manage_cohort_surveys", manages_cohort | is_administrator)
