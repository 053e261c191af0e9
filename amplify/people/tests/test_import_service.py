"""Importing through the services and the database: nothing half-saved, re-imports idempotent."""

import pytest

from amplify.accounts.models import User
from amplify.people.models import PeopleImport, Person
from amplify.people.services import people_import_commit, people_import_start
from amplify.people.tests.factories import DivisionFactory, UserFactory

HEADER = "employee_id,name,email,country,division,job_title,manager_employee_id,languages,time_zone"
FILE = f"""{HEADER}
E3,Cy Report,cy@sony.example,GB,Sony Music UK,Executive,E2,en,Europe/London
E1,Ana Boss,ana@sony.example,BR,Sony Music UK,Director,,pt; en,America/Sao_Paulo
E2,Ben Middle,ben@sony.example,GB,Sony Music UK,Manager,E1,en,Europe/London
""".encode()


@pytest.fixture
def manager(db: None) -> User:
    DivisionFactory(name="Sony Music UK")
    return UserFactory(role=User.Role.PROGRAMME_MANAGER)


@pytest.fixture
def run(manager: User, django_capture_on_commit_callbacks):
    """Upload, check, then commit; tasks run in-process once each transaction commits."""

    def go(content: bytes) -> PeopleImport:
        with django_capture_on_commit_callbacks(execute=True):
            job = people_import_start(user=manager, filename="hr.csv", content=content)
        job.refresh_from_db()
        if job.status == PeopleImport.Status.READY and job.change_count:
            with django_capture_on_commit_callbacks(execute=True):
                people_import_commit(job=job, user=manager)
            job.refresh_from_db()
        return job

    return go


def test_it_checks_without_writing(manager: User, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = people_import_start(user=manager, filename="hr.csv", content=FILE)
    job.refresh_from_db()
    assert job.status == PeopleImport.Status.READY
    assert (job.create_count, job.update_count, job.error_count) == (3, 0, 0)
    assert [p["employee_id"] for p in job.preview] == ["E3", "E1", "E2"]
    assert not Person.objects.exists()


def test_it_imports_with_reporting_lines_and_history(manager: User, run) -> None:
    job = run(FILE)
    assert job.status == PeopleImport.Status.DONE, job.errors
    cy = Person.objects.get(employee_id="E3")
    assert cy.manager.employee_id == "E2"
    assert cy.manager.manager.employee_id == "E1"
    assert Person.objects.get(employee_id="E1").languages == ["pt", "en"]
    record = cy.history.get()
    assert record.history_user == manager
    assert record.history_actor == manager.email  # an account without a person record
    assert record.history_change_reason == "Import of hr.csv"
    assert record.manager_id == cy.manager_id  # created with the manager in place: one record


def test_it_changes_nothing_on_a_second_import(run) -> None:
    run(FILE)
    again = run(FILE)
    assert (again.create_count, again.update_count, again.unchanged_count) == (0, 0, 3)
    assert again.status == PeopleImport.Status.READY  # nothing to commit
    assert Person.history.count() == 3


def test_it_updates_only_what_changed(run) -> None:
    run(FILE)
    changed = FILE.replace(
        b"Cy Report,cy@sony.example,GB,Sony Music UK,Executive",
        b"Cy Report,cy@sony.example,GB,Sony Music UK,Manager",
    )
    job = run(changed)
    assert (job.create_count, job.update_count, job.unchanged_count) == (0, 1, 2)
    cy = Person.objects.get(employee_id="E3")
    assert cy.job_title == "Manager"
    latest, previous = cy.history.all()[:2]
    assert [c.field for c in latest.diff_against(previous).changes] == ["job_title"]


def test_it_swaps_emails_between_two_people(run) -> None:
    run(FILE)
    swapped = (
        FILE.replace(b"ana@sony", b"TMP")
        .replace(b"ben@sony", b"ana@sony")
        .replace(b"TMP", b"ben@sony")
    )
    job = run(swapped)
    assert job.status == PeopleImport.Status.DONE, job.errors
    assert Person.objects.get(employee_id="E1").email == "ben@sony.example"


def test_it_imports_nothing_from_a_file_with_one_bad_row(run) -> None:
    job = run(FILE + b"E4,Di,not-an-email,GB,,,,,\n")
    assert job.status == PeopleImport.Status.INVALID
    assert job.rows_total == 4  # the bad row was read too
    assert job.errors == [
        {
            "row": 5,
            "column": "email",
            "message": "“not-an-email” is not a valid email address.",
            "msgid": "“%(value)s” is not a valid email address.",
            "params": {"value": "not-an-email"},
        }
    ]
    assert not Person.objects.exists()


def test_it_rechecks_at_commit_time(manager: User, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = people_import_start(user=manager, filename="hr.csv", content=FILE)
    # Meanwhile someone else takes one of the emails.
    Person.objects.create(name="Squatter", email="ben@sony.example")
    with django_capture_on_commit_callbacks(execute=True):
        people_import_commit(job=job, user=manager)
    job.refresh_from_db()
    assert job.status == PeopleImport.Status.INVALID
    assert job.errors[0]["column"] == "email"
    assert Person.objects.count() == 1


def test_it_marks_an_import_failed_when_checking_breaks(manager: User, monkeypatch) -> None:
    from amplify.people import services
    from amplify.people.services import people_import_check

    job = PeopleImport.objects.create(
        uploaded_by=manager, filename="hr.csv", content=FILE, size=len(FILE)
    )

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services, "_plan", broken)
    with pytest.raises(RuntimeError):
        people_import_check(job=job)
    job.refresh_from_db()
    assert job.status == PeopleImport.Status.FAILED
    assert job.failure == "The check failed: disk on fire"
    assert not job.is_working
