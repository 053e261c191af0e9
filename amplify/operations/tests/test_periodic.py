"""The one periodic mechanism: each due job runs once however many runners there are."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from amplify.operations import periodic
from amplify.operations.models import PeriodicLease
from amplify.operations.periodic import Periodic, periodic_run_due
from amplify.operations.tests.elsewhere import elsewhere


@pytest.fixture
def calls(monkeypatch) -> list[datetime]:
    """A registry holding one job that records each run."""
    seen: list[datetime] = []
    monkeypatch.setattr(
        periodic, "REGISTRY", {"test.job": Periodic("test.job", timedelta(hours=1), seen.append)}
    )
    return seen


@pytest.mark.django_db
def test_it_runs_a_due_job_once_until_it_is_due_again(calls: list[datetime]) -> None:
    now = timezone.now()

    assert periodic_run_due(now=now) == ["test.job"]
    assert periodic_run_due(now=now) == []
    assert periodic_run_due(now=now + timedelta(minutes=59)) == []
    assert periodic_run_due(now=now + timedelta(hours=1)) == ["test.job"]

    assert calls == [now, now + timedelta(hours=1)]


@pytest.mark.django_db
def test_it_records_a_failing_job_and_still_runs_the_others(monkeypatch) -> None:
    ran: list[str] = []

    def broken(now: datetime) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(
        periodic,
        "REGISTRY",
        {
            "a.broken": Periodic("a.broken", timedelta(hours=1), broken),
            "b.fine": Periodic("b.fine", timedelta(hours=1), lambda now: ran.append("b")),
        },
    )

    assert periodic_run_due() == ["a.broken", "b.fine"]

    assert ran == ["b"]
    lease = PeriodicLease.objects.get(name="a.broken")
    assert lease.last_error == "RuntimeError: disk full"
    assert lease.leased_until is None


@pytest.mark.django_db
def test_it_takes_over_a_lease_whose_runner_was_killed(calls: list[datetime]) -> None:
    now = timezone.now()
    PeriodicLease.objects.create(
        name="test.job", due_at=now, leased_until=now + timedelta(minutes=5), holder="dead"
    )

    assert periodic_run_due(now=now) == []
    assert periodic_run_due(now=now + timedelta(minutes=6)) == ["test.job"]


@pytest.mark.django_db
def test_the_command_runs_the_due_jobs(calls: list[datetime], capsys) -> None:
    call_command("amplify_periodic")
    call_command("amplify_periodic")

    assert len(calls) == 1
    assert "Ran 0 periodic job(s): none due." in capsys.readouterr().out


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_second_runner_skips_a_job_the_first_is_running(monkeypatch) -> None:
    inside: list[list[str]] = []

    def work(now: datetime) -> None:
        # While this run holds the job, another runner (another connection) starts.
        inside.append(elsewhere(lambda: periodic_run_due(now=now)))

    monkeypatch.setattr(
        periodic, "REGISTRY", {"test.job": Periodic("test.job", timedelta(hours=1), work)}
    )

    assert periodic_run_due() == ["test.job"]

    assert inside == [[]]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    # SQLite's in-memory test database shares one cache between connections, where a lock
    # fails at once ("table is locked") instead of waiting as a file database's does; the
    # test above covers SQLite deterministically.
    reason="true concurrency is tested on PostgreSQL",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_runners_started_at_once_do_the_work_once(monkeypatch) -> None:
    ran: list[int] = []
    lock = threading.Lock()

    def work(now: datetime) -> None:
        with lock:
            ran.append(1)

    monkeypatch.setattr(
        periodic, "REGISTRY", {"test.job": Periodic("test.job", timedelta(hours=1), work)}
    )
    now = timezone.now()
    start = threading.Barrier(4)
    results: list[list[str]] = []

    def runner() -> None:
        start.wait()
        results.append(periodic_run_due(now=now))

    threads = [threading.Thread(target=lambda: elsewhere(runner)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [[], [], [], ["test.job"]]
    assert ran == [1]
