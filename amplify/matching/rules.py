import rules

from amplify.programmes.rules import is_matched

# A matching profile and "why we matched you" are for the people matching pairs or groups.
rules.add_perm("matching.keep_own_profile", is_matched)
