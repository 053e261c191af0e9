"""Generating a book: a background task that issues it whole or not at all, versioned per
scope, each person's page as printed locked in it, read from what it stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from amplify.conftest import World
from amplify.operations import heartbeat
from amplify.talentbook import services
from amplify.talentbook.models import Book, BookEntry, BookStatus
from amplify.talentbook.tests.conftest import FAKE_PDF
from amplify.talentbook.tests.factories import issued_book, lena_with_everything, page_for


@pytest.fixture
def pages(world: World) -> None:
    lena_with_everything(world)
    page_for(world, "leo")


def test_it_issues_the_book_with_each_page_as_printed(world: World, pages, quick_pdf) -> None:
    # When Max generates the cohort's book and the worker builds it
    book = issued_book(world)
    # Then it is issued, with its PDF, and both pages printed in name order
    assert book.status == BookStatus.ISSUED
    assert book.progress == 100
    assert book.pdf.name.endswith(f"-v{book.version}.pdf")
    assert book.pdf.read() == FAKE_PDF
    assert [e.content["name"] for e in book.entries.all()] == [
        p["name"] for p in book.snapshot["people"]
    ]
    assert book.people_count == 2
    assert book.issued_by == world.max
    lena = BookEntry.objects.get(book=book, person=world.person(world.lena))
    assert lena.content["photo"].startswith(f"talentbook/books/{book.scope}/v1/photo-")
    assert quick_pdf == [book.snapshot]


def test_it_keeps_what_was_printed_when_she_edits_later(world: World, pages, quick_pdf) -> None:
    # Given an issued book
    book = issued_book(world)
    # When Lena edits her page afterwards
    page_for(world, "lena", about="A new me.")
    # Then the book still prints her as she was, and the next edition as she is
    entry = BookEntry.objects.get(book=book, person=world.person(world.lena))
    assert entry.content["about"].startswith("Lena leads")
    second = issued_book(world)
    assert second.version == 2
    assert BookEntry.objects.get(book=second, person=entry.person).content["about"] == "A new me."


def test_it_renders_the_web_edition_from_what_it_stored(
    world: World, pages, quick_pdf, as_user
) -> None:
    # Given an issued book
    book = issued_book(world)
    printed = len(quick_pdf)
    # When Sam reads it
    response = as_user(world.sam).get(book.get_absolute_url())
    # Then it shows the stored edition; nothing was rendered again
    assert response.status_code == 200
    assert "Lena leads the Nordic catalogue team." in response.content.decode()
    assert "By theme" in response.content.decode()
    assert len(quick_pdf) == printed


def test_it_downloads_the_pdf(world: World, pages, quick_pdf, as_user) -> None:
    book = issued_book(world)
    response = as_user(world.sam).get(reverse("talentbook:pdf", args=[book.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == FAKE_PDF
    assert "attachment" in response["Content-Disposition"]


def test_it_builds_one_edition_at_a_time(world: World, pages, quick_pdf) -> None:
    # Given a book queued (its worker not yet on it)
    book = Book.objects.create(
        programme=world.leadership,
        cohort=world.leadership_cohort,
        scope=Book.scope_of(world.leadership, world.leadership_cohort),
        version=1,
        title="x",
    )
    # When Max generates again
    with pytest.raises(ValidationError, match="already being built"):
        services.book_generate(
            programme=world.leadership, cohort=world.leadership_cohort, created_by=world.max
        )
    assert Book.objects.get() == book


def test_it_refuses_anyone_but_the_manager(world: World, pages) -> None:
    for who in (world.sam, world.lena, world.harriet):
        with pytest.raises(PermissionDenied):
            services.book_generate(
                programme=world.leadership, cohort=world.leadership_cohort, created_by=who
            )


def test_it_needs_someone_in_the_book(world: World) -> None:
    with pytest.raises(ValidationError, match="Nobody has agreed"):
        services.book_generate(
            programme=world.leadership, cohort=world.leadership_cohort, created_by=world.max
        )


def test_it_leaves_a_failed_build_unissued(world: World, pages, monkeypatch) -> None:
    # Given a renderer that breaks half-way
    def broken(*args, **kwargs):
        raise RuntimeError("out of paper")

    monkeypatch.setattr("amplify.talentbook.render.book_pdf", broken)
    book = services.book_generate(
        programme=world.leadership, cohort=world.leadership_cohort, created_by=world.max
    )
    # When the worker builds it
    with pytest.raises(RuntimeError):
        services.book_build(book=book)
    # Then the book failed with the reason, and nothing of it was issued
    book.refresh_from_db()
    assert book.status == BookStatus.FAILED
    assert "out of paper" in book.failure
    assert not book.entries.exists()
    assert not book.pdf
    assert book.issued_at is None


def test_it_retries_a_book_whose_worker_was_killed(world: World, pages, quick_pdf) -> None:
    # Given a worker that took the book and was killed mid-job (its claim and heartbeat
    # stay as they were; nothing after them ran)
    book = services.book_generate(
        programme=world.leadership, cohort=world.leadership_cohort, created_by=world.max
    )
    assert heartbeat.job_claim(
        book, waiting=[BookStatus.QUEUED], status=BookStatus.BUILDING, stage="Copying", progress=30
    )
    # When its heartbeat has gone stale and the sweep runs
    later = timezone.now() + heartbeat.stale_after() + timedelta(seconds=1)
    assert heartbeat.jobs_fail_stopped(now=later) == 1
    book.refresh_from_db()
    # Then it is failed, not half-issued, and says it can be retried
    assert book.status == BookStatus.FAILED
    assert "retry" in book.failure
    assert not book.entries.exists()
    assert not book.pdf
    # When Max retries it, the same edition is built and issued
    services.book_retry(book=book, retried_by=world.max)
    book = services.book_build(book=Book.objects.get(pk=book.pk))
    assert book.status == BookStatus.ISSUED
    assert book.version == 1
    assert book.entries.count() == 2


def test_it_retries_only_a_failed_book(world: World, pages, quick_pdf) -> None:
    book = issued_book(world)
    with pytest.raises(ValidationError, match="Only a failed book"):
        services.book_retry(book=book, retried_by=world.max)


def test_it_shows_the_progress_bar_while_building(world: World, pages, as_user) -> None:
    # Given a queued book
    book = services.book_generate(
        programme=world.leadership, cohort=world.leadership_cohort, created_by=world.max
    )
    client = as_user(world.max)
    # Then its page shows the bar, and the poll answers with the bar only
    page = client.get(book.get_absolute_url())
    assert b"<progress" in page.content
    assert b"hx-trigger" in page.content
    poll = client.get(book.get_absolute_url(), headers={"HX-Request": "true"})
    assert b"<progress" in poll.content
    assert b"<nav" not in poll.content


def test_it_generates_from_the_cohort_tab(world: World, pages, quick_pdf, as_user) -> None:
    # Given Max on the cohort's talent book tab
    client = as_user(world.max)
    tab = client.get(reverse("talentbook:cohort", args=[world.leadership_cohort.pk]))
    assert b"Generate" in tab.content
    # When he clicks Generate (the worker runs at once here)
    with_callbacks = client.post(reverse("talentbook:generate", args=[world.leadership_cohort.pk]))
    # Then he lands on the book
    book = Book.objects.get()
    assert with_callbacks["Location"] == book.get_absolute_url()


def test_it_builds_a_book_across_the_programmes_cohorts(world: World, pages, quick_pdf) -> None:
    book = services.book_generate(programme=world.leadership, created_by=world.max)
    book = services.book_build(book=book)
    assert book.cohort is None
    assert book.scope == f"programme-{world.leadership.pk}"
    assert book.people_count == 2
