"""Matching's background jobs and periodic work: runs carry a heartbeat, and the inputs of
runs nobody will publish (discarded, failed) are deleted after a while."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q

from amplify.matching.models import GroupingRun, MatchingRun, RunStatus
from amplify.operations import heartbeat
from amplify.operations.periodic import periodic
from amplify.operations.retention import retention_cutoff

for _model in (MatchingRun, GroupingRun):
    heartbeat.watch(
        _model,
        working=[RunStatus.RUNNING],
        failed=RunStatus.FAILED,
        retry="you can run it again.",
    )


@periodic("retention.run_inputs", every=timedelta(hours=1))
def run_inputs_expire(now: datetime) -> int:
    """A run's inputs are a snapshot of people's profiles (and consented background); once
    the run is discarded or failed they explain nothing anyone will publish."""
    cutoff = retention_cutoff(settings.AMPLIFY_RETAIN_RUN_INPUTS_DAYS, now=now)
    if cutoff is None:
        return 0
    deleted = 0
    for model in (MatchingRun, GroupingRun):
        deleted += (
            model.objects.filter(
                status__in=[RunStatus.DISCARDED, RunStatus.FAILED], inputs_deleted_at__isnull=True
            )
            .filter(Q(finished_at__lt=cutoff) | Q(finished_at__isnull=True, created_at__lt=cutoff))
            .update(inputs={}, inputs_deleted_at=now)
        )
    return deleted
