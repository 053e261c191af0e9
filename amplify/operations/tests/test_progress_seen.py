"""Progress and heartbeat are committed as the job goes, so another connection (the page's
poll) sees the bar move, while the job's own writes stay invisible until they are whole; and
other writers go on meanwhile. These tests commit for real (transaction=True)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from amplify.accounts.models import User
from amplify.conftest import World
from amplify.matching import grouping, services
from amplify.matching.models import GroupingRun, MatchingRun, RunStatus
from amplify.matching.services import execution, groups
from amplify.matching.tests.cohorts import build_matchable
from amplify.matching.tests.test_grouping import cohort  # noqa: F401 -- a fixture
from amplify.matching.tests.test_services import WEIGHTS
from amplify.operations.tests.elsewhere import elsewhere
from amplify.people.importing import database
from amplify.people.models import Country, PeopleImport, Person
from amplify.people.services import people_import_apply, people_import_start
from amplify.people.tests.factories import DivisionFactory, UserFactory
from amplify.people.tests.test_import_service import HEADER
from amplify.programmes.models import Cohort

# serialized_rollback: the flush after each test would drop the reference data (countries).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def big_file(rows: int) -> bytes:
    lines = [HEADER] + [
        f"E{n},Person {n},p{n}@sony.example,GB,Sony Music UK,Executive,,en,Europe/London"
        for n in range(rows)
    ]
    return "\n".join(lines).encode()


def test_it_shows_import_progress_to_other_connections_while_writing(monkeypatch) -> None:
    DivisionFactory(name="Sony Music UK")
    manager = UserFactory(role=User.Role.PROGRAMME_MANAGER)
    # More rows than one batch holds on either database (SQLite: 66, PostgreSQL: 1,000).
    # Committed for real, so the dry run (an in-process task here) has run already.
    job = people_import_start(user=manager, filename="hr.csv", content=big_file(2100))
    job.refresh_from_db()
    assert job.status == PeopleImport.Status.READY
    PeopleImport.objects.filter(pk=job.pk).update(
        status=PeopleImport.Status.IMPORTING, committed_by=manager, committed_at=timezone.now()
    )
    seen: list[tuple[str, int, bool, int]] = []
    real_apply = database.apply

    def spying(plan: Any, **kwargs: Any) -> None:
        report = kwargs["progress"]

        def progress(done: int, total: int) -> None:
            report(done, total)
            if done < total and len(seen) < 3:

                def look() -> tuple[str, int, bool, int]:
                    row = PeopleImport.objects.get(pk=job.pk)
                    # Another writer is not held up by the import either.
                    Country.objects.filter(code="GB").update(name="United Kingdom")
                    return (
                        row.stage,
                        row.progress,
                        row.heartbeat_at is not None,
                        Person.objects.filter(employee_id__startswith="E").count(),
                    )

                seen.append(elsewhere(look))

        kwargs["progress"] = progress
        real_apply(plan, **kwargs)

    monkeypatch.setattr(database, "apply", spying)

    job = people_import_apply(job=job)

    assert job.status == PeopleImport.Status.DONE
    assert len(seen) >= 2
    stages, percents, beats, people = zip(*seen, strict=True)
    assert set(stages) == {"Writing people"}
    assert list(percents) == sorted(percents)
    assert 0 < percents[0] < 100
    assert all(beats)
    assert set(people) == {0}  # all or nothing: nobody is written until the end
    assert Person.objects.filter(employee_id__startswith="E").count() == 2100


def test_it_shows_run_progress_to_other_connections_while_matching(monkeypatch) -> None:
    from amplify.conftest import build_world

    world = build_world()
    m = build_matchable(world)
    run = services.matching_run_start(
        cohort=m.cohort, created_by=world.harriet, weights=WEIGHTS, queue=False
    )
    reported: list[tuple[str, str, int, bool]] = []
    seen: list[tuple[str, str, int, bool]] = []
    real = execution.run_progress

    def spying(run_: MatchingRun, *, stage: str, percent: int) -> None:
        real(run_, stage=stage, percent=percent)
        reported.append((RunStatus.RUNNING, stage, percent, True))

        def look() -> tuple[str, str, int, bool]:
            row = MatchingRun.objects.get(pk=run.pk)
            return row.status, row.stage, row.progress, row.heartbeat_at is not None

        seen.append(elsewhere(look))

    monkeypatch.setattr(execution, "run_progress", spying)

    services.matching_run_execute(run=run)

    assert reported, "the engine reported no progress"
    assert seen == reported
    run.refresh_from_db()
    assert run.status == RunStatus.READY


def test_it_forms_groups_without_holding_up_other_writers(
    world: World,
    cohort: Cohort,  # noqa: F811 -- the fixture imported above
    monkeypatch,
) -> None:
    run = grouping.grouping_run_start(cohort=cohort, created_by=world.harriet, queue=False)
    real = groups.form_groups
    seen: list[tuple[str, bool]] = []

    def forming(*args: Any, **kwargs: Any) -> Any:
        def look() -> tuple[str, bool]:
            Country.objects.filter(code="GB").update(name="United Kingdom")
            row = GroupingRun.objects.get(pk=run.pk)
            return row.status, row.heartbeat_at is not None

        seen.append(elsewhere(look))
        return real(*args, **kwargs)

    monkeypatch.setattr(groups, "form_groups", forming)

    grouping.grouping_run_execute(run=run)

    assert seen == [(RunStatus.RUNNING, True)]
    run.refresh_from_db()
    assert run.status == RunStatus.READY
    assert run.groups.exists()
