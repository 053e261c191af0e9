"""Home groups, as they were imported before the services package: the writes are in
amplify.matching.services.groups and the region bands in amplify.core.matching.bands.
Kept so that `from amplify.matching import grouping` goes on working."""

from amplify.core.matching.bands import REGIONS, band_name, bands, small_bands
from amplify.matching.services.groups import (
    PRIVATE,
    SMALL_BAND,
    balance,
    group_rule_set,
    grouping_run_discard,
    grouping_run_execute,
    grouping_run_publish,
    grouping_run_rerun,
    grouping_run_start,
    home_group_move,
)

__all__ = [
    "PRIVATE",
    "REGIONS",
    "SMALL_BAND",
    "balance",
    "band_name",
    "bands",
    "group_rule_set",
    "grouping_run_discard",
    "grouping_run_execute",
    "grouping_run_publish",
    "grouping_run_rerun",
    "grouping_run_start",
    "home_group_move",
    "small_bands",
]
