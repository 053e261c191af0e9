"""The outcomes pages cost the same number of queries with few or many outcomes and
projects (query counts, not time)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amplify.accounts.models import User
from amplify.conftest import World
from amplify.outcomes.models import Outcome, ShowcaseProject, Verification
from amplify.outcomes.tests.factories import bea_outcome, during, showcase_for
from amplify.people.tests.factories import ExternalPersonFactory
from amplify.programmes.models import Enrolment


def _more(world: World, n: int) -> None:
    event = showcase_for(world)
    people = ExternalPersonFactory.create_batch(n)
    Enrolment.objects.bulk_create(
        Enrolment(cohort=world.cohort, person=p, role=Enrolment.Role.MENTEE) for p in people
    )
    Outcome.objects.bulk_create(
        Outcome(
            person=p,
            cohort=world.cohort,
            kind="job",
            happened_on=during(world),
            during_programme=True,
            recorded_by=world.harriet,
            verification=Verification.CONFIRMED,
            verified_by=world.harriet,
        )
        for p in people
    )
    ShowcaseProject.objects.bulk_create(
        ShowcaseProject(person=p, cohort=world.cohort, event=event, title="T", summary="S")
        for p in people
    )
    for _ in range(max(1, n // 50)):
        bea_outcome(world)


ROUTES: list[tuple[str, Callable[[World], str]]] = [
    ("harriet", lambda w: reverse("outcomes:cohort", args=[w.cohort.pk])),
    ("harriet", lambda w: reverse("outcomes:showcase", args=[w.cohort.pk])),
    ("dan", lambda w: reverse("outcomes:showcase", args=[w.cohort.pk])),
    ("bea", lambda w: reverse("outcomes:mine")),
    ("harriet", lambda w: "/api/outcomes?limit=50"),
    ("dan", lambda w: f"/api/cohorts/{w.cohort.pk}/showcase"),
    ("ina", lambda w: f"/api/cohorts/{w.cohort.pk}/outcome-counts"),
]


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("who", "url"), ROUTES, ids=[f"{r[0]}-{i}" for i, r in enumerate(ROUTES)])
def test_it_costs_the_same_queries_with_few_or_many(
    world: World, as_user, who: str, url: Callable[[World], str]
) -> None:
    user: User = getattr(world, who)
    client = as_user(user)
    _more(world, 3)
    address = url(world)
    client.get(address)
    small = _count(client, address)
    _more(world, 120)
    assert _count(client, address) <= small
