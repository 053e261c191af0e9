"""Writes for matching, one module per feature:

- profiles: each person's matching profile
- pairrules: a cohort's rules about pairs (always or never pair two people)
- runs: start a run (with its defaults), rerun, discard, publish and announce it
- execution: execute a queued run (the engine, then its proposals and report stored)
- proposals: a run's rules for the engine, and a pair as proposed (shared by the two above
  and review)
- review: lock, exclude and swap a run's pairs before it is published
- groups: home groups, draft to published
- _lifecycle: what runs and home groups share (claiming, progress, locking, discarding)

Every name is re-exported here, so `from amplify.matching.services import ...` and
`services.<name>` keep working; a module of this package imports from its sibling directly.
"""

from amplify.matching.explanations import my_matches
from amplify.matching.services.execution import Progress, matching_run_execute
from amplify.matching.services.groups import (
    DEFAULT_GROUP_SIZES,
    LARGEST_GROUP,
    PRIVATE,
    SMALL_BAND,
    SMALLEST_GROUP,
    GroupSizes,
    balance,
    group_rule_set,
    grouping_run_discard,
    grouping_run_execute,
    grouping_run_publish,
    grouping_run_rerun,
    grouping_run_start,
    home_group_move,
)
from amplify.matching.services.pairrules import pair_rule_remove, pair_rule_set
from amplify.matching.services.profiles import PROFILE_FIELDS, match_profile_save
from amplify.matching.services.proposals import PRIVATE_CRITERIA, proposal_for, rules_for
from amplify.matching.services.review import (
    INFEASIBLE,
    proposed_pair_exclude,
    proposed_pair_lock,
    proposed_pairs_swap,
)
from amplify.matching.services.runkind import run_kind_for
from amplify.matching.services.runs import (
    MAX_SHARED_SLOTS,
    MAX_TRAINING_HOURS,
    RunSettings,
    matching_run_discard,
    matching_run_publish,
    matching_run_rerun,
    matching_run_start,
    matching_run_start_defaulted,
    published_pairs,
    run_defaults,
)

__all__ = [
    "DEFAULT_GROUP_SIZES",
    "INFEASIBLE",
    "LARGEST_GROUP",
    "MAX_SHARED_SLOTS",
    "MAX_TRAINING_HOURS",
    "PRIVATE",
    "PRIVATE_CRITERIA",
    "PROFILE_FIELDS",
    "SMALLEST_GROUP",
    "SMALL_BAND",
    "GroupSizes",
    "Progress",
    "RunSettings",
    "balance",
    "group_rule_set",
    "grouping_run_discard",
    "grouping_run_execute",
    "grouping_run_publish",
    "grouping_run_rerun",
    "grouping_run_start",
    "home_group_move",
    "match_profile_save",
    "matching_run_discard",
    "matching_run_execute",
    "matching_run_publish",
    "matching_run_rerun",
    "matching_run_start",
    "matching_run_start_defaulted",
    "my_matches",
    "pair_rule_remove",
    "pair_rule_set",
    "proposal_for",
    "proposed_pair_exclude",
    "proposed_pair_lock",
    "proposed_pairs_swap",
    "published_pairs",
    "rules_for",
    "run_defaults",
    "run_kind_for",
]
