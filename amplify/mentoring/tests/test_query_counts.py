"""The relationship's pages cost the same number of queries with one goal or many, one
pair or many (query counts, not time)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amplify.conftest import World
from amplify.mentoring.services import agreement_accept, goal_comment_add, goal_progress_update
from amplify.mentoring.tests.factories import goal_for, pair_of
from amplify.people.tests.factories import ExternalPersonFactory, PersonFactory
from amplify.programmes.models import Enrolment
from amplify.programmes.tests.factories import EnrolmentFactory, PairingFactory


def _grow(world: World, n: int) -> None:
    """n more goals for Bea (with updates and comments), n more pairs in the cohort."""
    for i in range(n):
        goal = goal_for(world, title=f"Goal {i} {n}")
        goal_progress_update(goal=goal, by=world.person(world.bea), progress=min(100, i * 10))
        goal_comment_add(goal=goal, by=world.person(world.alice), body=f"Comment {i}")
        mentor, mentee = PersonFactory(), ExternalPersonFactory()
        EnrolmentFactory(cohort=world.cohort, person=mentor, role=Enrolment.Role.MENTOR)
        EnrolmentFactory(cohort=world.cohort, person=mentee, role=Enrolment.Role.MENTEE)
        PairingFactory(cohort=world.cohort, mentor=mentor, mentee=mentee)


ROUTES: list[tuple[str, str, Callable[[World], str]]] = [
    ("pair page", "bea", lambda w: reverse("mentoring:pair", args=[pair_of(w).pk])),
    ("goal page", "alice", lambda w: reverse("mentoring:goal", args=[goal_for(w).pk])),
    ("manager's pair", "harriet", lambda w: reverse("mentoring:manage-pair", args=[pair_of(w).pk])),
    ("cohort", "harriet", lambda w: reverse("mentoring:cohort", args=[w.cohort.pk])),
    ("home", "bea", lambda w: reverse("home:index")),
    ("api goals", "bea", lambda w: f"/api/mentoring/pairs/{pair_of(w).pk}/goals"),
    ("api summary", "harriet", lambda w: f"/api/mentoring/pairs/{pair_of(w).pk}/summary"),
    ("api cohort", "harriet", lambda w: f"/api/mentoring/cohorts/{w.cohort.pk}/relationships"),
]


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("label", "who", "url"), ROUTES, ids=[r[0] for r in ROUTES])
def test_it_costs_the_same_queries_with_more_goals_and_pairs(
    world: World, label: str, who: str, url: Callable[[World], str]
) -> None:
    # Given a little: an accepted agreement, a goal, its update and comment
    agreement_accept(pairing=pair_of(world), by=world.person(world.bea))
    _grow(world, 2)
    client = Client()
    client.force_login(getattr(world, who))
    address = url(world)
    client.get(address)
    small = _count(client, address)
    # When there is much more
    _grow(world, 25)
    # Then the page costs no more queries
    assert _count(client, address) <= small
