"""Retention: imported HR files, the inputs of discarded and failed runs, and finished task
records are deleted after their configured time by the periodic job."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from amplify.conftest import World
from amplify.matching.models import MatchingRun, RunStatus
from amplify.operations.periodic import periodic_run_due
from amplify.people.models import PeopleImport
from amplify.people.services import people_import_commit

CSV = b"employee_id,name\nE1,Ana\n"


def upload(world: World, *, days_ago: int, status: str) -> PeopleImport:
    job = PeopleImport.objects.create(
        uploaded_by=world.harriet,
        filename="hr.csv",
        content=CSV,
        size=len(CSV),
        status=status,
        preview=[{"row": 2, "employee_id": "E1", "name": "Ana", "action": "create"}],
        errors=[{"row": 2, "column": "email", "message": "Missing email for Ana"}],
    )
    PeopleImport.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return job


def test_it_deletes_old_import_files_and_says_so(world: World, as_user) -> None:
    old = upload(world, days_ago=31, status=PeopleImport.Status.READY)
    recent = upload(world, days_ago=29, status=PeopleImport.Status.DONE)
    working = upload(world, days_ago=31, status=PeopleImport.Status.IMPORTING)

    assert "retention.import_files" in periodic_run_due()

    old.refresh_from_db()
    assert (bytes(old.content), old.preview, old.errors) == (b"", [], [])
    assert old.file_deleted_at is not None
    assert bytes(PeopleImport.objects.get(pk=recent.pk).content) == CSV
    assert bytes(PeopleImport.objects.get(pk=working.pk).content) == CSV
    page = as_user(world.harriet).get(reverse("people:import", args=[old.pk])).content.decode()
    assert "The file and its row details were deleted on" in page
    assert "Ana" not in page
    with pytest.raises(ValidationError, match=r"The file was deleted on .* upload it again"):
        people_import_commit(job=old, user=world.harriet)
    assert as_user(world.harriet).get(f"/api/people/imports/{old.pk}").json()["file_deleted_at"]


def test_it_keeps_files_forever_when_told(world: World, settings) -> None:
    settings.AMPLIFY_RETAIN_IMPORT_FILES_DAYS = 0
    job = upload(world, days_ago=3650, status=PeopleImport.Status.DONE)

    periodic_run_due()

    assert bytes(PeopleImport.objects.get(pk=job.pk).content) == CSV


def test_it_deletes_the_inputs_of_old_discarded_and_failed_runs(world: World) -> None:
    long_ago = timezone.now() - timedelta(days=91)
    runs = {
        status: MatchingRun.objects.create(
            cohort=world.cohort,
            number=n,
            kind="mentoring",
            status=status,
            inputs={"mentors": [{"key": "1"}]},
            finished_at=long_ago,
        )
        for n, status in enumerate(
            [RunStatus.DISCARDED, RunStatus.FAILED, RunStatus.PUBLISHED, RunStatus.READY], 1
        )
    }

    periodic_run_due()

    kept = {s: MatchingRun.objects.get(pk=r.pk) for s, r in runs.items()}
    assert kept[RunStatus.DISCARDED].inputs == {}
    assert kept[RunStatus.DISCARDED].inputs_deleted_at is not None
    assert kept[RunStatus.FAILED].inputs == {}
    assert kept[RunStatus.PUBLISHED].inputs == {"mentors": [{"key": "1"}]}
    assert kept[RunStatus.READY].inputs == {"mentors": [{"key": "1"}]}


@pytest.mark.django_db
def test_it_deletes_old_finished_task_records() -> None:
    now = timezone.now()

    def record(
        status: str, finished_days_ago: int | None, started_days_ago: int = 0
    ) -> DBTaskResult:
        return DBTaskResult.objects.create(
            status=status,
            started_at=now - timedelta(days=started_days_ago),
            args_kwargs={"args": [1], "kwargs": {}},
            task_path="amplify.people.tasks.check_people_import",
            backend_name="default",
            queue_name="default",
            run_after=now,
            finished_at=None
            if finished_days_ago is None
            else now - timedelta(days=finished_days_ago),
        )

    old = record("SUCCESSFUL", 31)
    recent = record("FAILED", 2)
    waiting = record("READY", None)
    abandoned = record("RUNNING", None, started_days_ago=31)
    running = record("RUNNING", None, started_days_ago=1)

    periodic_run_due()

    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert left == {recent.pk, waiting.pk, running.pk}
    assert not {old.pk, abandoned.pk} & left
