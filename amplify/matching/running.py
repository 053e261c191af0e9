"""What executing and discarding a run (matching or home groups) have in common."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from amplify.matching.models import Run, RunStatus
from amplify.programmes.services import cohort_lock

R = TypeVar("R", bound=Run)


@contextmanager
def executing(run: Run, *, stage: str, progress: int = 0) -> Iterator[None]:
    """Mark the run as running and do the work in one transaction. If the work fails, its
    writes roll back, the run records why (outside that transaction, so the page shows it)
    and the error goes on to the worker's log."""
    runs = type(run)._default_manager
    runs.filter(pk=run.pk).update(status=RunStatus.RUNNING, stage=stage, progress=progress)
    try:
        with transaction.atomic():
            yield
    except Exception as exc:
        runs.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            stage="",
            failure=f"The run failed: {exc}",
            finished_at=timezone.now(),
        )
        raise
    run.refresh_from_db()


@transaction.atomic
def run_discard(run: R, *, changed_by: Any, published_error: str) -> R:
    cohort_lock(run.cohort)  # type: ignore[attr-defined]  # the cohort first, then the run
    run = type(run)._default_manager.select_for_update().get(pk=run.pk)
    if run.status == RunStatus.PUBLISHED:
        raise ValidationError(published_error)
    run.status = RunStatus.DISCARDED
    run._history_user = changed_by  # type: ignore[attr-defined]
    run.save()
    return run
