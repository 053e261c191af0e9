"""The talent book API: the same services as the pages."""

from __future__ import annotations

import pytest
from django.test import Client

from amplify.accounts.services import api_token_create
from amplify.conftest import World
from amplify.talentbook.models import Book, TalentPage
from amplify.talentbook.tests.conftest import FAKE_PDF
from amplify.talentbook.tests.factories import issued_book, lena_with_everything, page_for


def _api(user) -> Client:
    _, token = api_token_create(user=user, name="t")
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_it_saves_her_page_and_previews_it(world: World) -> None:
    api = _api(world.lena)
    url = f"/api/talent-book/cohorts/{world.leadership_cohort.pk}/my-page"
    response = api.put(
        url,
        {"about": "Builder of bridges", "in_book": True, "include_about": True},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["preview"]["about"] == "Builder of bridges"
    assert api.get(url).json()["include_about"] is True
    assert TalentPage.objects.get().about == "Builder of bridges"


def test_it_refuses_a_page_to_a_non_participant(world: World) -> None:
    url = f"/api/talent-book/cohorts/{world.leadership_cohort.pk}/my-page"
    response = _api(world.sam).put(url, {"about": "x"}, content_type="application/json")
    assert response.status_code == 403


def test_it_generates_reads_and_downloads_a_book(world: World, quick_pdf) -> None:
    page_for(world, "lena")
    api = _api(world.max)
    response = api.post(f"/api/talent-book/cohorts/{world.leadership_cohort.pk}/books")
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "queued"
    book = Book.objects.get()
    from amplify.talentbook import services

    services.book_build(book=book)
    sam = _api(world.sam)
    read = sam.get(f"/api/talent-book/books/{book.pk}")
    assert read.json()["status"] == "issued"
    assert read.json()["people"][0]["about"].startswith("Lena")
    pdf = sam.get(f"/api/talent-book/books/{book.pk}/pdf")
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content) == FAKE_PDF
    assert [b["id"] for b in sam.get("/api/talent-book/books").json()] == [book.pk]


@pytest.mark.parametrize("who", ["harriet", "otto"])
def test_it_hides_the_book_from_outsiders(world: World, quick_pdf, who: str) -> None:
    page_for(world, "lena")
    book = issued_book(world)
    api = _api(getattr(world, who))
    assert api.get(f"/api/talent-book/books/{book.pk}").status_code == 404
    assert api.get(f"/api/talent-book/books/{book.pk}/pdf").status_code == 404


def test_it_registers_an_interest(world: World, quick_pdf) -> None:
    lena_with_everything(world)
    page_for(world, "leo")
    book = issued_book(world)
    lena = world.person(world.lena)
    response = _api(world.sam).post(
        f"/api/talent-book/books/{book.pk}/interests",
        {"person_id": lena.pk, "note": "Coffee?"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    listed = _api(world.max).get(f"/api/talent-book/books/{book.pk}/interests").json()
    assert [i["person_id"] for i in listed] == [lena.pk]
    refused = _api(world.leo).post(
        f"/api/talent-book/books/{book.pk}/interests",
        {"person_id": lena.pk},
        content_type="application/json",
    )
    assert refused.status_code == 403
