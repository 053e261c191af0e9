"""Background jobs carry a heartbeat, so a job whose worker stopped does not look busy forever.

A job model registers here (from its app's `periodic.py`) with the statuses in which a worker
is on it. While a worker works, `beating()` keeps `heartbeat_at` fresh; a job whose heartbeat
is older than `AMPLIFY_JOB_STALE_AFTER` seconds is marked failed with a reason, by the
periodic sweep and, lazily, whenever its page or API polls it. The person can then retry.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connections, models
from django.utils import timezone

from amplify.operations.periodic import periodic

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobKind:
    """What the heartbeat needs to know about one job model. The model has the fields
    `status`, `stage`, `failure`, `heartbeat_at` and `finished_at`."""

    model: type[models.Model]
    working: tuple[str, ...]
    failed: str
    retry: Callable[[Any], str]


KINDS: dict[type[models.Model], JobKind] = {}


def watch(
    model: type[models.Model],
    *,
    working: Iterable[str],
    failed: str,
    retry: str | Callable[[Any], str],
) -> None:
    """Declare a job model: `working` are the statuses in which a worker is on the job (not
    those in which it waits for one), `retry` tells the person what to do next (or says it,
    given the job)."""
    say = retry if callable(retry) else (lambda job: retry)
    KINDS[model] = JobKind(model, tuple(working), failed, say)


def stale_after() -> timedelta:
    return timedelta(seconds=settings.AMPLIFY_JOB_STALE_AFTER)


def beat(job: models.Model, **fields: Any) -> None:
    """Record that the worker is alive (and any progress fields) in autocommit, so other
    connections see it at once. Call it outside the job's own transaction."""
    type(job)._default_manager.filter(pk=job.pk).update(heartbeat_at=timezone.now(), **fields)


def _beat_until(job: models.Model, stop: threading.Event, every: float) -> None:
    # A thread has its own database connection: its writes commit on their own, whatever
    # the job's thread is doing. If the database is busy or away, the next beat tries again.
    try:
        while not stop.wait(every):
            try:
                beat(job)
            except Exception:
                logger.warning("Heartbeat of %s %s failed", type(job).__name__, job.pk)
    finally:
        connections.close_all()


@contextmanager
def beating(job: models.Model) -> Iterator[None]:
    """Keep the job's heartbeat fresh while the block runs, even through long stretches
    without progress (a solver, one long statement)."""
    beat(job)
    stop = threading.Event()
    thread = threading.Thread(
        target=_beat_until,
        args=(job, stop, float(settings.AMPLIFY_JOB_HEARTBEAT_EVERY)),
        name=f"heartbeat-{type(job).__name__}-{job.pk}",
        daemon=True,
    )
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _reason(kind: JobKind, job: Any) -> str:
    doing = (job.stage or job.get_status_display()).rstrip(".…").lower()
    return f"The worker stopped while {doing}; {kind.retry(job)}"


def _fail_stopped(kind: JobKind, jobs: models.QuerySet[Any], now: datetime) -> int:
    failed = 0
    # Only the fields the reason needs: an import's row also holds its whole file.
    stopped = jobs.filter(status__in=kind.working, heartbeat_at__lt=now - stale_after())
    for job in stopped.only("pk", "status", "stage", "heartbeat_at"):
        # Conditional on the heartbeat we read: a worker that beats meanwhile keeps its job.
        failed += (
            type(job)
            ._default_manager.filter(pk=job.pk, status=job.status, heartbeat_at=job.heartbeat_at)
            .update(
                status=kind.failed,
                stage="",
                failure=_reason(kind, job),
                finished_at=now,
            )
        )
    return failed


def jobs_fail_stopped(*, now: datetime | None = None) -> int:
    """The periodic sweep: every job whose worker stopped is marked failed. Returns how many."""
    now = now or timezone.now()
    return sum(
        _fail_stopped(kind, kind.model._default_manager.all(), now) for kind in KINDS.values()
    )


def job_fail_if_stopped(job: Any, *, now: datetime | None = None) -> bool:
    """The lazy sweep, for one job being polled. Refreshes the job if it was failed."""
    kind = KINDS[type(job)]
    if job.status not in kind.working or job.heartbeat_at is None:
        return False
    if job.heartbeat_at >= (now or timezone.now()) - stale_after():
        return False
    if _fail_stopped(kind, kind.model._default_manager.filter(pk=job.pk), now or timezone.now()):
        job.refresh_from_db()
        return True
    return False


@periodic("jobs.fail_stopped", every=timedelta(minutes=1))
def _sweep(now: datetime) -> int:
    return jobs_fail_stopped(now=now)
