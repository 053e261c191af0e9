"""Matching API: runs, their review, pair rules and home groups for managers; each person's
own profile and published match. One module per feature, each with its own router, mounted
here on the router amplify/api.py mounts."""

from ninja import Router

from amplify.matching.api import groups, mymatch, pairrules, profiles, review, runs
from amplify.matching.api.runs import Weights

router = Router(tags=["matching"])
for feature in (runs, review, pairrules, groups, profiles, mymatch):
    # Operation ids as they were when the endpoints shared one module, so that clients
    # generated from the schema keep their method names.
    for view in feature.router.path_operations.values():
        for operation in view.operations:
            operation.operation_id = operation.operation_id or (
                f"amplify_matching_api_{operation.view_func.__name__}"
            )
    router.add_router("", feature.router)

__all__ = ["Weights", "router"]
