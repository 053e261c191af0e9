"""The ledger's API: the same services as the pages, `If-Match` on every change."""

from __future__ import annotations

import io

import openpyxl
from django.test import Client

from amplify.accounts.models import User
from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.giving.models import Gift
from amplify.giving.tests.factories import fund, line, recipient


def _api(user: User) -> Client:
    _, raw = api_token_create(user=user, name="giving")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _body(world: World, **changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "given_on": "2024-02-01",
        "fund_id": fund().pk,
        "amount": "150.00",
        "currency": "USD",
        "status": "paid",
        "input_type": "cash",
        "recipient_id": recipient().pk,
        "programme_id": world.programme.pk,
        "pillar_id": "I",
        "country_id": "GB",
    }
    body.update(changes)
    return body


def test_it_creates_reads_changes_and_deletes_a_line(world: World) -> None:
    api = _api(world.ina)
    created = api.post("/api/giving/gifts", _body(world), content_type="application/json")
    assert created.status_code == 201, created.content
    gift_id = created.json()["id"]
    read = api.get(f"/api/giving/gifts/{gift_id}")
    etag = read["ETag"]
    # Without If-Match: 428
    response = api.patch(
        f"/api/giving/gifts/{gift_id}", {"amount": "1"}, content_type="application/json"
    )
    assert response.status_code == 428
    changed = api.patch(
        f"/api/giving/gifts/{gift_id}",
        {"amount": "200.00"},
        content_type="application/json",
        headers={"If-Match": etag},
    )
    assert changed.status_code == 200
    assert changed.json()["amount"] == "200.00"
    # The old version again: 409 naming the amount
    stale = api.patch(
        f"/api/giving/gifts/{gift_id}",
        {"cause": "x"},
        content_type="application/json",
        headers={"If-Match": etag},
    )
    assert stale.status_code == 409
    assert "amount" in stale.json()["errors"]
    deleted = api.delete(f"/api/giving/gifts/{gift_id}", headers={"If-Match": changed["ETag"]})
    assert deleted.status_code == 204
    assert not Gift.objects.exists()


def test_it_answers_422_to_bad_input(world: World) -> None:
    api = _api(world.ina)
    for changes in ({"amount": "-1"}, {"currency": "usd"}, {"fund_id": 999999}, {"pillar_id": "Z"}):
        response = api.post(
            "/api/giving/gifts", _body(world, **changes), content_type="application/json"
        )
        assert response.status_code == 422, (changes, response.content)
    response = api.post(
        "/api/giving/gifts", _body(world, currency="XYZ"), content_type="application/json"
    )
    assert "ISO 4217" in response.json()["detail"]


def test_it_lists_with_filters_and_scopes_to_the_caller(world: World) -> None:
    line(world, input_type="time")
    line(world, programme="leadership")
    ina = _api(world.ina).get("/api/giving/gifts").json()
    assert ina["count"] == 2
    assert _api(world.ina).get("/api/giving/gifts?input_type=time").json()["count"] == 1
    assert _api(world.harriet).get("/api/giving/gifts").json()["count"] == 1
    assert _api(world.otto).get("/api/giving/gifts").status_code == 403
    created = _api(world.harriet).post(
        "/api/giving/gifts", _body(world), content_type="application/json"
    )
    assert created.status_code == 403


def test_the_summary_is_per_fund_and_currency(world: World) -> None:
    line(world, amount="10.00")
    line(world, amount="5.00", currency="GBP", status="committed")
    summary = _api(world.ina).get("/api/giving/summary").json()
    assert summary["since"] == 2023
    assert {(t["currency"], t["committed"], t["paid"]) for t in summary["totals"]} == {
        ("USD", "10.00", "10.00"),
        ("GBP", "5.00", "0.00"),
    }
    assert "Committed" in summary["definitions"]
    assert _api(world.ina).get("/api/giving/summary?by=shoe").status_code == 422


def test_it_imports_a_file(world: World) -> None:
    fund("Social Justice Fund")
    book = openpyxl.Workbook()
    book.active.append(["date", "fund", "amount", "currency", "status", "input type", "recipient"])
    book.active.append(["2023-01-01", "Social Justice Fund", "x", "USD", "paid", "cash", "Y"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "ledger.xlsx"
    response = _api(world.ina).post("/api/giving/imports", {"file": buffer})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["saved"] is False
    assert body["errors"] == [
        {"row": 2, "column": "amount", "message": "The amount must be a number, e.g. 1250.00."}
    ]


def test_funds_and_recipients(world: World) -> None:
    api = _api(world.ina)
    created = api.post("/api/giving/funds", {"name": "Fund A"}, content_type="application/json")
    assert created.status_code == 201
    again = api.post("/api/giving/funds", {"name": "fund a"}, content_type="application/json")
    assert again.status_code == 422
    fund_id = created.json()["id"]
    etag = api.get(f"/api/giving/funds/{fund_id}")["ETag"]
    changed = api.patch(
        f"/api/giving/funds/{fund_id}",
        {"illustrative": True},
        content_type="application/json",
        headers={"If-Match": etag},
    )
    assert changed.json()["illustrative"] is True
    r = api.post(
        "/api/giving/recipients",
        {"name": "Youth Music", "charity_number": "1075032", "country_id": "GB"},
        content_type="application/json",
    )
    assert r.status_code == 201
    assert r.json()["country_id"] == "GB"
    assert api.get("/api/giving/recipients").json()["count"] == 1


def test_only_keepers_import(world: World) -> None:
    upload = io.BytesIO(b"date\n")
    upload.name = "ledger.csv"
    assert _api(world.harriet).post("/api/giving/imports", {"file": upload}).status_code == 403
