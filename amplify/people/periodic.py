"""People's background jobs and periodic work: imports carry a heartbeat, and imported HR
files (and the row details taken from them) are deleted after a while."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from amplify.operations import heartbeat
from amplify.operations.periodic import periodic
from amplify.operations.retention import retention_cutoff
from amplify.people.models import PeopleImport

heartbeat.watch(
    PeopleImport,
    working=[PeopleImport.Status.CHECKING, PeopleImport.Status.IMPORTING],
    failed=PeopleImport.Status.FAILED,
    retry=lambda job: (
        "you can retry the import." if job.committed_at else "upload the file again to retry."
    ),
)


@periodic("retention.import_files", every=timedelta(hours=1))
def import_files_expire(now: datetime) -> int:
    """An HR file is personal data about everyone in it: once the import is done (or
    abandoned) it is kept `AMPLIFY_RETAIN_IMPORT_FILES_DAYS` days from its upload, then the
    file, its preview and its row errors go. The counts stay, and the page says when."""
    cutoff = retention_cutoff(settings.AMPLIFY_RETAIN_IMPORT_FILES_DAYS, now=now)
    if cutoff is None:
        return 0
    return (
        PeopleImport.objects.filter(created_at__lt=cutoff, file_deleted_at__isnull=True)
        .exclude(
            status__in=[
                PeopleImport.Status.QUEUED,
                PeopleImport.Status.CHECKING,
                PeopleImport.Status.IMPORTING,
            ]
        )
        .update(content=b"", preview=[], errors=[], file_deleted_at=now)
    )
