"""Each role's home page shows what concerns it."""

import pytest
from django.urls import reverse

from amplify.conftest import World
from amplify.core.privacy import suppress


def home(as_user, user) -> str:
    response = as_user(user).get(reverse("home:index"))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_a_programme_manager_the_cohorts_she_runs(world: World, as_user) -> None:
    page = home(as_user, world.harriet)
    assert "Cohorts you run" in page
    assert world.cohort.name in page
    assert "Amplify 2026" not in page


def test_it_shows_a_mentor_her_cohort_mentee_and_next_event(world: World, as_user) -> None:
    page = home(as_user, world.alice)
    assert "Your cohorts" in page
    assert "Your mentee" in page
    assert "Bea Young" in page
    assert "Launch evening" in page
    assert "Cohorts you run" not in page


def test_it_shows_a_mentee_her_mentor(world: World, as_user) -> None:
    page = home(as_user, world.bea)
    assert "Your mentor" in page
    assert "Alice Staff" in page
    assert "Dan Young" not in page


def test_it_shows_a_partner_its_referrals_and_their_status(world: World, as_user) -> None:
    page = home(as_user, world.pat)
    assert "Your referrals" in page
    assert '<div class="stat-value">1</div><div class="stat-label">young people referred' in page
    assert '<div class="stat-value">1</div><div class="stat-label">taking part now' in page
    assert "Bea Young" in page
    assert "Dan Young" not in page


def test_it_shows_the_impact_admin_the_whole_organisation(world: World, as_user) -> None:
    page = home(as_user, world.ina)
    assert "Open cohorts across programmes" in page
    assert "Amplify 2026" in page
    # Five people take part now: shown. Fewer would be suppressed.
    assert suppress(5) == 5


def test_it_welcomes_someone_in_no_cohort(world: World, as_user) -> None:
    assert "Nothing here yet." in home(as_user, world.otto)


@pytest.mark.parametrize("who", ["harriet", "alice", "ina"])
def test_it_keeps_home_cheap_as_cohorts_grow(
    world: World, as_user, who: str, django_assert_max_num_queries
) -> None:
    from amplify.programmes.tests.factories import EnrolmentFactory

    client = as_user(getattr(world, who))
    client.get(reverse("home:index"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(reverse("home:index"))
    EnrolmentFactory.create_batch(200, cohort=world.cohort, role="mentor")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("home:index"))


@pytest.mark.parametrize("who", ["harriet", "ina", "ada"])
def test_it_shows_whoever_oversees_the_cohort_its_next_event(
    world: World, as_user, who: str
) -> None:
    # The launch is on the agenda of its programme's manager, the impact admin and the
    # administrator alike, though none of them is enrolled in the cohort.
    page = home(as_user, getattr(world, who))
    assert "Launch evening" in page
    assert "Nothing scheduled" not in page


def test_it_lists_the_events_across_programmes_for_the_impact_admin(world: World, as_user) -> None:
    page = as_user(world.ina).get(reverse("events:list")).content.decode()
    assert "Launch evening" in page
