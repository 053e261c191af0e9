"""Retention: evidence is kept only as long as it is useful, then deleted by the periodic job.

Each app registers what it deletes in its own `periodic.py` (imported HR files in people, the
inputs of discarded and failed runs in matching); the background queue's finished task records
are deleted here. Periods are settings (see docs/operations.md); 0 keeps things forever.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django_tasks_db.models import DBTaskResult

from amplify.operations.periodic import periodic


def retention_cutoff(days: int, *, now: datetime) -> datetime | None:
    """The time before which evidence kept for `days` days is deleted; None keeps it forever."""
    return now - timedelta(days=days) if days > 0 else None


@periodic("retention.task_results", every=timedelta(hours=1))
def task_results_expire(now: datetime) -> int:
    """Finished background-task records (their arguments and tracebacks) go after a while,
    and so do records a killed worker left "running" that long ago (their jobs were failed
    by the heartbeat sweep long since)."""
    cutoff = retention_cutoff(settings.AMPLIFY_RETAIN_TASK_RESULTS_DAYS, now=now)
    if cutoff is None:
        return 0
    old = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff)
    abandoned = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
    deleted, _ = (old | abandoned).delete()
    return deleted
