"""Who may do what with the benefits register: impact admins and administrators keep it;
programme managers read it."""

import rules

from amplify.accounts.rules import is_administrator, is_impact_admin, is_programme_manager

keeps_register = is_impact_admin | is_administrator

rules.add_perm("benefits.manage_benefits", keeps_register)
rules.add_perm("benefits.view_benefits", keeps_register | is_programme_manager)
