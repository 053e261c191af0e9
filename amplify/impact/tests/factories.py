"""Impact records for tests and the shared walks: the default library, a published cohort
report and its PDF."""

from __future__ import annotations

from amplify.conftest import World
from amplify.impact.library import indicators_install
from amplify.impact.models import ReportPDF, Scope, Snapshot
from amplify.impact.snapshots import snapshot_publish


def make_everything(world: World) -> None:
    """One record of each impact model (idempotent)."""
    indicators_install()
    snapshot = Snapshot.objects.filter(cohort=world.cohort).first() or snapshot_publish(
        scope=Scope.COHORT, cohort=world.cohort, by=world.harriet, note="Board"
    )
    if not ReportPDF.objects.exists():
        ReportPDF.objects.create(cohort=world.cohort, snapshot=snapshot, requested_by=world.harriet)
