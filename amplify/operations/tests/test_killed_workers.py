"""Real worker processes, killed with SIGKILL in the middle of a job or stopped and let go on
as zombies, on the test's own database (SQLite or PostgreSQL): the job is seen stopped and
failed with a reason, nothing of it is half-saved, a retry by another worker finishes it, and
a zombie that wakes up afterwards writes nothing over that.

On SQLite the tests' database lives in memory, which no other process can open: the fixture
copies it to a file for the duration of the test and points this process at it too.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from amplify.conftest import World, build_world
from amplify.matching import services
from amplify.matching.models import MatchingRun, ProposedPair, RunStatus
from amplify.matching.tests.cohorts import build_matchable
from amplify.matching.tests.test_services import WEIGHTS
from amplify.operations.heartbeat import jobs_fail_stopped
from amplify.people.models import PeopleImport, Person
from amplify.people.services import people_import_commit, people_import_start
from amplify.people.tests.test_import_service import FILE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LATER = timedelta(seconds=301)  # past AMPLIFY_JOB_STALE_AFTER
ROOT = Path(__file__).resolve().parents[3]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
PEOPLE = ["E1", "E2", "E3"]


@pytest.fixture
def worker_db(tmp_path: Path) -> Iterator[str]:
    """The DATABASE_URL of this test's database, for worker processes."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
        yield f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        return
    assert connection.vendor == "sqlite"
    memory = db["NAME"]
    path = tmp_path / "amplify.sqlite3"
    connection.ensure_connection()
    keep = sqlite3.connect(memory, uri=True)  # the in-memory database lives while it is open
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    # Django ignores close() on an in-memory database (it would be lost): `keep` holds it.
    BaseDatabaseWrapper.close(connection)
    db["NAME"] = str(path)
    try:
        yield f"sqlite:///{path}"
    finally:
        connection.close()
        db["NAME"] = memory
        connection.ensure_connection()
        keep.close()


class Worker:
    """One worker process, stalling at `point` (see stalling_worker)."""

    def __init__(self, database_url: str, tmp: Path, point: str = "none", *options: str):
        self.signal = tmp / f"stalled-{point}-{time.monotonic_ns()}"
        env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
        self.log = tmp / f"{self.signal.name}.log"
        command = [sys.executable, "-m", "amplify.operations.tests.stalling_worker", point]
        command += [str(self.signal), "--no-startup-delay", "--interval", "0.1"]
        self.process = subprocess.Popen(
            [*command, "--periodic-every", "0", *options],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
        )

    def stalled(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while not self.signal.exists():
            assert self.process.poll() is None, self.output()
            assert time.monotonic() < deadline, self.output()
            time.sleep(0.05)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def go_on(self) -> None:
        self.signal.with_name(self.signal.name + ".go").touch()

    def finished(self, timeout: float = 120) -> str:
        self.process.wait(timeout=timeout)
        return self.output()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _checked_import(world: World) -> PeopleImport:
    # Checked in this process (tasks run at once), then committed with tasks in the database.
    job = people_import_start(user=world.harriet, filename="hr.csv", content=FILE)
    job.refresh_from_db()
    assert job.status == PeopleImport.Status.READY
    return job


def _people() -> int:
    return Person.objects.filter(employee_id__in=PEOPLE).count()


@pytest.mark.parametrize("point", ["claimed", "writing"])
def test_a_worker_killed_during_an_import_leaves_it_failed_whole_and_retryable(
    point: str, worker_db: str, tmp_path: Path, settings
) -> None:
    # Given a checked import committed for a worker
    world = build_world()
    job = _checked_import(world)
    settings.TASKS = DATABASE_TASKS
    people_import_commit(job=job, user=world.harriet)
    assert DBTaskResult.objects.count() == 1

    # When its worker is killed just after taking it, or while writing the people
    worker = Worker(worker_db, tmp_path, point)
    worker.stalled()
    worker.kill()

    # Then the job shows a heartbeat the sweep judges, and nothing is written
    job.refresh_from_db()
    assert job.status == PeopleImport.Status.IMPORTING
    assert job.heartbeat_at is not None
    assert job.claim
    assert _people() == 0
    assert jobs_fail_stopped() == 0  # not stale yet
    assert jobs_fail_stopped(now=timezone.now() + LATER) == 1
    job.refresh_from_db()
    assert job.status == PeopleImport.Status.FAILED
    assert job.failure.startswith("The worker stopped while")
    assert job.failure.endswith("you can retry the import.")
    assert _people() == 0

    # And a retry, taken by another worker, imports it once
    people_import_commit(job=job, user=world.harriet)
    output = Worker(worker_db, tmp_path, "none", "--max-tasks", "1").finished()
    job.refresh_from_db()
    assert job.status == PeopleImport.Status.DONE, output
    assert (job.claim, job.failure) == ("", "")
    assert _people() == 3


def test_a_worker_killed_while_matching_leaves_the_run_failed_without_pairs(
    worker_db: str, tmp_path: Path, settings
) -> None:
    world = build_world()
    m = build_matchable(world)
    settings.TASKS = DATABASE_TASKS
    run = services.matching_run_start(cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS)

    worker = Worker(worker_db, tmp_path, "matching")
    worker.stalled()
    worker.kill()

    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING
    assert run.heartbeat_at is not None
    assert jobs_fail_stopped(now=timezone.now() + LATER) == 1
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.failure == "The worker stopped while starting; you can run it again."
    assert not ProposedPair.objects.filter(run=run).exists()


def test_a_zombie_worker_writes_nothing_over_the_retry_that_replaced_it(
    worker_db: str, tmp_path: Path, settings
) -> None:
    # Given a committed import, whose worker stalls before writing (a long pause)
    world = build_world()
    job = _checked_import(world)
    settings.TASKS = DATABASE_TASKS
    people_import_commit(job=job, user=world.harriet)
    zombie = Worker(worker_db, tmp_path, "applying", "--max-tasks", "1")
    zombie.stalled()

    # When it is declared stopped, the import is retried and another worker imports it
    assert jobs_fail_stopped(now=timezone.now() + LATER) == 1
    people_import_commit(job=PeopleImport.objects.get(pk=job.pk), user=world.harriet)
    output = Worker(worker_db, tmp_path, "none", "--max-tasks", "1").finished()
    job.refresh_from_db()
    assert job.status == PeopleImport.Status.DONE, output
    done = (job.finished_at, job.create_count, job.stage, job.progress)

    # And then the stalled worker wakes up and goes on
    zombie.go_on()
    said = zombie.finished()

    # Then the newer outcome stands, and the people were written once
    job.refresh_from_db()
    assert job.status == PeopleImport.Status.DONE
    assert (job.finished_at, job.create_count, job.stage, job.progress) == done
    assert _people() == 3
    assert Person.history.filter(employee_id__in=PEOPLE).count() == 3
    assert "Dropped the" in said, said


def test_a_run_queued_behind_a_killed_one_still_runs(
    worker_db: str, tmp_path: Path, settings
) -> None:
    """The killed worker's task stays claimed in the task table; other jobs go on."""
    world = build_world()
    m = build_matchable(world)
    settings.TASKS = DATABASE_TASKS
    first = services.matching_run_start(cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS)
    worker = Worker(worker_db, tmp_path, "claimed")
    worker.stalled()
    worker.kill()
    second = services.matching_run_start(cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS)

    output = Worker(worker_db, tmp_path, "none", "--max-tasks", "1").finished()

    assert MatchingRun.objects.get(pk=second.pk).status == RunStatus.READY, output
    assert MatchingRun.objects.get(pk=first.pk).status == RunStatus.RUNNING
    assert jobs_fail_stopped(now=timezone.now() + LATER) == 1
    assert MatchingRun.objects.get(pk=first.pk).status == RunStatus.FAILED
