"""Home-group balance never says who is what: no group's count of a diversity attribute is
kept or shown, and groups smaller than five are not balanced by gender at all, so a manager
cannot use "keep together" rules and groups of two to read one person's gender."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.diversity.services import diversity_profile_save
from amplify.matching.models import GroupingRun, HomeGroup
from amplify.matching.tests.cohorts import profile
from amplify.matching.tests.test_grouping import PEOPLE, ZONES
from amplify.people.models import Person
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Cohort, Enrolment
from amplify.programmes.tests.factories import EnrolmentFactory


@pytest.fixture
def cohort(world: World) -> Cohort:
    world.leadership.managers.add(world.person(world.harriet))
    cohort = world.leadership_cohort
    Enrolment.objects.filter(cohort=cohort).delete()
    for n, (country, family) in enumerate(PEOPLE):
        person = PersonFactory(
            name=f"Participant {n:02d}", country_id=country, time_zone=ZONES[country]
        )
        EnrolmentFactory(cohort=cohort, person=person, role=Enrolment.Role.PARTICIPANT)
        profile(person, job_family=family, seniority=3 + n % 2)
        gender(world, person, "woman" if n % 3 else "man")
    return cohort


def gender(world: World, person: Person, value: str) -> None:
    diversity_profile_save(
        person=person,
        changed_by=world.ina,
        consent_given=True,
        gender=value,
        consent_to_matching=True,
    )


def api(user: User) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(user=user, name='t')[1]}"})


def run_through_the_api(client: Client, cohort: Cohort, capture: Any, **sizes: int) -> Any:
    with capture(execute=True):
        started = client.post(
            f"/api/cohorts/{cohort.pk}/grouping-runs", sizes, content_type="application/json"
        )
    assert started.status_code == 202, started.content
    return client.get(f"/api/grouping-runs/{started.json()['id']}").json()


def visible(run: Any) -> Any:
    """What a manager reads of a run, without what differs between any two runs."""
    return (
        run["result"],
        sorted((g["name"], sorted(g["member_ids"]), g["balance"]) for g in run["groups"]),
    )


def test_groups_show_whether_they_are_balanced_never_a_count_of_gender(
    world: World, cohort: Cohort, as_user, django_capture_on_commit_callbacks
) -> None:
    run = run_through_the_api(api(world.harriet), cohort, django_capture_on_commit_callbacks)
    assert [len(g["member_ids"]) for g in run["groups"]] == [6, 6, 6]
    for group in run["groups"]:
        assert set(group["balance"]["counts"]) == {"function", "country", "seniority"}
        assert isinstance(group["balance"]["perfect"]["gender"], bool)
    assert isinstance(run["result"]["perfect"]["gender"], bool)
    for home in HomeGroup.objects.filter(run_id=run["id"]):
        assert "gender" not in home.balance["counts"]
    page = as_user(world.harriet).get(reverse("matching:grouping", args=[run["id"]]))
    assert re.search(r"gender (balanced|uneven)", page.content.decode())
    admin = as_user(world.ada).get(f"/admin/matching/homegroup/{home.pk}/change/")
    assert admin.status_code == 200
    assert "woman" not in admin.content.decode()


def test_a_manager_cannot_read_a_persons_gender_with_groups_of_two(
    world: World, cohort: Cohort, as_user, django_capture_on_commit_callbacks
) -> None:
    # Harriet knows Zoe's gender and wants Yan's: she keeps them together in groups of two,
    # runs, then (once Yan's gender differs) runs again and compares.
    client = api(world.harriet)
    zoe, yan = Person.objects.filter(enrolments__cohort=cohort, country_id="GB")[:2]
    rule = client.post(
        f"/api/cohorts/{cohort.pk}/group-rules",
        {"first_id": zoe.pk, "second_id": yan.pk, "kind": "together"},
        content_type="application/json",
    )
    assert rule.status_code == 201
    gender(world, yan, "woman")
    sizes = {"min_size": 2, "target_size": 2, "max_size": 2}
    first = run_through_the_api(client, cohort, django_capture_on_commit_callbacks, **sizes)
    gender(world, yan, "man")
    second = run_through_the_api(client, cohort, django_capture_on_commit_callbacks, **sizes)
    # Nothing a manager can read differs: the groups, their balance, the run's figures.
    assert visible(first) == visible(second)
    together = next(g for g in first["groups"] if zoe.pk in g["member_ids"])
    assert sorted(together["member_ids"]) == sorted([zoe.pk, yan.pk])
    assert together["balance"]["perfect"]["gender"] is None
    assert first["result"]["perfect"]["gender"] is None
    assert any("not balanced by gender" in w for w in first["result"]["warnings"])
    harriet = as_user(world.harriet)
    pages = [
        harriet.get(reverse("matching:grouping", args=[run["id"]])).content.decode()
        for run in (first, second)
    ]
    assert "gender balanced" not in pages[0]
    assert "gender uneven" not in pages[0]
    assert "not balanced by gender" in pages[0]
    # The two review pages differ only in their run's number and links.
    strip = re.compile(r"(Run|run) \d+|/\d+/|value=\"\d+\"|[A-Za-z0-9]{64}")
    assert strip.sub("", pages[0]) == strip.sub("", pages[1])
    assert GroupingRun.objects.count() == 2
