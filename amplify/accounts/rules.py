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


@rules.predicate
def needs_second_factor(user: Any) -> bool:
    """The staff roles (programme manager, impact admin, administrator, admin access)."""
    return bool(user.is_authenticated and user.needs_mfa)


@rules.predicate
def has_person_record(user: Any) -> bool:
    from amplify.people.models import Person

    return bool(user.is_authenticated and Person.objects.filter(user=user).exists())


@rules.predicate
def is_employee(user: Any) -> bool:
    from amplify.people.models import Person

    return bool(
        user.is_authenticated
        and Person.objects.filter(user=user, employee_id__isnull=False).exists()
    )


@rules.predicate
def has_second_factor(user: Any) -> bool:
    from allauth.mfa.models import Authenticator

    return bool(user.is_authenticated and Authenticator.objects.filter(user=user).exists())


@rules.predicate
def has_api_token(user: Any) -> bool:
    from amplify.accounts.models import ApiToken

    return bool(user.is_authenticated and ApiToken.objects.filter(user=user).exists())


# API tokens and second factors are for the staff roles and employees. Young people and
# partner staff use the pages and sign in with their password; anyone who already holds a
# token or a second factor may still manage it.
rules.add_perm("accounts.manage_own_tokens", needs_second_factor | is_employee | has_api_token)
rules.add_perm(
    "accounts.manage_second_factor", needs_second_factor | is_employee | has_second_factor
)
