"""The worker outlives a database outage: it backs off, reconnects and goes on; and it runs
the periodic jobs itself, so no extra service is needed."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.db.utils import InterfaceError, OperationalError
from django_tasks_db.management.commands import db_worker

from amplify.operations.management.commands import amplify_worker
from amplify.operations.management.commands.amplify_worker import ResilientWorker


def worker(**options: Any) -> ResilientWorker:
    defaults: dict[str, Any] = {
        "queue_names": ["default"],
        "excluded_queue_names": [],
        "interval": 0.5,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "test",
        "periodic_every": 0,
        "max_backoff": 8,
    }
    defaults.update(options)
    return ResilientWorker(**defaults)


@pytest.fixture
def sleeps(monkeypatch) -> list[float]:
    waited: list[float] = []
    monkeypatch.setattr(amplify_worker.time, "sleep", waited.append)
    return waited


def test_it_backs_off_while_the_database_is_away_then_goes_on(
    monkeypatch, sleeps: list[float]
) -> None:
    w = worker()
    outcomes: list[Exception | None] = [
        OperationalError("server closed the connection unexpectedly"),
        InterfaceError("connection already closed"),
        OperationalError("could not connect to server"),
        OperationalError("could not connect to server"),
        OperationalError("could not connect to server"),
        None,  # the database is back: a task is run
        OperationalError("could not connect to server"),
        None,
    ]
    drained: list[int] = []

    def drain(self: db_worker.Worker) -> None:
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome
        drained.append(1)
        if not outcomes:
            self.running = False

    monkeypatch.setattr(db_worker.Worker, "run", drain)
    closed: list[int] = []
    monkeypatch.setattr(amplify_worker.connections, "close_all", lambda: closed.append(1))

    w.run()

    # 1, 2, 4, 8 (the cap), 8; the idle wait after the drain; and from 1 again.
    assert sleeps == [1, 2, 4, 8, 8, 0.5, 1]
    assert drained == [1, 1]
    assert len(closed) == 6
    assert outcomes == []


def test_it_lets_other_errors_stop_it(monkeypatch, sleeps: list[float]) -> None:
    def drain(self: db_worker.Worker) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(db_worker.Worker, "run", drain)

    with pytest.raises(RuntimeError):
        worker().run()


def test_it_runs_the_periodic_jobs_every_so_often(monkeypatch, sleeps: list[float]) -> None:
    clock = iter([0.0, 0.0, 30.0, 61.0, 61.0])
    monkeypatch.setattr(amplify_worker.time, "monotonic", lambda: next(clock))
    ran: list[int] = []
    monkeypatch.setattr(amplify_worker, "periodic_run_due", lambda: ran.append(1))
    drains = {"left": 3}

    def drain(self: db_worker.Worker) -> None:
        drains["left"] -= 1
        if not drains["left"]:
            self.running = False

    monkeypatch.setattr(db_worker.Worker, "run", drain)

    worker(periodic_every=60).run()

    assert ran == [1, 1]  # at start, not at 30 s, again at 61 s


def test_it_logs_its_start_once_and_not_each_drain() -> None:
    quiet = amplify_worker._QuietDrains()

    def passes(message: str) -> bool:
        return quiet.filter(logging.LogRecord("x", logging.INFO, "", 0, message, None, None))

    assert passes("Starting worker worker_id=a queues=default")
    assert not passes("Starting worker worker_id=a queues=default")
    assert not passes("No more tasks to run for worker_id=a - exiting gracefully.")
    assert passes("Task id=1 path=x state=SUCCESSFUL")
