"""A mentee sees herself, her mentor or coach and her cohorts' staff: no other mentor, no
other young person (docs/permissions.md), on every page and API built on for_user()."""

from django.urls import reverse

from amplify.conftest import World
from amplify.programmes.models import Enrolment
from amplify.programmes.tests.factories import CohortFactory, EnrolmentFactory


def test_it_lists_only_her_mentor_and_staff_in_the_people_api(world: World, as_user) -> None:
    people = as_user(world.bea).get("/api/people").json()
    names = {p["name"] for p in people["items"]}
    assert names == {"Bea Young", "Alice Staff", "Harriet Staff"}


def test_it_refuses_another_mentor_in_the_person_api_and_page(world: World, as_user) -> None:
    client = as_user(world.bea)
    carl = world.person(world.carl).pk
    assert client.get(f"/api/people/{carl}").status_code == 404
    assert client.get(reverse("people:detail", args=[carl])).status_code == 404
    alice = world.person(world.alice).pk
    assert client.get(reverse("people:detail", args=[alice])).status_code == 200


def test_it_lists_only_her_and_her_mentor_in_the_cohort_enrolments_api(
    world: World, as_user
) -> None:
    rows = as_user(world.bea).get(f"/api/cohorts/{world.cohort.pk}/enrolments").json()
    names = {r["person_name"] for r in rows["items"]}
    assert names == {"Bea Young", "Alice Staff"}


def test_it_shows_only_her_and_her_mentor_on_the_cohort_people_page(world: World, as_user) -> None:
    page = as_user(world.bea).get(reverse("programmes:cohort-people", args=[world.cohort.pk]))
    assert page.status_code == 200
    assert b"Alice Staff" in page.content
    assert b"Carl Staff" not in page.content
    assert b"Dan Young" not in page.content


def test_it_shows_the_people_directory_page_without_other_mentors(world: World, as_user) -> None:
    page = as_user(world.bea).get(reverse("people:list"))
    assert page.status_code == 200
    assert b"Alice Staff" in page.content
    assert b"Carl Staff" not in page.content
    assert b"Dan Young" not in page.content


def test_it_keeps_a_mentor_seeing_her_colleagues(world: World, as_user) -> None:
    rows = as_user(world.alice).get(f"/api/cohorts/{world.cohort.pk}/enrolments").json()
    names = {r["person_name"] for r in rows["items"]}
    assert names == {"Alice Staff", "Bea Young", "Carl Staff"}


def test_it_applies_the_rule_cohort_by_cohort(world: World, as_user) -> None:
    # Given Alice, a mentor in cohort 7, is a mentee in another cohort where Carl mentors
    other = CohortFactory(programme=world.programme, name="Positive Influence 2027")
    EnrolmentFactory(cohort=other, person=world.person(world.alice), role=Enrolment.Role.MENTEE)
    EnrolmentFactory(cohort=other, person=world.person(world.carl), role=Enrolment.Role.MENTOR)
    # Then she sees Carl's enrolment in cohort 7 (a colleague) but not in the other cohort
    rows = as_user(world.alice).get(f"/api/cohorts/{other.pk}/enrolments").json()
    assert {r["person_name"] for r in rows["items"]} == {"Alice Staff"}
