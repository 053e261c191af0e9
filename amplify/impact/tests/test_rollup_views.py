"""The organisation roll-up's page, downloads and API: access, refusals, suppression."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.impact.tests.rollup_data import grow

pytestmark = pytest.mark.django_db
URL = "/impact/"


def test_the_page_shows_accessible_tables_with_drill_down_links(world: World, as_user) -> None:
    grow(world.programme)
    response = as_user(world.ina).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<caption>People taking part</caption>" in page
    assert '<th scope="col"' in page
    assert '<th scope="row">' in page
    assert f'href="?programme={world.programme.pk}"' in page
    assert "fewer than 5" in page  # Amplify's small groups
    assert "format=xlsx" in page


def test_a_refused_filter_says_why_instead_of_showing_tables(world: World, as_user) -> None:
    grow(world.programme)
    response = as_user(world.ina).get(URL, {"country": "FR"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "fewer than 5 people" in page
    assert "<caption>" not in page
    download = as_user(world.ina).get(URL, {"country": "FR", "format": "csv"})
    assert download.status_code == 422


def test_a_manager_cannot_filter_on_a_programme_not_hers(world: World, as_user) -> None:
    grow(world.programme)
    page = as_user(world.harriet).get(URL, {"programme": world.leadership.pk})
    assert "<caption>" not in page.content.decode()
    assert "Amplify" not in as_user(world.harriet).get(URL).content.decode().split("<form")[1]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_each_table_downloads_with_the_same_suppression(world: World, as_user, fmt) -> None:
    grow(world.programme)
    response = as_user(world.ina).get(URL, {"table": "people", "format": fmt})
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert f'filename="people-{today}.{fmt}"' in response["Content-Disposition"]
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        amplify = next(r for r in rows if r and r[0] == "Amplify")
    else:
        sheet = load_workbook(io.BytesIO(response.content))["people"]
        amplify = [c.value for c in next(r for r in sheet.iter_rows() if r[0].value == "Amplify")]
    assert amplify[1] == "fewer than 5"
    assert as_user(world.ina).get(URL, {"table": "nope", "format": fmt}).status_code == 404


def test_the_api_gives_hidden_cells_as_null_with_their_reason(world: World) -> None:
    grow(world.programme)
    _, raw = api_token_create(user=world.ina, name="t")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    body = api.get("/api/impact/organisation").json()
    people = next(t for t in body["tables"] if t["key"] == "people")
    amplify = next(r for r in people["rows"] if r[0] == "Amplify")
    assert amplify[1] == {"value": None, "reason": "small"}
    refused = api.get("/api/impact/organisation", {"country": "FR"})
    assert refused.status_code == 422
    assert "fewer than 5" in refused.json()["detail"]
    narrowed = api.get("/api/impact/organisation", {"programme": world.programme.pk}).json()
    assert narrowed["level"] == "programme"


def test_anonymous_readers_are_sent_to_sign_in(client: Client) -> None:
    assert client.get(URL).status_code == 302
    assert client.get("/api/impact/organisation").status_code == 401


def test_the_menu_and_the_impact_admins_home_link_to_it(world: World, as_user) -> None:
    link = f'href="{reverse("impact:organisation")}"'
    assert link in as_user(world.ina).get("/").content.decode()
    assert link in as_user(world.harriet).get("/").content.decode()
    assert link not in as_user(world.alice).get("/").content.decode()
