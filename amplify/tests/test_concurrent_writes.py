"""Two managers doing the same thing at the same moment get clear answers, never a 500 or a
deadlock. The requests are made to collide at the point where a race would hurt (see
collide.py), so each test failed every time before the fix.

PostgreSQL only: SQLite runs one write transaction at a time (IMMEDIATE transactions), so
these requests cannot meet there; the same services answer the same 4xx there, one after
the other (see the sequential tests of each app).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.diversity.models import DiversityProfile
from amplify.matching import grouping, services
from amplify.matching.models import GroupingRun, MatchingRun, RunStatus
from amplify.matching.tests.cohorts import build_matchable, profile
from amplify.people.models import Person
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.programmes.tests.factories import EnrolmentFactory
from amplify.tests.collide import at_once

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one write at a time"),
    # Reference data (countries, languages) comes from migrations: restored for each test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WEIGHTS = {"interests": 3, "career": 3}


def api(user: User) -> Client:
    token = api_token_create(user=user, name="collide")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return lambda: client.post(url, body or {}, content_type="application/json")


def statuses(responses: list[Any]) -> list[int]:
    for r in responses:
        assert not isinstance(r, BaseException), r
    return sorted(r.status_code for r in responses)


def test_it_adds_one_of_two_people_with_the_same_email(world: World) -> None:
    body = {"name": "Kai Young", "email": "kai@example.com"}
    one, two = api(world.harriet), api(world.harriet)
    responses = at_once(
        [post(one, "/api/people/external", body), post(two, "/api/people/external", body)],
        meet_at=(Person, "save"),
    )
    assert statuses(responses) == [201, 422]
    refused = next(r for r in responses if r.status_code == 422)
    assert refused.json()["errors"] == {
        "email": ["Someone with the email kai@example.com is already in Amplify."]
    }
    assert Person.objects.filter(email="kai@example.com").count() == 1


def test_it_numbers_two_cohorts_created_at_once(world: World) -> None:
    url = "/api/programmes/positive-influence/cohorts"
    dates = {"starts_on": "2027-01-11", "ends_on": "2027-07-09"}
    calls = [post(api(world.harriet), url, {"name": n, **dates}) for n in ("Spring", "Autumn")]
    responses = at_once(calls, meet_at=(Cohort, "save"))
    assert statuses(responses) == [201, 201]
    numbers = sorted(r.json()["number"] for r in responses)
    assert numbers[1] == numbers[0] + 1


@pytest.mark.parametrize(
    ("first", "second", "created"),
    [
        ("Bridge", "Bridge", 1),  # the same name
        ("Bridge", "BRIDGE", 1),  # the same name in other capitals
        ("Bridge!", "Bridge?", 2),  # two names, one slug: the second takes the next
    ],
)
def test_it_creates_programmes_named_alike_at_once(
    world: World, first: str, second: str, created: int
) -> None:
    calls = [
        post(api(world.harriet), "/api/programmes", {"name": name, "kind": "mentoring"})
        for name in (first, second)
    ]
    responses = at_once(calls, meet_at=(Programme, "save"))
    assert statuses(responses) == ([201, 201] if created == 2 else [201, 422])
    for r in responses:
        if r.status_code == 422:
            assert list(r.json()["errors"]) == ["name"]
            assert "already exists" in r.json()["detail"]
    made = Programme.objects.filter(slug__startswith="bridge")
    assert made.count() == created
    if created == 2:
        assert sorted(made.values_list("slug", flat=True)) == ["bridge", "bridge-2"]


def test_it_keeps_one_diversity_profile_when_two_are_created_at_once(world: World) -> None:
    bea = world.person(world.bea)
    url = f"/api/diversity/profiles/{bea.pk}"

    def put(gender: str) -> Any:
        client = api(world.ina)
        body = {"consent_given": True, "gender": gender}
        return lambda: client.put(url, body, content_type="application/json")

    responses = at_once([put("woman"), put("declined")], meet_at=(DiversityProfile, "save"))
    assert statuses(responses) == [200, 409]
    loser = next(r for r in responses if r.status_code == 409)
    assert "Someone else saved a change" in loser.json()["detail"]
    assert DiversityProfile.objects.filter(person=bea).count() == 1


def test_it_refuses_the_second_of_two_edits_of_a_cohort_made_at_once(world: World) -> None:
    url = f"/api/cohorts/{world.cohort.pk}"
    etag = api(world.harriet).get(url)["ETag"]

    def patch(name: str) -> Any:
        client = api(world.harriet)
        return lambda: client.patch(
            url, {"name": name}, content_type="application/json", headers={"If-Match": etag}
        )

    responses = at_once([patch("Cohort 7A"), patch("Cohort 7B")], meet_at=(Cohort, "save"))
    assert statuses(responses) == [200, 409]
    winner = next(r for r in responses if r.status_code == 200).json()["name"]
    loser = next(r for r in responses if r.status_code == 409).json()
    assert loser["errors"]["name"] == [f"Now “{winner}” (changed by someone else)."]
    assert Cohort.objects.get(pk=world.cohort.pk).name == winner


def test_it_numbers_two_matching_runs_started_at_once(world: World) -> None:
    m = build_matchable(world)
    url = f"/api/cohorts/{m.cohort.pk}/matching-runs"
    calls = [post(api(world.harriet), url, {"weights": WEIGHTS}) for _ in range(2)]
    responses = at_once(calls, meet_at=(MatchingRun, "save"))
    assert statuses(responses) == [202, 202]
    assert sorted(MatchingRun.objects.filter(cohort=m.cohort).values_list("number", flat=True)) == [
        1,
        2,
    ]


def _participants(world: World) -> Cohort:
    world.leadership.managers.add(world.person(world.harriet))
    cohort = world.leadership_cohort
    for n in range(4):
        person = PersonFactory(name=f"Participant {n}", country_id="GB")
        EnrolmentFactory(cohort=cohort, person=person, role=Enrolment.Role.PARTICIPANT)
        profile(person, job_family="finance")
    return cohort


def test_it_numbers_two_grouping_runs_started_at_once(world: World) -> None:
    cohort = _participants(world)
    url = f"/api/cohorts/{cohort.pk}/grouping-runs"
    body = {"min_size": 2, "target_size": 2, "max_size": 3}
    calls = [post(api(world.harriet), url, body) for _ in range(2)]
    responses = at_once(calls, meet_at=(GroupingRun, "save"))
    assert statuses(responses) == [202, 202]
    assert sorted(cohort.grouping_runs.values_list("number", flat=True)) == [1, 2]


def test_it_publishes_one_of_two_matching_runs_published_at_once(world: World) -> None:
    # Given two runs of one cohort ready for review
    m = build_matchable(world)
    runs = [
        services.matching_run_execute(
            run=services.matching_run_start(
                cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS, queue=False
            )
        )
        for _ in range(2)
    ]
    # When two managers publish one each at the same moment
    calls = [post(api(world.harriet), f"/api/matching-runs/{run.pk}/publish") for run in runs]
    responses = at_once(calls, meet_at=(MatchingRun, "save"))
    # Then one is published and the other is told it was discarded: no deadlock
    assert statuses(responses) == [200, 422]
    loser = next(r for r in responses if r.status_code == 422).json()
    assert "Only a run ready for review can be published" in loser["detail"]
    now = MatchingRun.objects.filter(cohort=m.cohort).values_list("status", flat=True)
    assert sorted(now) == [RunStatus.DISCARDED, RunStatus.PUBLISHED]


def test_it_publishes_one_of_two_grouping_runs_published_at_once(world: World) -> None:
    cohort = _participants(world)
    runs = [
        grouping.grouping_run_execute(
            run=grouping.grouping_run_start(
                cohort=cohort,
                created_by=world.harriet,
                min_size=2,
                target_size=2,
                max_size=3,
                queue=False,
            )
        )
        for _ in range(2)
    ]
    calls = [post(api(world.harriet), f"/api/grouping-runs/{run.pk}/publish") for run in runs]
    responses = at_once(calls, meet_at=(GroupingRun, "save"))
    assert statuses(responses) == [200, 200]  # the later one replaces the earlier
    published = cohort.grouping_runs.filter(status=RunStatus.PUBLISHED)
    assert published.count() == 1


def test_two_managers_verify_one_activity_at_once(world: World) -> None:
    # Given a mentor's activity waiting, and a second manager of the programme
    from django.core import mail

    from amplify.training.models import Activity
    from amplify.training.tests.factories import activity, curriculum

    curriculum(world)
    waiting = activity(world, world.alice)
    mail.outbox.clear()
    from amplify.conftest import _user

    second = _user("hugo@sony.example", User.Role.PROGRAMME_MANAGER)
    world.programme.managers.add(PersonFactory(name="Hugo Staff", email=second.email, user=second))
    url = f"/api/training/activities/{waiting.pk}/verify"
    # When both verify it at the same moment
    responses = at_once(
        [post(api(world.harriet), url), post(api(second), url)], meet_at=(Activity, "save")
    )
    # Then both are told it is verified, it is verified once, and the mentor told once
    assert statuses(responses) == [200, 200]
    waiting.refresh_from_db()
    assert waiting.status == Activity.Status.VERIFIED
    assert waiting.history.filter(status=Activity.Status.VERIFIED).count() == 1
    assert [m.to for m in mail.outbox] == [[world.alice.email]]
