"""Background jobs carry a heartbeat, so a job whose worker stopped does not look busy forever.

A job model registers here (from its app's `periodic.py`) with the statuses in which a worker
is on it. While a worker works, `beating()` keeps `heartbeat_at` fresh; a job whose heartbeat
is older than `AMPLIFY_JOB_STALE_AFTER` seconds is marked failed with a reason, by the
periodic sweep and, lazily, whenever its page or API polls it. The person can then retry.

**Claims.** A worker takes a job with `job_claim`: one conditional UPDATE that moves it from
waiting to working *and* stamps its heartbeat and a fresh attempt token (`claim`), so a worker
killed at any moment after it has the job leaves a heartbeat that goes stale; there is no
moment at which the job is working without one. Every later write of that worker — progress,
heartbeat, its outcome — is compare-and-set on the token. A job declared stopped loses its
token, so a "zombie" (a worker thought dead that was only stalled, whose job has since failed
or been retried by another worker) cannot overwrite the newer outcome: its writes match no row,
are logged and dropped, and its work stops (`ClaimLost`). The outcome and the results it
describes are written in one transaction that first checks the claim (`hold`, `finishing`),
so they are saved together or not at all.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connections, models, transaction
from django.utils import timezone

from amplify.operations.periodic import periodic

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobKind:
    """What the heartbeat needs to know about one job model. The model has the fields
    `status`, `stage`, `failure`, `heartbeat_at`, `claim` and `finished_at`."""

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


class ClaimLost(Exception):
    """The job is no longer this worker's: it was declared stopped (and perhaps retried by
    another worker) or was never waiting for it. Whatever this worker would write is dropped."""


@dataclass
class Claim:
    """One worker's hold on one job: the attempt token it stamped when it took the job."""

    model: type[models.Model]
    pk: Any
    token: str
    lost: threading.Event = field(default_factory=threading.Event)

    def rows(self) -> models.QuerySet[Any]:
        """The job's row, if it is still this worker's."""
        return self.model._default_manager.filter(pk=self.pk, claim=self.token)


# The claim a worker holds travels with the job instance it works on, so that the services
# (progress callbacks, the store of results) need no extra argument.
_CLAIM = "_heartbeat_claim"


def claim_of(job: models.Model) -> Claim:
    claim = getattr(job, _CLAIM, None)
    if claim is None:
        raise ClaimLost(f"{type(job).__name__} {job.pk} was not claimed by this worker")
    return claim


def job_claim(job: models.Model, *, waiting: Iterable[str], **fields: Any) -> bool:
    """Take a job that is waiting (in one of these statuses, held by no worker): in the same
    UPDATE, its heartbeat, a new attempt token and `fields` (the working status, its stage).
    False if it was not waiting (another worker has it, or it failed or finished meanwhile)."""
    token = uuid.uuid4().hex
    now = timezone.now()
    taken = (
        type(job)
        ._default_manager.filter(pk=job.pk, status__in=list(waiting), claim="")
        .update(claim=token, heartbeat_at=now, **fields)
    )
    if not taken:
        return False
    setattr(job, _CLAIM, Claim(type(job), job.pk, token))
    for name, value in {"claim": token, "heartbeat_at": now, **fields}.items():
        setattr(job, name, value)
    return True


def _dropped(claim: Claim, what: str) -> ClaimLost:
    claim.lost.set()
    logger.warning(
        "Dropped the %s of %s %s: the job is no longer this worker's (attempt %s)",
        what,
        claim.model.__name__,
        claim.pk,
        claim.token,
    )
    return ClaimLost(f"{claim.model.__name__} {claim.pk} is no longer this worker's")


def beat(job: models.Model, **fields: Any) -> None:
    """Record that the worker is alive (and any progress fields) in autocommit, so other
    connections see it at once. Call it outside the job's own transaction. Raises ClaimLost
    (the write dropped) if the job is no longer this worker's."""
    claim = claim_of(job)
    if not claim.rows().update(heartbeat_at=timezone.now(), **fields):
        raise _dropped(claim, "heartbeat" if not fields else "progress")


def job_finish(job: models.Model, **fields: Any) -> bool:
    """Write the job's outcome (a failure, say) if it is still this worker's, releasing it.
    A zombie's outcome is dropped and logged: False."""
    claim = claim_of(job)
    if not claim.rows().update(claim="", **fields):
        _dropped(claim, "outcome")
        return False
    return True


def hold(job: models.Model) -> None:
    """Inside the transaction that writes the job's results and outcome: lock the job's row
    and check it is still this worker's (ClaimLost otherwise, so that the transaction rolls
    back and nothing of a zombie's work is saved)."""
    claim = claim_of(job)
    if not claim.rows().select_for_update().exists():
        raise _dropped(claim, "results")
    job.claim = ""  # type: ignore[attr-defined]  # released by the save that follows


@contextmanager
def finishing(job: models.Model) -> Iterator[None]:
    """The transaction in which the worker saves its job's outcome (`job.save()` in the
    block): the claim is checked first, and released by that save."""
    with transaction.atomic():
        hold(job)
        yield


def _beat_until(job: models.Model, stop: threading.Event, every: float) -> None:
    # A thread has its own database connection: its writes commit on their own, whatever
    # the job's thread is doing. If the database is busy or away, the next beat tries again.
    try:
        while not stop.wait(every):
            try:
                beat(job)
            except ClaimLost:
                return  # the job was taken from this worker: its own work stops next
            except Exception:
                logger.warning("Heartbeat of %s %s failed", type(job).__name__, job.pk)
    finally:
        connections.close_all()


@contextmanager
def beating(job: models.Model) -> Iterator[None]:
    """Keep the claimed job's heartbeat fresh while the block runs, even through long
    stretches without progress (a solver, one long statement). If the job is taken from this
    worker meanwhile, the block's ClaimLost ends it quietly: the newer outcome stands."""
    claim_of(job)  # claimed first: the claim is the first heartbeat
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
    except ClaimLost:
        logger.warning(
            "%s %s was taken from this worker: its work stopped", type(job).__name__, job.pk
        )
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
                claim="",  # whatever its worker still writes is dropped
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
