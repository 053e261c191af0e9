"""Matching and home-group pages, as a manager and as the people matched."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from amplify.conftest import World
from amplify.core.matching.profiles import DEFAULT_WEIGHTS
from amplify.matching import services
from amplify.matching.models import MatchingRun, PairRule, RunStatus
from amplify.matching.tests.cohorts import Matchable, build_matchable
from amplify.matching.tests.test_services import WEIGHTS
from amplify.people.tests.factories import ExternalPersonFactory
from amplify.programmes.models import Enrolment, Pairing
from amplify.programmes.tests.factories import EnrolmentFactory

FORM = {
    "mode": "optimal",
    "objective": "most_matched",
    "required_training_hours": "10",
    "min_shared_slots": "1",
    **{f"w_{c.value}": str(w) for c, w in DEFAULT_WEIGHTS.items()},
}


@pytest.fixture
def m(world: World) -> Matchable:
    return build_matchable(world)


def ready_run(world: World, m: Matchable) -> MatchingRun:
    # Not queued: executed here, once (a transactional test would also run the queued task).
    run = services.matching_run_start(
        cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS, queue=False
    )
    return services.matching_run_execute(run=run)


def test_a_manager_runs_reviews_and_publishes(
    world: World, m: Matchable, as_user, django_capture_on_commit_callbacks
) -> None:
    client = as_user(world.harriet)
    page = client.get(reverse("matching:cohort", args=[m.cohort.pk]))
    assert page.status_code == 200
    assert b"No runs yet" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("matching:cohort", args=[m.cohort.pk]), FORM)
    run = MatchingRun.objects.get(cohort=m.cohort)
    assert response["Location"] == run.get_absolute_url()
    page = client.get(run.get_absolute_url())
    html = page.content.decode()
    assert run.status == "queued" or "Certified optimal" in html
    run.refresh_from_db()
    assert run.status == RunStatus.READY
    for text in (
        "Alice Staff",
        "Bea Young",
        "Shared interests and skills",
        "Not matched (2)",
        "No mentor shares a language with this mentee",
        "Mentors set aside",
        "Has not completed the required mentor training",
        "Publish",
    ):
        assert text in html, text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("matching:run-action", args=[run.pk, "publish"]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED
    assert Pairing.objects.filter(cohort=m.cohort).count() == 2
    assert len(mail.outbox) == 4


def test_bad_weights_are_shown_on_the_form(world: World, m: Matchable, as_user) -> None:
    data = {**FORM, **{f"w_{c.value}": "0" for c in DEFAULT_WEIGHTS}}
    page = as_user(world.harriet).post(reverse("matching:cohort", args=[m.cohort.pk]), data)
    assert page.status_code == 200
    assert "Give at least one criterion a weight." in page.content.decode()
    assert not MatchingRun.objects.exists()


def test_the_progress_bar_polls_until_the_run_is_done(world: World, m: Matchable, as_user) -> None:
    run = services.matching_run_start(cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS)
    client = as_user(world.harriet)
    MatchingRun.objects.filter(pk=run.pk).update(status="running", stage="Pricing", progress=40)
    partial = client.get(run.get_absolute_url(), headers={"HX-Request": "true"})
    assert b'hx-trigger="every 1s"' in partial.content
    assert b"Pricing" in partial.content
    assert b"<html" not in partial.content
    # A worker takes only a queued run: the one shown running above was faked.
    MatchingRun.objects.filter(pk=run.pk).update(status="queued")
    services.matching_run_execute(run=run)
    done = client.get(run.get_absolute_url(), headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"


def test_lock_by_htmx_exclude_and_swap(world: World, m: Matchable, as_user) -> None:
    run = ready_run(world, m)
    client = as_user(world.harriet)
    pair = run.pairs.get(mentee=m.bea)
    fragment = client.post(
        reverse("matching:pair-action", args=[pair.pk, "lock"]), headers={"HX-Request": "true"}
    )
    assert b"Locked" in fragment.content
    assert b"<html" not in fragment.content
    assert PairRule.objects.filter(kind="lock", mentee=m.bea).exists()
    other = run.pairs.get(mentee=m.dan)
    client.post(
        reverse("matching:run-action", args=[run.pk, "swap"]),
        {"first": pair.pk, "second": other.pk},
    )
    assert {(p.mentor, p.mentee) for p in run.pairs.all()} == {(m.alice, m.dan), (m.carl, m.bea)}
    assert not PairRule.objects.filter(kind="lock", mentor=m.alice, mentee=m.bea).exists()
    swapped = run.pairs.get(mentee=m.dan)
    client.post(reverse("matching:pair-action", args=[swapped.pk, "exclude"]))
    assert PairRule.objects.filter(kind="exclude", mentor=m.alice, mentee=m.dan).exists()
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Changed by hand after the run" in page
    assert "Taken out of this run by a manager" in page


def test_two_runs_side_by_side(world: World, m: Matchable, as_user) -> None:
    a, b = ready_run(world, m), ready_run(world, m)
    page = as_user(world.harriet).get(reverse("matching:compare", args=[a.pk, b.pk]))
    assert page.status_code == 200
    assert page.context["same"] == 2
    assert page.context["differ"] == 0


def test_the_runs_page_keeps_its_query_count(
    world: World, m: Matchable, as_user, django_assert_max_num_queries
) -> None:
    client = as_user(world.harriet)
    url = reverse("matching:cohort", args=[m.cohort.pk])
    ready_run(world, m)
    client.get(url)
    # 25: the menu also asks whether she may open the impact roll-up (does she manage a
    # programme?); what matters below is that runs add none.
    with django_assert_max_num_queries(25) as few:
        client.get(url)
    for _ in range(5):
        ready_run(world, m)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_review_page_keeps_its_query_count(
    world: World, m: Matchable, as_user, django_assert_max_num_queries
) -> None:
    client = as_user(world.harriet)
    run = ready_run(world, m)
    client.get(run.get_absolute_url())
    with django_assert_max_num_queries(30) as few:
        client.get(run.get_absolute_url())
    for n in range(6):
        young = ExternalPersonFactory(name=f"Extra Young {n}")
        EnrolmentFactory(cohort=m.cohort, person=young, role=Enrolment.Role.MENTEE)
        EnrolmentFactory(cohort=m.cohort, person=ExternalPersonFactory(), role="mentor")
    bigger = ready_run(world, m)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(bigger.get_absolute_url())


def test_people_see_why_they_were_matched(world: World, m: Matchable, as_user) -> None:
    run = ready_run(world, m)
    bea = as_user(world.bea)
    assert b"No published match yet" in bea.get(reverse("matching:my-match")).content
    services.matching_run_publish(run=run, published_by=world.harriet)
    page = bea.get(reverse("matching:my-match")).content.decode()
    assert "Alice Staff" in page
    assert "Shared interests and skills" in page
    assert "Carl Staff" not in page
    assert "Why we matched you" in bea.get("/").content.decode()


def test_a_person_edits_her_matching_profile(world: World, as_user) -> None:
    client = as_user(world.bea)
    page = client.get(reverse("matching:profile"))
    assert page.status_code == 200
    assert b"How many people I can take" not in page.content
    response = client.post(
        reverse("matching:profile"),
        {
            "version": page.context["form"].initial["version"],
            "tags": ["Podcasts", "Radio"],
            "job_family": "marketing",
            "seniority": "0",
            "availability": ["0", "4"],
            "meeting_format": "online",
        },
    )
    assert response.status_code == 302
    profile = world.person(world.bea).match_profile
    assert profile.tags == ["Podcasts", "Radio"]
    assert profile.availability == [0, 4]
    bad = client.post(
        reverse("matching:profile"),
        {
            "version": client.get(reverse("matching:profile")).context["form"].initial["version"],
            "tags": ["Podcasts", "Radio", "Film", "TV", "Games", "AI"],
            "seniority": "0",
            "meeting_format": "online",
        },
    )
    assert "Choose at most 5 interests or skills." in bad.content.decode()
    # Mentors also say how many mentees they can take.
    mentor_page = as_user(world.alice).get(reverse("matching:profile"))
    assert b"How many people I can take" in mentor_page.content


def test_home_groups_pages(world: World, as_user, django_capture_on_commit_callbacks) -> None:
    from amplify.matching.tests.cohorts import profile
    from amplify.matching.tests.test_grouping import PEOPLE, ZONES
    from amplify.people.tests.factories import PersonFactory

    cohort = world.leadership_cohort
    world.leadership.managers.add(world.person(world.harriet))
    for n, (country, family) in enumerate(PEOPLE):
        person = PersonFactory(
            name=f"Participant {n:02d}", country_id=country, time_zone=ZONES[country]
        )
        EnrolmentFactory(cohort=cohort, person=person, role=Enrolment.Role.PARTICIPANT)
        profile(person, job_family=family)
    client = as_user(world.harriet)
    assert client.get(reverse("matching:groups", args=[cohort.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("matching:groups", args=[cohort.pk]),
            {"run": "1", "min_size": "5", "target_size": "6", "max_size": "8"},
        )
    page = client.get(response["Location"]).content.decode()
    assert "Europe, Middle East &amp; Africa 1" in page
    assert "Latin America and North America 1" in page
    assert "avoidable imbalance removed" in page
    run = cohort.grouping_runs.get()
    client.post(reverse("matching:grouping-action", args=[run.pk, "publish"]))
    run.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED
