"""Who may do what with the giving ledger: impact admins and administrators keep it;
programme managers read the lines of their own programmes (`Gift.objects.for_user`)."""

import rules

from amplify.accounts.rules import is_administrator, is_impact_admin, is_programme_manager

keeps_ledger = is_impact_admin | is_administrator

rules.add_perm("giving.manage_ledger", keeps_ledger)
rules.add_perm("giving.view_ledger", keeps_ledger | is_programme_manager)
