"""The talent book's pages: her page (edit, preview), the cohort's tab (pages and books), a
programme's books, a book's web edition (or its progress bar while it builds), its PDF, a
person as the book printed her, and "I'd like to meet"."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, role, signed_in
from amplify.home.formerrors import add_service_errors
from amplify.operations import heartbeat
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.programmes.views import cohort_tabs_context, visible_cohort
from amplify.talentbook import content, services
from amplify.talentbook.edition import edition_context
from amplify.talentbook.forms import InterestForm, TalentPageForm
from amplify.talentbook.models import CONSENT_FIELDS, Book, BookEntry, Interest, TalentPage


def _leadership_cohort(request: AuthedRequest, pk: int) -> Cohort:
    cohort = visible_cohort(request, pk)
    if cohort.programme.kind != Programme.Kind.LEADERSHIP:
        raise Http404
    return cohort


def _book(request: AuthedRequest, pk: int) -> Book:
    return get_object_or_404(
        Book.objects.for_user(request.user).select_related("programme", "cohort"), pk=pk
    )


def _manages(request: AuthedRequest, book: Book) -> bool:
    return Book.objects.managed_by(request.user).filter(pk=book.pk).exists()


def _me(request: AuthedRequest) -> Person | None:
    return Person.objects.filter(user=request.user).first()


def _web_photo(book: Book) -> Any:
    return lambda p: reverse("talentbook:photo", args=[book.pk, p["person_id"]])


def reads_talent_books(user: Any) -> bool:
    """A leadership participant (her page), or a reader of some book (the menu shows them)."""
    if not user.is_authenticated:
        return False
    participant = Enrolment.objects.filter(
        person__user=user,
        role=Enrolment.Role.PARTICIPANT,
        cohort__programme__kind=Programme.Kind.LEADERSHIP,
    )
    return participant.exists() or Book.objects.for_user(user).exists()


@role(reads_talent_books, _lazy("leadership participants and the readers of a talent book"))
def mine(request: AuthedRequest) -> HttpResponse:
    """Her pages and the books she may read (as a participant, a sponsor or a manager)."""
    me = _me(request)
    # Her cohorts as a participant who did not withdraw (whoever else in them did).
    taking_part = Enrolment.objects.taking_part().filter(
        person=me,
        role=Enrolment.Role.PARTICIPANT,
        cohort__programme__kind=Programme.Kind.LEADERSHIP,
    )
    cohorts = (
        Cohort.objects.filter(pk__in=taking_part.values("cohort_id"))
        if me
        else Cohort.objects.none()
    )
    pages = {p.cohort_id: p for p in TalentPage.objects.filter(person=me, cohort__in=cohorts)}
    books = list(Book.objects.for_user(request.user).issued().select_related("cohort")[:50])
    return render(
        request,
        "talentbook/mine.html",
        {"cohorts": [(c, pages.get(c.pk)) for c in cohorts], "books": books},
    )


@signed_in
def cohort_books(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = _leadership_cohort(request, pk)
    context = cohort_tabs_context(request, cohort, "talentbook")
    can_manage = Cohort.objects.managed_by(request.user).filter(pk=cohort.pk).exists()
    books = Book.objects.for_user(request.user).filter(cohort=cohort)
    me = _me(request)
    is_participant = bool(
        me
        and Enrolment.objects.taking_part()
        .filter(cohort=cohort, person=me, role=Enrolment.Role.PARTICIPANT)
        .exists()
    )
    pages: list[TalentPage] = []
    if can_manage:
        pages = list(TalentPage.objects.filter(cohort=cohort).select_related("person"))
    context.update(
        books=list(books),
        pages=pages,
        manages_book=can_manage,
        is_participant=is_participant,
        my_page=TalentPage.objects.filter(cohort=cohort, person=me).first() if me else None,
        participants=Enrolment.objects.taking_part()
        .filter(cohort=cohort, role=Enrolment.Role.PARTICIPANT)
        .count()
        if can_manage
        else 0,
    )
    return render(request, "talentbook/cohort.html", context)


@signed_in
def page_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """She curates her page for this cohort (only a participant of it; others 404)."""
    cohort = _leadership_cohort(request, pk)
    me = _me(request)
    if not me or not (
        Enrolment.objects.taking_part()
        .filter(cohort=cohort, person=me, role=Enrolment.Role.PARTICIPANT)
        .exists()
    ):
        raise Http404
    page = TalentPage.objects.filter(person=me, cohort=cohort).first()
    form = TalentPageForm(request.POST or None, request.FILES or None, instance=page)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        try:
            page = services.talent_page_save(
                person=me,
                cohort=cohort,
                changed_by=request.user,
                data=data,
                photo=form.cleaned_data.get("photo"),
                remove_photo=form.cleaned_data.get("remove_photo", False),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your page is saved. This is how the book will show it."))
            return redirect(page)
    context = cohort_tabs_context(request, cohort, "talentbook")
    context.update(form=form, page=page, consent_fields=CONSENT_FIELDS)
    return render(request, "talentbook/page_edit.html", context, status=400 if form.errors else 200)


@signed_in
def page_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The preview: her page as the next book would print it, the editions that printed it
    (locked), and for the manager the executives who would like to meet her."""
    page = get_object_or_404(
        TalentPage.objects.for_user(request.user).select_related(
            "person__country", "person__division", "cohort__programme"
        ),
        pk=pk,
    )
    preview = content.page_preview(page)
    preview = edition_context(
        {"people": [preview]},
        photo_src=lambda p: reverse("talentbook:page-photo", args=[page.pk]),
    )["people"][0]
    is_owner = page.person.user_id == request.user.pk
    manages = Cohort.objects.managed_by(request.user).filter(pk=page.cohort_id).exists()
    interests = (
        list(
            Interest.objects.filter(person=page.person, book__programme=page.cohort.programme)
            .select_related("executive", "book")
            .order_by("-created_at")
        )
        if manages
        else []
    )
    entries = list(
        BookEntry.objects.filter(page=page, book__status="issued")
        .select_related("book")
        .order_by("-book__issued_at")
    )
    return render(
        request,
        "talentbook/page_detail.html",
        {
            "page": page,
            "p": preview,
            "cohort": page.cohort,
            "is_owner": is_owner,
            "manages": manages,
            "interests": interests,
            "entries": entries,
        },
    )


def _file(field: Any, *, download: bool, filename: str = "") -> Any:
    if not field:
        raise Http404
    name = filename or field.name.rsplit("/", 1)[-1]
    return FileResponse(
        field.open("rb"),
        as_attachment=download,
        filename=name,
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
    )


@signed_in
def page_photo(request: AuthedRequest, pk: int) -> HttpResponse:
    page = get_object_or_404(TalentPage.objects.for_user(request.user), pk=pk)
    return _file(page.photo, download=False)


def _generate(request: AuthedRequest, programme: Programme, cohort: Cohort | None) -> HttpResponse:
    try:
        book = services.book_generate(programme=programme, cohort=cohort, created_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        back = (
            reverse("talentbook:cohort", args=[cohort.pk])
            if cohort
            else reverse("talentbook:programme", args=[programme.slug])
        )
        return redirect(back)
    messages.success(request, _("The book is being built; this page shows its progress."))
    return redirect(book)


@require_POST
@signed_in
def cohort_generate(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = _leadership_cohort(request, pk)
    if not Cohort.objects.managed_by(request.user).filter(pk=cohort.pk).exists():
        raise PermissionDenied(_("Only the programme's managers generate its talent book."))
    return _generate(request, cohort.programme, cohort)


def _managed_programme(request: AuthedRequest, slug: str) -> Programme:
    programme = get_object_or_404(
        Programme.objects.for_user(request.user), slug=slug, kind=Programme.Kind.LEADERSHIP
    )
    if not Programme.objects.managed_by(request.user).filter(pk=programme.pk).exists():
        raise PermissionDenied(_("Only the programme's managers read its programme books."))
    return programme


@signed_in
def programme_books(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _managed_programme(request, slug)
    books = Book.objects.filter(programme=programme).select_related("cohort")
    return render(
        request, "talentbook/programme.html", {"programme": programme, "books": list(books)}
    )


@require_POST
@signed_in
def programme_generate(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = _managed_programme(request, slug)
    return _generate(request, programme, None)


@signed_in
def book_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The web edition of an issued book, rendered from what it stored; while it builds,
    its progress bar (polled by htmx)."""
    book = _book(request, pk)
    heartbeat.job_fail_if_stopped(book)
    if request.htmx:
        if book.is_working:
            return render(request, "talentbook/book_detail.html#progress", {"book": book})
        response = HttpResponse()
        response["HX-Refresh"] = "true"
        return response
    context: dict[str, Any] = {"book": book, "manages": _manages(request, book), "web": True}
    if book.status == "issued":
        context.update(edition_context(book.snapshot, photo_src=_web_photo(book)))
    return render(request, "talentbook/book_detail.html", context)


@signed_in
def book_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    book = _book(request, pk)
    if book.status != "issued":
        raise Http404
    return _file(book.pdf, download=True, filename=f"talent-book-{book.scope}-v{book.version}.pdf")


@require_POST
@signed_in
def book_retry(request: AuthedRequest, pk: int) -> HttpResponse:
    book = _book(request, pk)
    try:
        services.book_retry(book=book, retried_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(book)


def _entry(request: AuthedRequest, pk: int, person: int) -> tuple[Book, BookEntry]:
    book = _book(request, pk)
    entry = get_object_or_404(BookEntry.objects.filter(book=book), person_id=person)
    return book, entry


@signed_in
def entry_detail(request: AuthedRequest, pk: int, person: int) -> HttpResponse:
    """One person as this book printed her (locked: her later edits are not here)."""
    book, entry = _entry(request, pk, person)
    return _entry_page(request, book, entry, InterestForm())


def _entry_page(
    request: AuthedRequest, book: Book, entry: BookEntry, form: InterestForm, status: int = 200
) -> HttpResponse:
    me = _me(request)
    shown = edition_context({"people": [entry.content]}, photo_src=_web_photo(book))["people"][0]
    can_meet = (
        services.may_register_interest(request.user, book) and me and me.pk != entry.person_id
    )
    already = bool(
        me and Interest.objects.filter(book=book, person_id=entry.person_id, executive=me).exists()
    )
    manages = _manages(request, book)
    return render(
        request,
        "talentbook/entry.html",
        {
            "book": book,
            "entry": entry,
            "p": shown,
            "form": form,
            "can_meet": can_meet and not already,
            "already": already,
            "interests": list(
                Interest.objects.filter(book=book, person_id=entry.person_id).select_related(
                    "executive"
                )
            )
            if manages
            else [],
        },
        status=status,
    )


@require_POST
@signed_in
def entry_meet(request: AuthedRequest, pk: int, person: int) -> HttpResponse:
    book, entry = _entry(request, pk, person)
    me = _me(request)
    if not me or not services.may_register_interest(request.user, book):
        raise PermissionDenied(_("Only an executive sponsor reading the book may ask to meet."))
    form = InterestForm(request.POST)
    if form.is_valid():
        try:
            services.interest_register(
                book=book,
                person=Person.objects.get(pk=entry.person_id),
                executive=me,
                registered_by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Noted: the person and the programme team are told you would like to meet."),
            )
            return redirect("talentbook:entry", book.pk, entry.person_id)
    return _entry_page(request, book, entry, form, status=400)


@signed_in
def entry_photo(request: AuthedRequest, pk: int, person: int) -> HttpResponse:
    entry = _entry(request, pk, person)[1]
    name = entry.content.get("photo", "")
    if not name:
        raise Http404
    stored: Any = FileResponse(
        default_storage.open(name, "rb"),
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
    )
    return stored
