"""Who acts and whom a read is for: the identities that govern privacy, as types mypy checks.

Every service's `changed_by`, `created_by`, `published_by` (and the like) is an `Actor`, and
every `for_user(user)` takes a `Viewer`. They are aliases, named as strings so that any
module, models included, may import them without importing the accounts models at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from amplify.accounts.models import User

# Who makes a change: a signed-in account (the history and audit rows name her).
Actor: TypeAlias = "User"
# Whom a read is for: an account, or nobody signed in (who then sees nothing private).
Viewer: TypeAlias = "User"
