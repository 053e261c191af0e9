"""The benefits register: kept by impact admins, read by programme managers, shown by
country with the benefits offered everywhere first."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.benefits import services
from amplify.benefits.models import Benefit
from amplify.benefits.reports import country_table
from amplify.benefits.tests.factories import benefit
from amplify.conftest import World
from amplify.home.concurrency import EditConflict, version_of


def _api(user: User) -> Client:
    _, raw = api_token_create(user=user, name="benefits")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_it_refuses_bad_input(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        benefit(world, kind="yacht", title=" ", languages=0)
    assert {"kind", "title", "languages"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        benefit(world, ends_on=date(2021, 1, 1))
    assert "ends_on" in exc.value.message_dict


def test_it_ends_a_benefit_and_refuses_a_stale_edit(world: World) -> None:
    b = benefit(world)
    seen = version_of(b, services.FIELDS)
    services.benefit_end(benefit=b, ended_by=world.ina, ends_on=date(2024, 12, 31), version=seen)
    with pytest.raises(EditConflict):
        services.benefit_update(benefit=b, changed_by=world.ada, version=seen, title="New")


def test_its_table_lists_every_country_first_then_by_country(world: World) -> None:
    benefit(world, country=None, kind="counselling", title="Counselling", languages=12)
    benefit(world, country="US", kind="life_insurance", title="Life insurance")
    benefit(world, country="GB")
    benefit(world, country="BR", title="Ended", ends_on=date(2023, 1, 1))
    rows = country_table(today=date(2024, 6, 1)).text_rows()
    assert [row[0] for row in rows] == ["Every country", "United Kingdom", "United States"]
    assert rows[0][2] == "Counselling, in 12 languages"
    assert rows[0][5] == "2022-01-01"


def test_its_pages(world: World, as_user) -> None:
    b = benefit(world)
    client = as_user(world.ina)
    response = client.post(
        reverse("benefits:add"),
        {"kind": "wellbeing", "title": "Gym", "audience": "employees", "starts_on": "2023-01-01"},
    )
    assert response.status_code == 302
    assert Benefit.objects.filter(title="Gym", country__isnull=True).exists()
    page = as_user(world.harriet).get(reverse("benefits:list")).content.decode()
    assert "Private medical cover" in page
    assert "Every country" in page
    assert reverse("benefits:add") not in page
    assert as_user(world.harriet).get(reverse("benefits:edit", args=[b.pk])).status_code == 403
    assert as_user(world.otto).get(reverse("benefits:list")).status_code == 403
    edit = client.get(reverse("benefits:edit", args=[b.pk]))
    version = edit.context["form"].initial["version"]
    yesterday = timezone.localdate() - timedelta(days=1)
    client.post(
        reverse("benefits:end", args=[b.pk]), {"version": version, "ends_on": yesterday.isoformat()}
    )
    b.refresh_from_db()
    assert b.ends_on == yesterday
    assert "Private medical cover" not in client.get(reverse("benefits:list")).content.decode()
    filtered = client.get(reverse("benefits:list"), {"ended": "on", "kind": "medical"})
    assert "Private medical cover" in filtered.content.decode()


def test_its_api(world: World) -> None:
    api = _api(world.ina)
    created = api.post(
        "/api/benefits",
        {"kind": "counselling", "title": "Counselling", "languages": 9, "starts_on": "2023-01-01"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["country_id"] is None
    benefit_id = created.json()["id"]
    etag = api.get(f"/api/benefits/{benefit_id}")["ETag"]
    ended = api.patch(
        f"/api/benefits/{benefit_id}",
        {"ends_on": "2022-01-01"},
        content_type="application/json",
        headers={"If-Match": etag},
    )
    assert ended.status_code == 422  # before it starts
    assert "ends_on" in ended.json()["errors"]
    bad = api.post(
        "/api/benefits",
        {"kind": "medical", "title": "X", "starts_on": "2023-01-01", "country_id": "QQ"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert _api(world.harriet).get("/api/benefits").json()["count"] == 1
    assert _api(world.otto).get("/api/benefits").status_code == 403
    refused = _api(world.harriet).post(
        "/api/benefits",
        {"kind": "medical", "title": "X", "starts_on": "2023-01-01"},
        content_type="application/json",
    )
    assert refused.status_code == 403
