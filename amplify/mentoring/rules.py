from typing import Any

import rules

from amplify.accounts.rules import is_administrator
from amplify.programmes.rules import manages_cohort, manages_programme


@rules.predicate
def is_one_of_the_pair(user: Any, pairing: Any) -> bool:
    if pairing is None or not user.is_authenticated:
        return False
    return bool(user.pk in (pairing.mentor.user_id, pairing.mentee.user_id))


@rules.predicate
def is_the_mentee(user: Any, pairing: Any) -> bool:
    return bool(pairing is not None and user.is_authenticated and pairing.mentee.user_id == user.pk)


@rules.predicate
def manages_pairs_cohort(user: Any, pairing: Any) -> bool:
    return pairing is not None and bool(manages_cohort(user, pairing.cohort))


# The pair's own page and goals are for its two people; the manager closes a relationship
# and sees its numbers (never the goals' text); the agreement's wording is the programme's.
rules.add_perm("mentoring.accept_agreement", is_one_of_the_pair)
rules.add_perm("mentoring.set_goals", is_the_mentee)
rules.add_perm("mentoring.comment_goal", is_one_of_the_pair)
rules.add_perm("mentoring.ask_to_end", is_one_of_the_pair)
rules.add_perm("mentoring.manage_relationship", manages_pairs_cohort)
rules.add_perm("mentoring.publish_agreement", manages_programme | is_administrator)
