"""Finding 16: what an import tells its client. The API carries the failure reason, the row
errors and the encoding used; the dry-run page names the encoding too."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.people import services
from amplify.people.models import PeopleImport
from amplify.people.services import people_import_check

CSV = "employee_id,name,email,country\nE900,山田 太郎,taro@sony.example,JP\n"


@pytest.fixture
def api(world: World, client, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    _, token = api_token_create(user=world.harriet, name="HR sync")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    class Api:
        def get(self, path: str) -> dict:
            response = client.get(path, **auth)
            assert response.status_code == 200
            return response.json()

        def upload(self, name: str, content: bytes) -> dict:
            with capture(execute=True):  # the dry run runs once the upload commits
                response = client.post(
                    "/api/people/imports/", {"file": SimpleUploadedFile(name, content)}, **auth
                )
            assert response.status_code == 202
            return self.get(f"/api/people/imports/{response.json()['id']}")

    return Api()


def test_it_names_the_encoding_in_the_api(api) -> None:
    job = api.upload("hr.csv", CSV.encode("cp932"))
    assert (job["status"], job["encoding"], job["create_count"]) == (
        "ready",
        "Shift-JIS (cp932)",
        1,
    )
    assert job["preview"][0]["name"] == "山田 太郎"
    assert job["warnings"][0].startswith("Encoding: Shift-JIS (cp932), detected from the content")
    job = api.upload("hr.csv", "\ufeff".encode("utf-16-le") + CSV.encode("utf-16-le"))
    # Certain (a byte-order mark): named, and not a warning.
    assert (job["status"], job["encoding"], job["warnings"]) == ("ready", "UTF-16", [])


def test_it_names_the_encoding_on_the_dry_run_page(
    world: World, as_user, django_capture_on_commit_callbacks
) -> None:
    client = as_user(world.harriet)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("people:imports"),
            {"file": SimpleUploadedFile("hr.csv", CSV.encode("cp932"), "text/csv")},
        )
    page = client.get(response["Location"]).content.decode()
    assert "Read as Shift-JIS (cp932)." in page
    assert "山田 太郎" in page


def test_it_gives_the_row_errors_in_the_api(api) -> None:
    job = api.upload("hr.csv", b'employee_id,name,email,country\nE1,"Ana,a@x.example,GB\n')
    assert job["status"] == "invalid"
    assert job["error_count"] == 1
    assert job["errors"][0]["row"] == 2
    assert job["errors"][0]["message"].startswith('A quote (") in this row is never closed')


def test_it_gives_the_failure_reason_in_the_api(
    world: World, api, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = PeopleImport.objects.create(
        uploaded_by=world.harriet, filename="hr.csv", content=b"x", size=1
    )

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire " + "x" * 20_000)

    monkeypatch.setattr(services, "_plan", broken)
    with pytest.raises(RuntimeError):
        people_import_check(job=job)
    body = api.get(f"/api/people/imports/{job.pk}")
    assert body["status"] == "failed"
    assert body["failure"].startswith("The check failed: disk on fire xxx")
    assert len(body["failure"]) < 400
    listed = api.get("/api/people/imports/")
    assert listed["items"][0]["failure"] == body["failure"]
