"""Who sees whom in the directory, and its cost as the organisation grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amplify.conftest import World
from amplify.people.models import Person
from amplify.people.tests.factories import PersonFactory


def visible(world: World, who: str) -> set[str]:
    user = getattr(world, who)
    return set(Person.objects.for_user(user).values_list("email", flat=True))


def test_it_shows_a_mentor_her_mentee_and_colleagues_but_not_other_mentees(world: World) -> None:
    seen = visible(world, "alice")
    assert {"alice@sony.example", "bea@example.com", "carl@sony.example"} <= seen
    assert "dan@example.com" not in seen
    assert "otto@sony.example" not in seen


def test_it_shows_a_mentee_herself_her_mentor_and_her_cohorts_staff_only(world: World) -> None:
    # docs/permissions.md: no other mentor (Carl), no other young person (Dan).
    expected = {"bea@example.com", "alice@sony.example", "harriet@sony.example"}
    assert visible(world, "bea") == expected


def test_it_shows_a_partner_only_its_referrals_and_colleagues(world: World) -> None:
    assert visible(world, "pat") == {"pat@creativementor.example", "bea@example.com"}


def test_it_shows_an_outsider_only_himself(world: World) -> None:
    assert visible(world, "otto") == {"otto@sony.example"}


def test_it_shows_staff_everyone(world: World) -> None:
    everyone = set(Person.objects.values_list("email", flat=True))
    assert visible(world, "harriet") == everyone == visible(world, "ina") == visible(world, "ada")


def test_it_searches_and_filters(world: World, as_user) -> None:
    client = as_user(world.harriet)
    page = client.get(reverse("people:list"), {"q": "bea", "kind": "externals"})
    assert b"Bea Young" in page.content
    assert b"Alice Staff" not in page.content
    fragment = client.get(reverse("people:list"), {"q": "alice"}, HTTP_HX_REQUEST="true")
    assert b"Alice Staff" in fragment.content
    assert b"<html" not in fragment.content


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["harriet", "alice"])
def test_it_costs_the_same_queries_with_10_or_1000_people(
    world: World, as_user, who: str, django_assert_max_num_queries
) -> None:
    client = as_user(getattr(world, who))
    url = reverse("people:list")
    client.get(url)  # the first request settles the session
    small = _queries(client, url)
    PersonFactory.create_batch(1000)
    with django_assert_max_num_queries(small):
        client.get(url)


def test_it_shows_a_partner_the_status_her_home_page_shows(world: World, as_user) -> None:
    # given Bea, referred by Pat's organisation and a mentee in the cohort
    from amplify.programmes.models import Enrolment

    bea = Person.objects.get(user=world.bea)
    # when Pat opens Bea's page
    page = as_user(world.pat).get(reverse("people:detail", args=[bea.pk])).content.decode()
    # then it says what her home page says: a mentee in that cohort, active
    assert world.cohort.name in page
    assert Enrolment.objects.get(person=bea).get_status_display() in page
    assert "Not part of any cohort you can see" not in page
    # but does not link to the cohort's page, which is not hers to open
    assert reverse("programmes:cohort", args=[world.cohort.pk]) not in page


def test_it_offers_only_filters_that_narrow_what_one_sees(world: World, as_user) -> None:
    # A mentee sees herself, her mentor and the cohort's staff: not a choice of every
    # country in the organisation.
    page = as_user(world.bea).get(reverse("people:list"))
    form = page.context["form"]
    visible_countries = set(
        Person.objects.for_user(world.bea).exclude(country=None).values_list("country", flat=True)
    )
    assert set(form.fields["country"].queryset.values_list("pk", flat=True)) == visible_countries
    assert form.shown["country"] is (len(visible_countries) > 1)
