"""Who reads the book: the programme's managers and the cohort's sponsors read and
download; a participant her own page and the books she is in; anyone else a 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from amplify.conftest import World
from amplify.talentbook import services
from amplify.talentbook.tests.factories import issued_book, lena_with_everything, page_for


@pytest.fixture
def book(world: World, quick_pdf):
    lena_with_everything(world)
    page_for(world, "leo")
    return issued_book(world)


@pytest.mark.parametrize(
    ("who", "expected"),
    [("max", 200), ("sam", 200), ("lena", 200), ("leo", 200), ("harriet", 404), ("otto", 404)],
)
def test_it_shows_the_issued_book_to_its_readers(
    world: World, book, as_user, who: str, expected: int
) -> None:
    client = as_user(getattr(world, who))
    for name in ("talentbook:book", "talentbook:pdf"):
        assert client.get(reverse(name, args=[book.pk])).status_code == expected, name
    entry = reverse("talentbook:entry", args=[book.pk, world.person(world.lena).pk])
    assert client.get(entry).status_code == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [("lena", 200), ("max", 200), ("leo", 404), ("sam", 404), ("harriet", 404), ("otto", 404)],
)
def test_it_keeps_her_unissued_page_to_her_and_the_manager(
    world: World, as_user, who: str, expected: int
) -> None:
    page = page_for(world, "lena", photo=True)
    client = as_user(getattr(world, who))
    assert client.get(page.get_absolute_url()).status_code == expected
    assert client.get(reverse("talentbook:page-photo", args=[page.pk])).status_code == expected


def test_it_shows_a_book_being_built_to_its_managers_only(world: World, as_user) -> None:
    page_for(world, "lena")
    book = services.book_generate(
        programme=world.leadership, cohort=world.leadership_cohort, created_by=world.max
    )
    assert as_user(world.max).get(book.get_absolute_url()).status_code == 200
    for who in (world.sam, world.lena, world.harriet):
        assert as_user(who).get(book.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(("who", "expected"), [("max", 200), ("sam", 200), ("lena", 200)])
def test_it_opens_the_cohort_tab(world: World, as_user, who: str, expected: int) -> None:
    url = reverse("talentbook:cohort", args=[world.leadership_cohort.pk])
    assert as_user(getattr(world, who)).get(url).status_code == expected


def test_it_keeps_the_cohort_tab_from_outsiders(world: World, as_user) -> None:
    url = reverse("talentbook:cohort", args=[world.leadership_cohort.pk])
    assert as_user(world.harriet).get(url).status_code == 404
    assert as_user(world.otto).get(url).status_code == 404
    # And a mentoring cohort has no talent book
    assert (
        as_user(world.harriet).get(reverse("talentbook:cohort", args=[world.cohort.pk])).status_code
        == 404
    )


def test_it_lists_her_pages_and_books(world: World, book, as_user) -> None:
    shown = as_user(world.lena).get(reverse("talentbook:mine")).content.decode()
    assert book.title in shown
    assert "Preview" in shown
