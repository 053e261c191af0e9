import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amplify.conftest import World
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.programmes.tests.factories import EnrolmentFactory
from amplify.tests.pages import form_data


def test_it_lets_a_programme_manager_set_up_a_programme_and_cohort(world: World, as_user) -> None:
    client = as_user(world.harriet)
    response = client.post(
        reverse("programmes:create"),
        {
            "name": "Bridge Fellows",
            "kind": "leadership",
            "summary": "",
            "description": "",
            "pillars": ["L", "E"],
        },
    )
    programme = Programme.objects.get(name="Bridge Fellows")
    assert response["Location"] == programme.get_absolute_url()
    assert sorted(programme.pillars.values_list("code", flat=True)) == ["E", "L"]
    response = client.post(
        reverse("programmes:cohort-create", args=[programme.slug]),
        {
            "name": "Bridge 2027",
            "starts_on": "2027-01-11",
            "ends_on": "2027-08-06",
        },
    )
    cohort = Cohort.objects.get(name="Bridge 2027")
    assert response["Location"] == cohort.get_absolute_url()
    assert cohort.number == 1


def test_it_shows_form_errors_next_to_their_field(world: World, as_user) -> None:
    response = as_user(world.harriet).post(
        reverse("programmes:cohort-create", args=["positive-influence"]),
        {"name": "Oops", "starts_on": "2027-05-01", "ends_on": "2027-04-01"},
    )
    assert response.status_code == 200
    assert b"The end date must be after the start date." in response.content
    assert not Cohort.objects.filter(name="Oops").exists()


def test_it_enrols_withdraws_and_moves_status_from_the_cohort_pages(world: World, as_user) -> None:
    client = as_user(world.harriet)
    otto = world.person(world.otto)
    found = client.get(
        reverse("programmes:cohort-candidates", args=[world.cohort.pk]), {"q": "otto"}
    )
    assert b"Otto Staff" in found.content
    client.post(
        reverse("programmes:cohort-enrol", args=[world.cohort.pk]),
        {"person": otto.pk, "role": "mentor"},
    )
    enrolment = Enrolment.objects.get(person=otto)
    roster = client.get(reverse("programmes:cohort-people", args=[world.cohort.pk]))
    assert b"Otto Staff" in roster.content
    client.post(reverse("programmes:enrolment-withdraw", args=[world.cohort.pk, enrolment.pk]))
    enrolment.refresh_from_db()
    assert enrolment.status == "withdrawn"
    url = reverse("programmes:cohort-status", args=[world.cohort.pk])
    confirm = client.get(url, {"to": "closed"})
    client.post(url, form_data(confirm))
    world.cohort.refresh_from_db()
    assert world.cohort.status == "closed"
    history = client.get(reverse("programmes:cohort-history", args=[world.cohort.pk]))
    assert b"Running" in history.content
    assert b"Closed" in history.content
    assert b"harriet@sony.example" in history.content


def test_it_shows_members_the_cohort_but_not_the_manager_controls(world: World, as_user) -> None:
    page = as_user(world.alice).get(reverse("programmes:cohort", args=[world.cohort.pk]))
    assert page.status_code == 200
    assert b"Close the cohort" not in page.content
    roster = as_user(world.alice).get(reverse("programmes:cohort-people", args=[world.cohort.pk]))
    assert b"Bea Young" in roster.content
    assert b"Dan Young" not in roster.content


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["programmes:cohort", "programmes:cohort-people"])
@pytest.mark.parametrize("who", ["harriet", "alice"])
def test_it_costs_the_same_queries_with_10_or_1000_enrolments(
    world: World, as_user, page: str, who: str, django_assert_max_num_queries
) -> None:
    client = as_user(getattr(world, who))
    url = reverse(page, args=[world.cohort.pk])
    EnrolmentFactory.create_batch(6, cohort=world.cohort, role="mentor")  # 10 in all
    client.get(url)
    with_10 = _count(client, url)
    people = PersonFactory.create_batch(990)
    Enrolment.objects.bulk_create(
        Enrolment(cohort=world.cohort, person=p, role="mentor") for p in people
    )
    with django_assert_max_num_queries(with_10):
        client.get(url)
