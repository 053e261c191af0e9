"""Predicates on the organisation-wide role of an account."""

from typing import Any

import rules


@rules.predicate
def is_programme_manager(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_programme_manager)


@rules.predicate
def is_impact_admin(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_impact_admin)


@rules.predicate
def is_partner(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_partner)


is_administrator = rules.is_superuser

rules.add_perm("accounts.manage_own_tokens", rules.is_authenticated)
