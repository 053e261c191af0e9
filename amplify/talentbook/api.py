"""Talent book API: her page, the books (generate, retry, read, download the PDF) and "I'd
like to meet". The endpoints call the services the pages call."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest
from amplify.apischema import ERROR_CODES, ErrorOut, IdPath, LongText, SlugPath, access
from amplify.operations import heartbeat
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Programme
from amplify.talentbook import content, services
from amplify.talentbook.models import (
    NOTE_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Book,
    BookEntry,
    Interest,
    TalentPage,
)

router = Router(tags=["Talent book"])
READERS = (
    "the programme's managers, the executive sponsors of the book's cohorts and the people "
    "in the book (an issued book); 404 for anyone else"
)


class PageIn(Schema):
    about: LongText | None = Field(None, max_length=TEXT_MAX_LENGTH)
    stands_for: LongText | None = Field(None, max_length=TEXT_MAX_LENGTH)
    strengths: LongText | None = Field(None, max_length=TEXT_MAX_LENGTH)
    in_book: bool | None = None
    include_photo: bool | None = None
    include_about: bool | None = None
    include_stands_for: bool | None = None
    include_strengths: bool | None = None
    include_experiment: bool | None = None
    include_results: bool | None = None
    include_outcomes: bool | None = None
    include_story: bool | None = None


class PageOut(Schema):
    id: int
    person_id: int
    cohort_id: int
    about: str
    stands_for: str
    strengths: str
    has_photo: bool
    in_book: bool
    include_photo: bool
    include_about: bool
    include_stands_for: bool
    include_strengths: bool
    include_experiment: bool
    include_results: bool
    include_outcomes: bool
    include_story: bool
    preview: dict[str, Any] = Field(description="what the next edition would print")

    @staticmethod
    def resolve_has_photo(obj: TalentPage) -> bool:
        return bool(obj.photo)

    @staticmethod
    def resolve_preview(obj: TalentPage) -> dict[str, Any]:
        return content.page_preview(obj)


class BookOut(Schema):
    id: int
    programme_id: int
    cohort_id: int | None
    version: int
    title: str
    status: str
    stage: str
    progress: int
    failure: str
    people_count: int
    issued_at: datetime | None


class BookDetailOut(BookOut):
    people: list[dict[str, Any]] = Field(description="exactly what the book printed")

    @staticmethod
    def resolve_people(obj: Book) -> list[dict[str, Any]]:
        return list(obj.snapshot.get("people", [])) if obj.status == "issued" else []


class InterestIn(Schema):
    person_id: int = Field(gt=0)
    note: LongText = Field("", max_length=NOTE_MAX_LENGTH)


class InterestOut(Schema):
    id: int
    book_id: int
    person_id: int
    executive_id: int
    note: str
    created_at: datetime


def _me(request: AuthedRequest) -> Person:
    person = Person.objects.filter(user=request.user).first()
    if person is None:
        raise Http404
    return person


def _cohort(request: AuthedRequest, cohort_id: int) -> Cohort:
    return get_object_or_404(
        Cohort.objects.for_user(request.user).select_related("programme"),
        pk=cohort_id,
        programme__kind=Programme.Kind.LEADERSHIP,
    )


def _book(request: AuthedRequest, book_id: int) -> Book:
    return get_object_or_404(
        Book.objects.for_user(request.user).select_related("programme", "cohort"), pk=book_id
    )


@router.get(
    "/cohorts/{cohort_id}/my-page",
    response={200: PageOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("a participant of the cohort: her own page (404 if none yet)"),
)
def get_my_page(request: AuthedRequest, cohort_id: IdPath) -> Any:
    cohort = _cohort(request, cohort_id)
    return get_object_or_404(
        TalentPage.objects.select_related("person__country", "person__division", "cohort"),
        cohort=cohort,
        person=_me(request),
    )


@router.put(
    "/cohorts/{cohort_id}/my-page",
    response={200: PageOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("a participant of the cohort, her own page (403 for other roles)"),
)
def put_my_page(request: AuthedRequest, cohort_id: IdPath, payload: PageIn) -> Any:
    """The texts and the consents; fields left out keep their value. The photo is uploaded
    on the page."""
    cohort = _cohort(request, cohort_id)
    data = {k: v for k, v in payload.dict().items() if v is not None}
    return services.talent_page_save(
        person=_me(request), cohort=cohort, changed_by=request.user, data=data
    )


@router.get(
    "/pages/{page_id}",
    response={200: PageOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the page's owner and the cohort's managers; 404 for anyone else"),
)
def get_page(request: AuthedRequest, page_id: IdPath) -> Any:
    return get_object_or_404(
        TalentPage.objects.for_user(request.user).select_related(
            "person__country", "person__division", "cohort"
        ),
        pk=page_id,
    )


@router.get(
    "/books",
    response={200: list[BookOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("signed in; the books one may read (" + READERS + ")"),
)
def list_books(request: AuthedRequest) -> Any:
    return list(Book.objects.for_user(request.user)[:200])


@router.post(
    "/cohorts/{cohort_id}/books",
    response={202: BookOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the cohort's managers (403 for other members; 404 for outsiders)"),
)
def generate_cohort_book(request: AuthedRequest, cohort_id: IdPath) -> Any:
    """Queue the next edition; poll GET /books/{id} for its progress."""
    cohort = _cohort(request, cohort_id)
    book = services.book_generate(
        programme=cohort.programme, cohort=cohort, created_by=request.user
    )
    return Status(202, book)


@router.post(
    "/programmes/{slug}/books",
    response={202: BookOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the programme's managers (403 for others who see it; 404 otherwise)"),
)
def generate_programme_book(request: AuthedRequest, slug: SlugPath) -> Any:
    """A book of the whole programme, across its cohorts."""
    programme = get_object_or_404(
        Programme.objects.for_user(request.user), slug=slug, kind=Programme.Kind.LEADERSHIP
    )
    return Status(202, services.book_generate(programme=programme, created_by=request.user))


@router.get(
    "/books/{book_id}",
    response={200: BookDetailOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(READERS + "; a book not yet issued only to its managers"),
)
def get_book(request: AuthedRequest, book_id: IdPath) -> Any:
    book = _book(request, book_id)
    heartbeat.job_fail_if_stopped(book)
    return book


@router.get(
    "/books/{book_id}/pdf",
    response={ERROR_CODES: ErrorOut},
    openapi_extra={
        **access(READERS),
        "responses": {"200": {"description": "The PDF", "content": {"application/pdf": {}}}},
    },
)
def download_pdf(request: AuthedRequest, book_id: IdPath) -> Any:
    book = _book(request, book_id)
    if book.status != "issued" or not book.pdf:
        raise Http404
    return FileResponse(
        book.pdf.open("rb"),
        as_attachment=True,
        filename=f"talent-book-{book.scope}-v{book.version}.pdf",
        content_type="application/pdf",
    )


@router.post(
    "/books/{book_id}/retry",
    response={202: BookOut, ERROR_CODES: ErrorOut},
    openapi_extra=access("the book's managers (403 for its other readers)"),
)
def retry_book(request: AuthedRequest, book_id: IdPath) -> Any:
    return Status(202, services.book_retry(book=_book(request, book_id), retried_by=request.user))


@router.post(
    "/books/{book_id}/interests",
    response={201: InterestOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "an executive sponsor reading the issued book (403 for its other readers)"
    ),
)
def register_interest(request: AuthedRequest, book_id: IdPath, payload: InterestIn) -> Any:
    """ "I'd like to meet": the person and the programme's managers are told."""
    book = _book(request, book_id)
    entry = get_object_or_404(BookEntry.objects.filter(book=book), person_id=payload.person_id)
    interest = services.interest_register(
        book=book,
        person=Person.objects.get(pk=entry.person_id),
        executive=_me(request),
        registered_by=request.user,
        note=payload.note,
    )
    return Status(201, interest)


@router.get(
    "/books/{book_id}/interests",
    response={200: list[InterestOut], ERROR_CODES: ErrorOut},
    openapi_extra=access("the book's managers: every interest; an executive: her own"),
)
def list_interests(request: AuthedRequest, book_id: IdPath) -> Any:
    book = _book(request, book_id)
    return list(Interest.objects.for_user(request.user).filter(book=book))
