"""Two accepts of one offer at the same moment create one enrolment (PostgreSQL only:
SQLite runs one write transaction at a time; the sequential case is in test_reviewing)."""

from __future__ import annotations

import pytest
from django.db import connection

from amplify.conftest import World
from amplify.programmes.models import Enrolment
from amplify.tests.collide import at_once
from amplify.tests.test_concurrent_writes import api, post, statuses
from amplify.volunteering.models import MentorOffer, OfferStatus
from amplify.volunteering.tests.factories import offer_for, recruiting

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_accepts_at_once_enrol_her_once(world: World) -> None:
    cohort = recruiting(world)
    offer = offer_for(world, cohort)
    url = f"/api/mentor-offers/{offer.pk}/decision"
    body = {"action": "accept"}
    responses = at_once(
        [post(api(world.harriet), url, body), post(api(world.harriet), url, body)],
        meet_at=(MentorOffer, "save"),
    )
    assert statuses(responses) == [200, 200]
    assert Enrolment.objects.filter(cohort=cohort, person__user=world.otto).count() == 1
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    assert offer.history.filter(status=OfferStatus.ACCEPTED).count() == 1


def test_an_accept_and_a_decline_at_once_decide_once(world: World) -> None:
    cohort = recruiting(world)
    offer = offer_for(world, cohort)
    url = f"/api/mentor-offers/{offer.pk}/decision"
    responses = at_once(
        [
            post(api(world.harriet), url, {"action": "accept"}),
            post(api(world.harriet), url, {"action": "decline", "reason": "Enough mentors."}),
        ],
        meet_at=(MentorOffer, "save"),
    )
    assert statuses(responses) == [200, 422]
    offer.refresh_from_db()
    enrolled = Enrolment.objects.filter(cohort=cohort, person__user=world.otto).exists()
    assert enrolled == (offer.status == OfferStatus.ACCEPTED)
