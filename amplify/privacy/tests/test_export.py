"""Subject access (arts. 15 and 20): a person downloads everything held about her, as JSON
and CSV files in a ZIP; administrators and impact admins produce it on request."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from amplify.conftest import World
from amplify.privacy.tests.conftest import BIO, NOTE, Traces


def open_zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/zip"
    assert response.streaming
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def rows(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode())))


def test_it_downloads_everything_about_me(world: World, traces: Traces, as_user) -> None:
    archive = open_zip(as_user(world.bea).get("/privacy/export/"))
    names = set(archive.namelist())
    assert {
        "README.txt",
        "data.json",
        "profile.csv",
        "account.csv",
        "enrolments.csv",
        "pairings.csv",
        "events.csv",
        "proposals.csv",
        "run_inputs.csv",
        "rules.csv",
        "imports.csv",
        "history/profile.csv",
        "history/enrolments.csv",
        "diversity.json",
    } <= names
    data = json.loads(archive.read("data.json"))
    assert data["profile"]["bio"] == BIO
    assert data["account"]["email"] == "bea@example.com"
    assert data["account"]["api_tokens"][0]["name"] == "My script"
    assert "key_hash" not in data["account"]["api_tokens"][0]
    assert [f["type"] for f in data["account"]["second_factors"]] == ["totp"]
    assert NOTE in {e["note"] for e in data["enrolments"]}
    assert {p["with"] for p in data["pairings"]} == {"Alice Staff"}
    assert [e["response"] for e in data["events"]] == ["going"]
    assert data["matching_profile"]["tags"] == ["Marketing", "Podcasts"]
    assert data["run_inputs"][0]["snapshot"]["key"] == str(traces.bea.pk)
    assert any(h["bio"] == BIO and h["changed_by"] == "you" for h in data["history"]["profile"])
    assert data["diversity"] is not None
    assert rows(archive, "profile.csv")[0]["email"] == "bea@example.com"


def test_it_gives_only_her_rows_of_an_import(world: World, traces: Traces, as_user) -> None:
    archive = open_zip(as_user(world.bea).get("/privacy/export/"))
    data = json.loads(archive.read("data.json"))
    by_file = {i["filename"]: i for i in data["imports"]}
    assert set(by_file) == {"hr.csv", "hr.xlsx"}
    csv_rows = by_file["hr.csv"]["rows"]
    assert [(r["row"], r["name"]) for r in csv_rows] == [(2, "Bea Young")]
    assert [p["name"] for p in by_file["hr.csv"]["preview"]] == ["Bea Young"]
    assert by_file["hr.csv"]["errors"] == []  # the error is about Dan's row
    assert [r["row"] for r in by_file["hr.xlsx"]["rows"]] == [3]
    text = archive.read(f"imports/import-{traces.csv_import.pk}.csv").decode()
    assert "Bea Young" in text
    assert "Dan Young" not in text
    assert b"Dan Young" not in archive.read("data.json")


def test_unpublished_proposals_name_nobody_else_and_skip_background(
    world: World, traces: Traces, as_user
) -> None:
    data = json.loads(open_zip(as_user(world.bea).get("/privacy/export/")).read("data.json"))
    assert data["proposals"], "the run proposed a mentor for Bea"
    for proposal in data["proposals"]:
        assert proposal["run_status"] == "ready"
        assert proposal["with"] is None
        assert "background" not in {row["criterion"] for row in proposal["breakdown"]}


def test_an_administrator_produces_it_without_diversity_data(
    world: World, traces: Traces, as_user
) -> None:
    archive = open_zip(as_user(world.ada).get(f"/privacy/people/{traces.bea.pk}/export/"))
    assert "diversity.json" not in archive.namelist()
    data = json.loads(archive.read("data.json"))
    assert data["diversity"] is None
    for entry in data["run_inputs"]:
        assert not {"attributes", "wants"} & set(entry["snapshot"])
    assert b"only you or an impact admin" in archive.read("README.txt")


def test_an_impact_admin_produces_it_with_diversity_data(
    world: World, traces: Traces, as_user
) -> None:
    archive = open_zip(as_user(world.ina).get(f"/privacy/people/{traces.bea.pk}/export/"))
    assert "diversity.json" in archive.namelist()


@pytest.mark.parametrize("path", ["/api/me/export", "bea"])
def test_the_api_gives_the_same_zip(world: World, traces: Traces, as_user, path: str) -> None:
    client = as_user(world.bea if path.startswith("/") else world.ina)
    url = path if path.startswith("/") else f"/api/people/{traces.bea.pk}/export"
    archive = open_zip(client.get(url))
    assert json.loads(archive.read("data.json"))["profile"]["id"] == traces.bea.pk


def test_the_profile_page_offers_the_download(world: World, traces: Traces, as_user) -> None:
    page = as_user(world.bea).get(f"/people/{traces.bea.pk}/")
    assert b"Download my data" in page.content
    assert b"/privacy/export/" in page.content
    other = as_user(world.alice).get(f"/people/{traces.bea.pk}/")
    assert b"Download my data" not in other.content


def test_someone_without_a_person_record_is_told(db, as_user) -> None:
    from amplify.people.tests.factories import UserFactory

    client = as_user(UserFactory())
    assert client.get("/privacy/export/").status_code == 302
    response = client.get("/api/me/export")
    assert response.status_code == 422
    assert "not linked" in response.json()["detail"]
