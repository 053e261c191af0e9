"""Writing the talent book: a participant's page, generating (and retrying) a book in the
background, and an executive's "I'd like to meet".

A book is built by a worker (amplify.talentbook.tasks). The build claims the queued book
(heartbeat, amplify.operations.heartbeat), gathers what each page lets in, copies the
photos, renders the PDF, and then in ONE transaction that first checks the claim writes
the entries, the snapshot, the PDF's name and the issued status. A worker killed anywhere
before that commit leaves the book building with a heartbeat that goes stale: the sweep
marks it failed and the manager retries it; nothing of it was issued.
"""

from __future__ import annotations

import logging
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from amplify.accounts.types import Actor
from amplify.core.bookindex import book_order
from amplify.home.uploads import upload_check
from amplify.operations import heartbeat
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.programmes.services import cohort_lock
from amplify.talentbook import content, emails, tasks
from amplify.talentbook.models import (
    CONSENT_FIELDS,
    Book,
    BookEntry,
    BookStatus,
    Interest,
    TalentPage,
)

logger = logging.getLogger(__name__)

PAGE_TEXT_FIELDS = ("about", "stands_for", "strengths")
PHOTO_EXTENSIONS = (".png", ".jpg", ".jpeg")


def _with_user(obj: Any, user: Any) -> Any:
    obj._history_user = user
    return obj


# ---------- Her page ----------


def _participant_check(person: Person, cohort: Cohort) -> None:
    if cohort.programme.kind != Programme.Kind.LEADERSHIP:
        raise ValidationError(_("Only a leadership cohort has a talent book."))
    taking_part = Enrolment.objects.taking_part().filter(
        cohort=cohort, person=person, role=Enrolment.Role.PARTICIPANT
    )
    if not taking_part.exists():
        raise PermissionDenied(_("Only a participant of this cohort has a page in its book."))


def photo_check(photo: UploadedFile) -> None:
    """An image (PNG or JPEG by name and first bytes) no larger than the upload limit."""
    if not (photo.name or "").lower().endswith(PHOTO_EXTENSIONS):
        raise ValidationError({"photo": _("The photo must be a PNG or JPEG image.")})
    upload_check(photo, field="photo")


@transaction.atomic
def talent_page_save(
    *,
    person: Person,
    cohort: Cohort,
    changed_by: Actor,
    data: dict[str, Any],
    photo: UploadedFile | None = None,
    remove_photo: bool = False,
) -> TalentPage:
    """Create or update her page: the texts and each consent in `data` (missing keys keep
    their value), a new photo or none. Only she edits it; what an issued book printed is
    its own copy and does not change."""
    _participant_check(person, cohort)
    if photo is not None:
        photo_check(photo)
    page = TalentPage.objects.select_for_update().filter(
        person=person, cohort=cohort
    ).first() or TalentPage(person=person, cohort=cohort)
    for name in PAGE_TEXT_FIELDS:
        if name in data:
            setattr(page, name, str(data[name] or "").strip())
    for name in ("in_book", *CONSENT_FIELDS):
        if name in data:
            setattr(page, name, bool(data[name]))
    if remove_photo and page.photo:
        page.photo = None
    if photo is not None:
        page.photo.save(photo.name or "photo", photo, save=False)
    page.full_clean()
    _with_user(page, changed_by).save()
    return page


# ---------- Generating a book ----------


def _manager_check(user: Any, programme: Programme, cohort: Cohort | None) -> None:
    if cohort is not None:
        allowed = Cohort.objects.managed_by(user).filter(pk=cohort.pk).exists()
    else:
        allowed = Programme.objects.managed_by(user).filter(pk=programme.pk).exists()
    if not allowed:
        raise PermissionDenied(_("Only the programme's managers generate its talent book."))


@transaction.atomic
def book_generate(
    *,
    programme: Programme,
    cohort: Cohort | None = None,
    created_by: Actor,
    language: str = "",
    queue: bool = True,
) -> Book:
    """Queue the next edition of the book of a cohort (or of the programme, across its
    cohorts) for the worker (or leave it to the caller, with queue=False, to build)."""
    if cohort is not None:
        cohort = cohort_lock(cohort)  # edition numbers are allocated under the cohort's lock
        programme = cohort.programme
    else:
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
    _manager_check(created_by, programme, cohort)
    if programme.kind != Programme.Kind.LEADERSHIP:
        raise ValidationError(_("Only a leadership programme has a talent book."))
    scope = Book.scope_of(programme, cohort)
    if Book.objects.filter(scope=scope, status__in=[BookStatus.QUEUED, BookStatus.BUILDING]):
        raise ValidationError(_("An edition of this book is already being built."))
    if not content.pages_for(programme, cohort):
        raise ValidationError(_("Nobody has agreed to be in the book yet."))
    version = (Book.objects.filter(scope=scope).aggregate(n=Max("version"))["n"] or 0) + 1
    name = cohort.name if cohort else programme.name
    book = Book(
        programme=programme,
        cohort=cohort,
        scope=scope,
        version=version,
        title=_("The Little Black Book of Talent: %(name)s") % {"name": name},
        language=language or translation.get_language() or "en",
        created_by=created_by,
    )
    _with_user(book, created_by).save()
    if queue:
        _enqueue(book)
    return book


def _enqueue(book: Book) -> None:
    transaction.on_commit(lambda: tasks.build_book.enqueue(book.pk))


@transaction.atomic
def book_retry(*, book: Book, retried_by: Actor) -> Book:
    """Queue a failed book again (the same edition: nothing of it was issued)."""
    book = Book.objects.select_for_update().get(pk=book.pk)
    _manager_check(retried_by, book.programme, book.cohort)
    if book.status != BookStatus.FAILED:
        raise ValidationError(
            _("Only a failed book can be retried; this one is %(status)s.")
            % {"status": book.get_status_display().lower()}
        )
    book.status, book.stage, book.progress, book.failure = BookStatus.QUEUED, "", 0, ""
    book.claim, book.heartbeat_at, book.finished_at = "", None, None
    _with_user(book, retried_by).save()
    _enqueue(book)
    return book


def _progress(book: Book, stage: str, percent: int) -> None:
    heartbeat.beat(book, stage=stage, progress=percent)


def _copy_photo(book: Book, person: dict[str, Any]) -> str:
    """The book's own copy of her photo, so a later change of hers leaves it as printed."""
    name = person["photo"]
    if not name or not default_storage.exists(name):
        return ""
    suffix = PurePosixPath(name).suffix.lower()
    target = f"talentbook/books/{book.scope}/v{book.version}/photo-{person['person_id']}{suffix}"
    with default_storage.open(name, "rb") as source:
        return _save_as(target, source.read())


def _save_as(name: str, data: bytes) -> str:
    """Store under exactly this versioned name. A file already there is an orphan of an
    attempt of this same edition that never issued (an issued edition is never rebuilt)."""
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(data))


def book_build(*, book: Book) -> Book:
    """The worker's part: build the book and issue it, or leave it failed with the reason."""
    from amplify.talentbook.render import book_pdf

    if not heartbeat.job_claim(
        book,
        waiting=[BookStatus.QUEUED],
        status=BookStatus.BUILDING,
        stage=gettext_noop("Collecting the pages"),
        progress=1,
    ):
        book.refresh_from_db()
        raise heartbeat.ClaimLost(f"{book} is not waiting for a worker ({book.status})")
    try:
        with heartbeat.beating(book), translation.override(book.language):
            pages = content.pages_for(book.programme, book.cohort)
            people = [dict(p) for p in book_order(content.contents_for(pages))]
            _progress(book, gettext_noop("Copying the photos"), 10)
            for i, person in enumerate(people):
                person["photo"] = _copy_photo(book, person)
                if i % 20 == 19:
                    _progress(book, gettext_noop("Copying the photos"), 10 + 25 * i // len(people))
            snapshot = {
                "title": book.title,
                "version": book.version,
                "scope_name": book.cohort.name if book.cohort else book.programme.name,
                "programme": book.programme.name,
                "people": people,
            }
            pdf = book_pdf(
                book,
                snapshot,
                progress=lambda stage, percent: _progress(book, stage, percent),
            )
            _progress(book, gettext_noop("Storing the book"), 95)
            pdf_name = _save_as(
                f"talentbook/books/{book.scope}/talent-book-{book.scope}-v{book.version}.pdf", pdf
            )
            _issue(book, snapshot, pdf_name, pages)
    except heartbeat.ClaimLost:
        raise
    except Exception as exc:
        logger.exception("Talent book %s failed", book.pk)
        heartbeat.job_finish(
            book,
            status=BookStatus.FAILED,
            stage="",
            failure=_("The book could not be built: %(error)s") % {"error": exc},
            finished_at=timezone.now(),
        )
        raise
    book.refresh_from_db()
    return book


@transaction.atomic
def _issue(book: Book, snapshot: dict[str, Any], pdf_name: str, pages: list[TalentPage]) -> None:
    heartbeat.hold(book)  # still this worker's book: else nothing of it is saved
    by_person = {p.person_id: p for p in pages}
    BookEntry.objects.filter(book=book).delete()
    BookEntry.objects.bulk_create(
        BookEntry(
            book=book,
            person_id=person["person_id"],
            page=by_person.get(person["person_id"]),
            position=i,
            content=person,
        )
        for i, person in enumerate(snapshot["people"])
    )
    now = timezone.now()
    book.snapshot = snapshot
    book.pdf.name = pdf_name
    book.people_count = len(snapshot["people"])
    book.status, book.stage, book.progress = BookStatus.ISSUED, "", 100
    book.issued_at = book.finished_at = now
    book.issued_by = book.created_by
    _with_user(book, book.created_by).save()


# ---------- "I'd like to meet" ----------


def may_register_interest(user: Any, book: Book) -> bool:
    """An executive sponsor of the book's cohort (of any of its programme's cohorts, for a
    programme's book), reading an issued book."""
    if book.status != BookStatus.ISSUED or not user.is_authenticated:
        return False
    sponsors = Enrolment.objects.taking_part().filter(
        person__user=user, role=Enrolment.Role.SPONSOR
    )
    if book.cohort_id:
        sponsors = sponsors.filter(cohort_id=book.cohort_id)
    else:
        sponsors = sponsors.filter(cohort__programme_id=book.programme_id)
    return sponsors.exists()


@transaction.atomic
def interest_register(
    *, book: Book, person: Person, executive: Person, registered_by: Actor, note: str = ""
) -> Interest:
    """She would like to meet this person: the programme's managers and the person are told.
    Once per executive, person and book."""
    if not may_register_interest(registered_by, book):
        raise PermissionDenied(_("Only an executive sponsor reading the book may ask to meet."))
    if person.pk == executive.pk:
        raise ValidationError({"person": _("You cannot ask to meet yourself.")})
    if not BookEntry.objects.filter(book=book, person=person).exists():
        raise ValidationError({"person": _("This person is not in this book.")})
    note = (note or "").strip()
    if Interest.objects.filter(book=book, person=person, executive=executive).exists():
        raise ValidationError(
            {"person": _("You have already said you would like to meet this person.")}
        )
    interest = Interest(book=book, person=person, executive=executive, note=note)
    interest.full_clean()
    _with_user(interest, registered_by).save()
    transaction.on_commit(lambda: emails.interest_notify(interest))
    return interest
