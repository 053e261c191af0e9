"""What executing and discarding a run (matching or home groups) have in common: the private
base of services.runs, services.execution, services.review and services.groups."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from amplify.accounts.types import Actor
from amplify.matching.models import Run, RunStatus
from amplify.operations import heartbeat
from amplify.programmes.services import cohort_lock

R = TypeVar("R", bound=Run)


@contextmanager
def executing(run: Run, *, stage: str, progress: int = 0, atomic: bool = True) -> Iterator[None]:
    """Claim the queued run for this worker (it becomes running, with its first heartbeat in
    the same UPDATE), keep its heartbeat while the work runs, and if the work fails record
    why (outside its transaction, so the page shows it) and pass the error on to the
    worker's log. Its results are saved with `heartbeat.finishing` or `hold`, which check
    that the run is still this worker's: a run taken from it meanwhile keeps its newer
    outcome, and the block ends quietly.

    With `atomic` the whole work is one transaction, so a failure rolls all of it back. A
    long computation should pass `atomic=False` and write its results in a transaction of
    its own: then the computation holds no lock (on SQLite a write transaction blocks every
    other writer) and its progress, written in autocommit, moves the page's bar."""
    if not heartbeat.job_claim(
        run, waiting=[RunStatus.QUEUED], status=RunStatus.RUNNING, stage=stage, progress=progress
    ):
        run.refresh_from_db()
        raise heartbeat.ClaimLost(f"{run} is not waiting for a worker ({run.status})")
    try:
        with heartbeat.beating(run), transaction.atomic() if atomic else nullcontext():
            yield
    except Exception as exc:
        heartbeat.job_finish(
            run,
            status=RunStatus.FAILED,
            stage="",
            failure=f"The run failed: {exc}",
            finished_at=timezone.now(),
        )
        raise
    run.refresh_from_db()


def run_progress(run: Run, *, stage: str, percent: int) -> None:
    """Progress of a running run, committed at once (call it outside the run's writes)."""
    heartbeat.beat(run, stage=stage, progress=percent)


def run_lock(run: R) -> R:
    """The run afresh, locked for this transaction after its cohort. Every path that changes
    a run locks in this one order, so two of them at once queue instead of deadlocking."""
    cohort_lock(run.cohort)  # type: ignore[attr-defined]
    runs = type(run)._default_manager.select_for_update(of=("self",)).select_related("cohort")
    return runs.get(pk=run.pk)


def run_lock_ready(run: R, *, refusal: str) -> R:
    """run_lock, refusing a run that is no longer ready for review; `refusal` (translated by
    the caller) may name the run's status as `%(status)s`."""
    run = run_lock(run)
    if run.status != RunStatus.READY:
        raise ValidationError(refusal % {"status": run.get_status_display()})
    return run


@transaction.atomic
def run_discard(run: R, *, changed_by: Actor, published_error: str) -> R:
    run = run_lock(run)
    if run.status == RunStatus.PUBLISHED:
        raise ValidationError(published_error)
    run.status = RunStatus.DISCARDED
    run._history_user = changed_by  # type: ignore[attr-defined]
    run.save()
    return run
