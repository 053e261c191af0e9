"""Matching and home-group pages, one module per feature: runs, review, pair rules, home
groups, and each person's own profile and match. Re-exported for amplify/matching/urls.py."""

from amplify.matching.views.groups import cohort_groups, grouping_action, grouping_detail
from amplify.matching.views.mymatch import my_match
from amplify.matching.views.pairrules import rule_remove
from amplify.matching.views.profiles import my_profile
from amplify.matching.views.review import pair_action
from amplify.matching.views.runs import cohort_runs, compare, rematch, run_action, run_detail

__all__ = [
    "cohort_groups",
    "cohort_runs",
    "compare",
    "grouping_action",
    "grouping_detail",
    "my_match",
    "my_profile",
    "pair_action",
    "rematch",
    "rule_remove",
    "run_action",
    "run_detail",
]
