"""The import through the web page and the API: upload, progress, commit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.people.models import PeopleImport, Person

CSV = (
    b"employee_id,name,email,country\n"
    b"E900,Nia Page,nia@sony.example,GB\nE901,Ola Page,ola@sony.example,NG\n"
)


def test_it_checks_then_imports_through_the_page(
    world: World, as_user, django_capture_on_commit_callbacks
) -> None:
    client = as_user(world.harriet)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("people:imports"), {"file": SimpleUploadedFile("hr.csv", CSV, "text/csv")}
        )
    job = PeopleImport.objects.get()
    assert response["Location"] == reverse("people:import", args=[job.pk])
    page = client.get(response["Location"])
    assert b"Import 2 changes" in page.content
    assert b"Nia Page" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people:import-commit", args=[job.pk]))
    assert Person.objects.filter(employee_id__in=["E900", "E901"]).count() == 2
    assert b"Imported" in client.get(reverse("people:import", args=[job.pk])).content


def test_it_polls_while_working_and_stops_when_done(world: World, as_user) -> None:
    job = PeopleImport.objects.create(
        uploaded_by=world.harriet,
        filename="hr.csv",
        content=CSV,
        size=len(CSV),
        status=PeopleImport.Status.CHECKING,
        progress=40,
        stage="Checking rows",
    )
    client = as_user(world.harriet)
    fragment = client.get(reverse("people:import", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert b'hx-trigger="every 1s"' in fragment.content
    assert b"40%" in fragment.content
    assert b"<html" not in fragment.content
    job.status = PeopleImport.Status.INVALID
    job.errors = [{"row": 3, "column": "country", "message": "Unknown country code “XX”"}]
    job.save()
    fragment = client.get(reverse("people:import", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert b"every 1s" not in fragment.content
    assert b"Unknown country" in fragment.content
    errors = client.get(reverse("people:import-errors", args=[job.pk]))
    assert errors.content.decode().splitlines()[1] == "3,country,Unknown country code “XX”"


def test_it_refuses_a_file_that_is_not_an_export(world: World, as_user) -> None:
    response = as_user(world.harriet).post(
        reverse("people:imports"),
        {"file": SimpleUploadedFile("photo.png", b"\x89PNG", "image/png")},
    )
    assert response.status_code == 200
    assert b"The file must be a .csv or .xlsx export." in response.content
    assert not PeopleImport.objects.exists()


def test_it_imports_through_the_api(
    world: World, client, django_capture_on_commit_callbacks
) -> None:
    _, token = api_token_create(user=world.harriet, name="HR sync")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/people/imports/", {"file": SimpleUploadedFile("hr.csv", CSV)}, **auth
        )
    assert response.status_code == 202
    job_id = response.json()["id"]
    status = client.get(f"/api/people/imports/{job_id}", **auth).json()
    assert (status["status"], status["create_count"]) == ("ready", 2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/people/imports/{job_id}/commit", **auth)
    assert response.status_code == 202
    assert client.get(f"/api/people/imports/{job_id}", **auth).json()["status"] == "done"
    again = client.post(f"/api/people/imports/{job_id}/commit", **auth)
    assert again.status_code == 422
    assert "Only a checked import" in again.json()["detail"]


def test_it_keeps_imports_to_their_uploader(world: World, as_user) -> None:
    job = PeopleImport.objects.create(
        uploaded_by=world.harriet, filename="hr.csv", content=CSV, size=len(CSV)
    )
    other = world.harriet.__class__.objects.create_user(
        "pm2@sony.example", "x", role="programme_manager"
    )
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(other, generate_totp_secret())
    assert as_user(other).get(reverse("people:import", args=[job.pk])).status_code == 404
    assert pytest.approx(1) == PeopleImport.objects.count()
