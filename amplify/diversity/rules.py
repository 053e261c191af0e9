import rules

from amplify.accounts.rules import is_impact_admin

# Deliberately not granted to administrators: identifiable diversity data is for the impact
# team alone. An administrator who needs it must be given the impact-admin role, which the
# account's audit history records.
rules.add_perm("diversity.view_identifiable", is_impact_admin)
rules.add_perm("diversity.change_identifiable", is_impact_admin)
