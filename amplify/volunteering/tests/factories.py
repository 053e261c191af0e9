"""A Positive Influence cohort taking volunteers, on top of the shared world, and offers."""

from __future__ import annotations

from typing import Any

from amplify.conftest import World
from amplify.people.models import Person
from amplify.programmes.models import Cohort
from amplify.programmes.tests.factories import CohortFactory
from amplify.volunteering import services
from amplify.volunteering.models import MentorOffer


def recruiting(world: World, **fields: Any) -> Cohort:
    """Harriet's cohort 8, recruiting."""
    defaults: dict[str, Any] = {
        "programme": world.programme,
        "name": "Positive Influence 2027 (cohort 8)",
        "status": Cohort.Status.RECRUITING,
    }
    return CohortFactory(**{**defaults, **fields})


def offer_for(world: World, cohort: Cohort, who: Any = None, **fields: Any) -> MentorOffer:
    """Otto's offer (an employee in no cohort), unless another user is given."""
    user = who or world.otto
    data: dict[str, Any] = {
        "why": "I was mentored at 19 and it changed my life.",
        "tags": ["A&R", "Streaming"],
        "capacity": 2,
    }
    data.update(fields)
    return services.mentor_offer_submit(
        cohort=cohort, person=Person.objects.get(user=user), submitted_by=user, **data
    )
