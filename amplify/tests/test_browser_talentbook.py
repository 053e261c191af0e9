"""In a real browser: the programme manager generates the cohort's talent book, and its PDF's
first page is its cover."""

import pytest

from amplify.conftest import World
from amplify.talentbook.models import Book
from amplify.talentbook.tests.factories import lena_with_everything, page_for
from amplify.talentbook.tests.pdftext import page_text
from amplify.tests.browser import SHOTS, sign_in, totp_code

# The `page` fixture (amplify/tests/conftest.py) runs axe-core on every page a test shows.
pytestmark = pytest.mark.browser


def test_a_manager_generates_the_talent_book_and_opens_its_pdf(
    page, live_world: World, tmp_path
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Given Lena and Leo, who agreed to be in the book
    lena_with_everything(live_world)
    page_for(live_world, "leo")
    cohort = live_world.leadership_cohort
    # When Max opens the cohort's talent book tab and clicks Generate (the task runs in
    # the request here: the test settings' tasks run at once)
    sign_in(page, "max@sony.example", code=totp_code())
    page.goto(f"/talent-book/cohorts/{cohort.pk}/")
    page.get_by_role("button", name="Generate").click()
    # Then the issued book shows, its cover and both people
    page.get_by_role("link", name="Download the PDF").wait_for()
    book = Book.objects.get()
    assert book.status == "issued"
    assert page.get_by_role(
        "heading", name="The Little Black Book of Talent", exact=True
    ).is_visible()
    page.screenshot(path=str(SHOTS / "talent-book.png"), full_page=True)
    # When he downloads the PDF
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    saved = tmp_path / "book.pdf"
    download.value.save_as(saved)
    # Then its first page is the cover: the book's title, the cohort, the edition
    cover = page_text(saved.read_bytes(), 0)
    assert "The Little Black Book of Talent" in cover
    assert cohort.name in cover
    assert "Edition 1" in cover
    # And its contents page names Lena with the page her spread starts on
    assert "Lena" in page_text(saved.read_bytes(), 1)
