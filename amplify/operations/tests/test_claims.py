"""A worker's claim on a job: taking it stamps the heartbeat in the same UPDATE, so a worker
killed at any moment after leaves a job the sweep can fail; and a zombie (a worker declared
stopped that was only stalled) writes nothing over what happened to its job since."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from amplify.conftest import World
from amplify.matching import grouping, services
from amplify.matching.models import GroupingRun, MatchingRun, ProposedPair, RunStatus
from amplify.matching.services import execution, groups
from amplify.matching.tests.cohorts import build_matchable
from amplify.matching.tests.test_grouping import cohort  # noqa: F401 -- a fixture
from amplify.matching.tests.test_services import WEIGHTS
from amplify.operations import heartbeat
from amplify.operations.heartbeat import jobs_fail_stopped
from amplify.people.importing import database
from amplify.people.models import PeopleImport, Person
from amplify.people.services import people_import_apply, people_import_commit, people_import_start
from amplify.people.tests.test_import_service import FILE
from amplify.programmes.models import Cohort

LATER = timedelta(seconds=301)  # past AMPLIFY_JOB_STALE_AFTER


def checked_import(world: World, capture: Any) -> PeopleImport:
    with capture(execute=True):
        job = people_import_start(user=world.harriet, filename="hr.csv", content=FILE)
    job.refresh_from_db()
    assert job.status == PeopleImport.Status.READY
    return job


def committed_import(world: World, capture: Any) -> PeopleImport:
    """Checked and committed; its apply task queued, not yet run by any worker."""
    job = checked_import(world, capture)
    with capture(execute=False):
        return people_import_commit(job=job, user=world.harriet)


def test_the_claim_stamps_the_heartbeat_so_a_worker_killed_at_once_is_seen(
    world: World, django_capture_on_commit_callbacks
) -> None:
    job = committed_import(world, django_capture_on_commit_callbacks)
    assert job.heartbeat_at is None  # waiting for a worker: not working yet

    # A worker takes the job and is killed before anything else
    assert heartbeat.job_claim(job, waiting=[PeopleImport.Status.IMPORTING], stage="Starting")

    row = PeopleImport.objects.get(pk=job.pk)
    assert row.heartbeat_at is not None
    assert row.claim
    assert jobs_fail_stopped() == 0  # not stale yet
    assert jobs_fail_stopped(now=timezone.now() + LATER) == 1
    row.refresh_from_db()
    assert row.status == PeopleImport.Status.FAILED
    assert row.failure == "The worker stopped while starting; you can retry the import."
    assert row.claim == ""


def test_the_claim_stamps_the_heartbeat_of_a_run(world: World) -> None:
    m = build_matchable(world)
    run = services.matching_run_start(
        cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS, queue=False
    )

    assert heartbeat.job_claim(
        run, waiting=[RunStatus.QUEUED], status=RunStatus.RUNNING, stage="Starting"
    )

    assert jobs_fail_stopped(now=timezone.now() + LATER) == 1
    assert MatchingRun.objects.get(pk=run.pk).status == RunStatus.FAILED


def test_only_one_worker_takes_a_job(world: World, django_capture_on_commit_callbacks) -> None:
    job = committed_import(world, django_capture_on_commit_callbacks)
    other = PeopleImport.objects.get(pk=job.pk)

    assert heartbeat.job_claim(job, waiting=[PeopleImport.Status.IMPORTING])
    assert not heartbeat.job_claim(other, waiting=[PeopleImport.Status.IMPORTING])

    # The second worker's run of the task writes nothing and leaves the job to the first.
    assert people_import_apply(job=other).claim == job.claim
    assert not Person.objects.filter(employee_id__in=["E1", "E2", "E3"]).exists()


def test_a_zombies_progress_and_heartbeat_are_dropped(
    world: World, django_capture_on_commit_callbacks, caplog
) -> None:
    job = committed_import(world, django_capture_on_commit_callbacks)
    assert heartbeat.job_claim(job, waiting=[PeopleImport.Status.IMPORTING], stage="Writing")
    PeopleImport.objects.filter(pk=job.pk).update(progress=40)
    jobs_fail_stopped(now=timezone.now() + LATER)

    with caplog.at_level(logging.WARNING, "amplify.operations.heartbeat"):
        with pytest.raises(heartbeat.ClaimLost):
            heartbeat.beat(job, progress=90, stage="Writing people")
        with pytest.raises(heartbeat.ClaimLost):
            heartbeat.beat(job)
        assert not heartbeat.job_finish(job, status=PeopleImport.Status.DONE)

    row = PeopleImport.objects.get(pk=job.pk)
    assert (row.status, row.progress, row.stage) == (PeopleImport.Status.FAILED, 40, "")
    assert sum("Dropped the" in r.message for r in caplog.records) == 3


def test_a_zombie_import_writes_nothing_over_the_retry_that_replaced_it(
    world: World, django_capture_on_commit_callbacks, monkeypatch, caplog
) -> None:
    job = committed_import(world, django_capture_on_commit_callbacks)
    real_apply = database.apply
    calls = {"n": 0}

    def stalled(plan: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            # The first worker stalls here (a long pause, a network partition): it is
            # declared stopped, the import is retried, and a second worker imports it.
            jobs_fail_stopped(now=timezone.now() + LATER)
            with django_capture_on_commit_callbacks(execute=True):
                people_import_commit(job=PeopleImport.objects.get(pk=job.pk), user=world.harriet)
            assert PeopleImport.objects.get(pk=job.pk).status == PeopleImport.Status.DONE
        # Then the first worker wakes up and goes on writing.
        real_apply(plan, **kwargs)

    monkeypatch.setattr(database, "apply", stalled)

    with caplog.at_level(logging.WARNING, "amplify.operations.heartbeat"):
        zombie = people_import_apply(job=job)

    assert calls["n"] == 2
    assert zombie.status == PeopleImport.Status.DONE  # the second worker's outcome stands
    assert zombie.failure == ""
    assert Person.objects.filter(employee_id__in=["E1", "E2", "E3"]).count() == 3
    assert Person.history.filter(employee_id="E1").count() == 1  # written once
    assert any("Dropped the" in r.message for r in caplog.records)


def test_a_zombie_matching_run_saves_no_result_over_its_failure(
    world: World, monkeypatch, caplog
) -> None:
    m = build_matchable(world)
    run = services.matching_run_start(
        cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS, queue=False
    )
    real_match = execution.engine.match

    def stalled(*args: Any, **kwargs: Any) -> Any:
        result = real_match(*args, **kwargs)
        # The worker stalls after computing: declared stopped meanwhile.
        jobs_fail_stopped(now=timezone.now() + LATER)
        return result

    monkeypatch.setattr(execution.engine, "match", stalled)

    with caplog.at_level(logging.WARNING, "amplify.operations.heartbeat"):
        services.matching_run_execute(run=run)

    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.failure.startswith("The worker stopped while")
    assert run.result == {}
    assert not ProposedPair.objects.filter(run=run).exists()  # nothing half-saved
    assert any("Dropped the results" in r.message for r in caplog.records)


def test_a_zombie_grouping_run_saves_no_groups_over_its_failure(
    world: World,
    cohort: Cohort,  # noqa: F811 -- the fixture imported above
    monkeypatch,
) -> None:
    run = grouping.grouping_run_start(cohort=cohort, created_by=world.harriet, queue=False)
    real = groups.form_groups

    def stalled(*args: Any, **kwargs: Any) -> Any:
        out = real(*args, **kwargs)
        jobs_fail_stopped(now=timezone.now() + LATER)
        return out

    monkeypatch.setattr(groups, "form_groups", stalled)

    grouping.grouping_run_execute(run=run)

    run = GroupingRun.objects.get(pk=run.pk)
    assert run.status == RunStatus.FAILED
    assert not run.groups.exists()


def test_a_worker_takes_no_run_that_is_not_queued(world: World) -> None:
    m = build_matchable(world)
    run = services.matching_run_start(
        cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS, queue=False
    )
    MatchingRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, failure="Stopped.")

    with pytest.raises(heartbeat.ClaimLost):
        services.matching_run_execute(run=run)

    run.refresh_from_db()
    assert (run.status, run.failure) == (RunStatus.FAILED, "Stopped.")
