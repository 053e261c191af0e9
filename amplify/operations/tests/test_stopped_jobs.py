"""A job whose worker was killed is marked failed with a reason (by the periodic sweep, or
when polled), its page stops polling, and it can be retried from the page and the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from amplify.conftest import World
from amplify.matching import grouping, services
from amplify.matching.models import GroupingRun, MatchingRun, RunStatus
from amplify.matching.tests.cohorts import Matchable, build_matchable
from amplify.matching.tests.test_grouping import cohort  # noqa: F401 -- a fixture
from amplify.matching.tests.test_services import WEIGHTS
from amplify.operations.heartbeat import jobs_fail_stopped
from amplify.operations.periodic import periodic_run_due
from amplify.people.models import PeopleImport, Person
from amplify.people.services import people_import_commit, people_import_start
from amplify.people.tests.test_import_service import FILE
from amplify.programmes.models import Cohort

LONG_AGO = timedelta(seconds=301)


def killed_during_commit(world: World, capture) -> PeopleImport:
    """An import checked, committed, and then left "importing" by a worker killed with -9."""
    with capture(execute=True):
        job = people_import_start(user=world.harriet, filename="hr.csv", content=FILE)
    job.refresh_from_db()
    assert job.status == PeopleImport.Status.READY
    PeopleImport.objects.filter(pk=job.pk).update(
        status=PeopleImport.Status.IMPORTING,
        committed_by=world.harriet,
        committed_at=timezone.now() - LONG_AGO,
        stage="Writing people",
        progress=40,
        heartbeat_at=timezone.now() - LONG_AGO,
    )
    return job


def test_it_fails_an_import_whose_worker_stopped_and_retries_it(
    world: World, django_capture_on_commit_callbacks, as_user
) -> None:
    job = killed_during_commit(world, django_capture_on_commit_callbacks)

    assert "jobs.fail_stopped" in periodic_run_due()

    job.refresh_from_db()
    assert job.status == PeopleImport.Status.FAILED
    assert job.failure == "The worker stopped while writing people; you can retry the import."
    assert not Person.objects.filter(employee_id__in=["E1", "E2", "E3"]).exists()
    client = as_user(world.harriet)
    fragment = client.get(reverse("people:import", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert b"every 1s" not in fragment.content
    assert b"The worker stopped while writing people" in fragment.content
    assert b"Retry the import" in fragment.content

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:import-commit", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.failure) == (PeopleImport.Status.DONE, "")
    assert Person.objects.filter(employee_id__in=["E1", "E2", "E3"]).count() == 3


def test_it_fails_a_stopped_import_when_the_api_polls_it_and_retries_it(
    world: World, django_capture_on_commit_callbacks, as_user
) -> None:
    job = killed_during_commit(world, django_capture_on_commit_callbacks)
    client = as_user(world.harriet)

    status = client.get(f"/api/people/imports/{job.pk}").json()

    assert status["status"] == "failed"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/people/imports/{job.pk}/commit")
    assert response.status_code == 202
    assert client.get(f"/api/people/imports/{job.pk}").json()["status"] == "done"


def test_it_leaves_live_and_waiting_jobs_alone(
    world: World, django_capture_on_commit_callbacks
) -> None:
    live = killed_during_commit(world, django_capture_on_commit_callbacks)
    PeopleImport.objects.filter(pk=live.pk).update(heartbeat_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=False):
        waiting = people_import_start(user=world.harriet, filename="hr.csv", content=FILE)
    PeopleImport.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - LONG_AGO)

    assert jobs_fail_stopped() == 0

    assert PeopleImport.objects.get(pk=live.pk).status == PeopleImport.Status.IMPORTING
    assert PeopleImport.objects.get(pk=waiting.pk).status == PeopleImport.Status.QUEUED


@pytest.fixture
def m(world: World) -> Matchable:
    return build_matchable(world)


def test_it_fails_a_stopped_matching_run_when_its_page_polls_and_reruns_it(
    world: World, m: Matchable, as_user, django_capture_on_commit_callbacks
) -> None:
    run = services.matching_run_start(
        cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS, queue=False
    )
    MatchingRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, stage="Starting", heartbeat_at=timezone.now() - LONG_AGO
    )
    client = as_user(world.harriet)

    poll = client.get(run.get_absolute_url(), HTTP_HX_REQUEST="true")

    assert poll["HX-Refresh"] == "true"  # the page reloads once, and stops polling
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.failure == "The worker stopped while starting; you can run it again."
    page = client.get(run.get_absolute_url()).content.decode()
    assert "every 1s" not in page
    assert "The worker stopped while starting" in page
    assert "Re-run around locks" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/matching-runs/{run.pk}/rerun")
    assert response.status_code == 202
    assert MatchingRun.objects.get(pk=response.json()["id"]).status == RunStatus.READY


def test_it_sweeps_a_stopped_grouping_run_and_reruns_it_through_the_api(
    world: World,
    cohort: Cohort,  # noqa: F811 -- the fixture imported above
    as_user,
    django_capture_on_commit_callbacks,
) -> None:
    run = grouping.grouping_run_start(cohort=cohort, created_by=world.harriet, queue=False)
    GroupingRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, stage="Forming groups", heartbeat_at=timezone.now() - LONG_AGO
    )

    assert jobs_fail_stopped() == 1

    client = as_user(world.harriet)
    status = client.get(f"/api/grouping-runs/{run.pk}").json()
    assert status["status"] == "failed"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/grouping-runs/{run.pk}/rerun")
    assert response.status_code == 202
    assert GroupingRun.objects.get(pk=response.json()["id"]).status == RunStatus.READY


def test_it_refuses_to_commit_an_import_twice_while_it_works(
    world: World, django_capture_on_commit_callbacks
) -> None:
    job = killed_during_commit(world, django_capture_on_commit_callbacks)
    PeopleImport.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now())

    with pytest.raises(ValidationError, match="Only a checked import"):
        people_import_commit(job=job, user=world.harriet)


def test_only_the_cohorts_managers_may_rerun_its_grouping(
    world: World,
    cohort: Cohort,  # noqa: F811 -- the fixture imported above
    as_user,
) -> None:
    run = grouping.grouping_run_start(cohort=cohort, created_by=world.harriet, queue=False)

    for who in (world.alice, world.otto, world.ina):
        response = as_user(who).post(f"/api/grouping-runs/{run.pk}/rerun")
        assert response.status_code == 404, who

    assert GroupingRun.objects.filter(cohort=cohort).count() == 1
