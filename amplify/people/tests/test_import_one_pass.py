"""One dry run names every error of a file: row errors, unknown managers and reporting-line
cycles together, row-numbered, in file order. (A file whose rows had errors once hid its
unknown manager until the other rows were fixed.)"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.people.models import PeopleImport
from amplify.people.tests.test_import_check import HEADER, messages, run

# Row 2: a bad country AND an unknown manager on the same row.
# Row 3: fine, but managed by E4, whose own row has an error: E4 is in the file all the same.
# Row 4: a bad email. Rows 5 and 6: a reporting-line cycle. Row 7: an unknown manager alone.
FILE = f"""{HEADER}
E1,Ana,ana@x.example,ZZ,,,E77,,
E2,Ben,ben@x.example,GB,,,E4,,
E4,Cy,not-an-email,GB,,,,,
E5,Di,di@x.example,GB,,,E6,,
E6,Ed,ed@x.example,GB,,,E5,,
E7,Flo,flo@x.example,GB,,,E88,,
"""
EXPECTED = [
    (2, "country", "Unknown country code “ZZ”; use ISO 3166-1 alpha-2, e.g. GB."),
    (2, "manager_employee_id", "Manager E77 is neither in this file nor in Amplify."),
    (4, "email", "“not-an-email” is not a valid email address."),
    (5, "manager_employee_id", "Reporting lines form a cycle: E5 → E6 → E5."),
    (6, "manager_employee_id", "Reporting lines form a cycle: E6 → E5 → E6."),
    (7, "manager_employee_id", "Manager E88 is neither in this file nor in Amplify."),
]


def test_the_dry_run_reports_row_errors_unknown_managers_and_cycles_at_once() -> None:
    plan = run(FILE)
    assert messages(plan) == EXPECTED
    assert plan.error_count == len(EXPECTED)
    assert not plan.creates


def test_a_missing_column_does_not_hide_the_errors_of_the_rows() -> None:
    plan = run("employee_id,name,email,manager_employee_id\nE1,Ana,bad,E9\n")
    assert messages(plan) == [
        (
            1,
            "country",
            "Missing column “country”. The header row is: "
            "employee_id, name, email, manager_employee_id.",
        ),
        (2, "email", "“bad” is not a valid email address."),
        (2, "manager_employee_id", "Manager E9 is neither in this file nor in Amplify."),
    ]


def test_a_control_character_does_not_hide_the_other_errors_of_its_row() -> None:
    plan = run(f"{HEADER}\nE1,An\x07a,ana@x.example,ZZ,,,E9,,\n")
    assert [(row, column) for row, column, _ in messages(plan)] == [
        (2, "name"),
        (2, "country"),
        (2, "manager_employee_id"),
    ]


def _upload_through_the_page(world: World, as_user, capture) -> PeopleImport:
    client = as_user(world.harriet)
    with capture(execute=True):
        client.post(
            reverse("people:imports"),
            {"file": SimpleUploadedFile("hr.csv", FILE.encode(), "text/csv")},
        )
    return PeopleImport.objects.get()


def test_the_page_lists_every_error_of_the_file(
    world: World, as_user, django_capture_on_commit_callbacks
) -> None:
    job = _upload_through_the_page(world, as_user, django_capture_on_commit_callbacks)
    assert job.status == PeopleImport.Status.INVALID
    client = as_user(world.harriet)
    page = client.get(reverse("people:import", args=[job.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    for _, _, message in EXPECTED:
        assert message.replace("“", "&ldquo;") in html or message in html, message
    report = client.get(reverse("people:import-errors", args=[job.pk])).content.decode()
    assert [line.split(",")[0] for line in report.splitlines()[1:]] == [
        str(row) for row, _, _ in EXPECTED
    ]


def test_the_api_gives_every_error_of_the_file(
    world: World, client, django_capture_on_commit_callbacks
) -> None:
    _, token = api_token_create(user=world.harriet, name="HR sync")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(
            "/api/people/imports/",
            {"file": SimpleUploadedFile("hr.csv", FILE.encode())},
            **auth,
        )
    assert created.status_code == 202
    job = client.get(f"/api/people/imports/{created.json()['id']}", **auth).json()
    assert job["status"] == "invalid"
    assert job["error_count"] == len(EXPECTED)
    assert [(e["row"], e["column"], e["message"]) for e in job["errors"]] == EXPECTED
