"""The product's one periodic mechanism: a registry of periodic jobs and a safe way to run them.

Apps register their jobs in their own `periodic.py` with `@periodic("name", every=...)`. The
worker (`manage.py amplify_worker`) runs the due jobs every `AMPLIFY_PERIODIC_EVERY` seconds,
so no extra service is needed; `manage.py amplify_periodic` runs them once (for cron). Any
number of these may run at once: each job is claimed through its `PeriodicLease` row by one
conditional UPDATE, which exactly one of them wins on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from amplify.operations.models import PeriodicLease

logger = logging.getLogger(__name__)

Work = Callable[[datetime], object]


@dataclass(frozen=True)
class Periodic:
    name: str
    every: timedelta
    work: Work


REGISTRY: dict[str, Periodic] = {}


def periodic(name: str, *, every: timedelta) -> Callable[[Work], Work]:
    """Register `work(now)` to run at most once per `every`, across all workers."""

    def register(work: Work) -> Work:
        REGISTRY[name] = Periodic(name, every, work)
        return work

    return register


def _claim(job: Periodic, now: datetime, holder: str) -> bool:
    lease = timedelta(seconds=settings.AMPLIFY_PERIODIC_LEASE)
    return bool(
        PeriodicLease.objects.filter(name=job.name, due_at__lte=now)
        .filter(Q(leased_until__isnull=True) | Q(leased_until__lt=now))
        .update(leased_until=now + lease, holder=holder, last_started_at=now)
    )


def periodic_run_due(*, now: datetime | None = None, only: str | None = None) -> list[str]:
    """Run every registered job that is due and not being run elsewhere; the names run.

    A job that raises is logged and recorded on its lease, and the others still run."""
    now = now or timezone.now()
    jobs = [j for j in REGISTRY.values() if only is None or j.name == only]
    # Rows for newly registered jobs; a concurrent run inserting the same row is ignored.
    PeriodicLease.objects.bulk_create(
        [PeriodicLease(name=j.name, due_at=now) for j in jobs], ignore_conflicts=True
    )
    ran = []
    for job in jobs:
        holder = uuid.uuid4().hex
        if not _claim(job, now, holder):
            continue
        error = ""
        try:
            job.work(now)
        except Exception as exc:
            logger.exception("Periodic job %s failed", job.name)
            error = f"{type(exc).__name__}: {exc}"
        PeriodicLease.objects.filter(name=job.name, holder=holder).update(
            due_at=now + job.every,
            leased_until=None,
            holder="",
            last_finished_at=timezone.now(),
            last_error=error,
        )
        ran.append(job.name)
    return ran
