"""The demo's talent books: a page for every participant of the past leadership cohorts
(their experiments and stories, where the experiments demo made them, come in by
themselves), an issued book per past cohort, and a managing director's "I'd like to meet".

Typesetting a book of ~43 people takes about 12 s on the 2-core machine (bench/talent_book.py:
130 people in ~36 s), so the load builds the newest past cohort's book itself (the MD's
interest needs an issued book) and queues the two older ones for the demo's worker
(`make demo` runs `amplify_worker` beside the server): they are issued a minute or so after
the demo starts, their progress bars visible meanwhile.
"""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction

from amplify.demo.programmes import Demo
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.talentbook import services
from amplify.talentbook.models import CONSENT_FIELDS, Book, TalentPage

logger = logging.getLogger(__name__)

ABOUT = (
    "I grew up between two languages and found my home in music.",
    "Fifteen years in the business, from the post room to running a label's digital team.",
    "I turn data about listeners into decisions artists can feel.",
    "I look after the artists nobody has heard of yet.",
    "I build partnerships that put our music where people already are.",
)
STANDS_FOR = (
    "Think big, act small: the smallest thing that proves the idea.",
    "People first; the numbers follow.",
    "Say what you see, kindly and early.",
    "Curiosity over certainty.",
)
STRENGTHS = (
    "Listening; bringing people together; patience.",
    "Data; storytelling; a calm head in a launch week.",
    "Negotiation; courage to ask; follow-through.",
    "Coaching others; learning fast; energy.",
)


def _pages(d: Demo, cohort: Cohort) -> int:
    participants = list(
        Enrolment.objects.filter(cohort=cohort, role=Enrolment.Role.PARTICIPANT)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("person")
    )
    pages = []
    for i, enrolment in enumerate(participants):
        consents = dict.fromkeys(CONSENT_FIELDS, True)
        if i % 7 == 3:
            consents["include_outcomes"] = False  # a few keep some things to themselves
        pages.append(
            TalentPage(
                person=enrolment.person,
                cohort=cohort,
                about=d.rng.choice(ABOUT),
                stands_for=d.rng.choice(STANDS_FOR),
                strengths=d.rng.choice(STRENGTHS),
                in_book=i % 11 != 5,  # and one in eleven is not in the book at all
                **consents,
            )
        )
    TalentPage.objects.bulk_create(pages, ignore_conflicts=True)
    return len(pages)


def build_talentbook(d: Demo) -> dict[str, int]:
    programme = Programme.objects.get(kind=Programme.Kind.LEADERSHIP, name="Amplify")
    past = list(programme.cohorts.filter(status=Cohort.Status.CLOSED).order_by("starts_on"))
    pages = sum(_pages(d, cohort) for cohort in past)
    manager = d.by
    built = queued = interests = 0
    for cohort in past:
        newest = cohort == past[-1]
        book = services.book_generate(
            programme=programme, cohort=cohort, created_by=manager, queue=not newest
        )
        if not newest:
            queued += 1
            continue
        transaction.on_commit(partial(_build_and_meet, d, book))
        built += 1
        interests += 1
    return {
        "talent_pages": pages,
        "books_built": built,
        "books_queued": queued,
        "interests": interests,
    }


def _build_and_meet(d: Demo, book: Book) -> None:
    """After the load's transaction: build the newest book, then an MD sponsoring that
    cohort says she would like to meet one of its people."""
    try:
        book = services.book_build(book=book)
    except Exception:
        # The book is left failed with its reason; the manager can retry it from its page.
        logger.exception("The demo's talent book %s could not be built", book.pk)
        return
    # The demo sponsor login (an MD) also sponsored this cohort, so she reads its book.
    md = d.demo["sponsor"]
    Enrolment.objects.get_or_create(
        cohort=book.cohort,
        person=md,
        role=Enrolment.Role.SPONSOR,
        defaults={"status": Enrolment.Status.COMPLETED},
    )
    entry = book.entries.exclude(person=md).order_by("position").first()
    if entry is None or md.user is None:
        return
    services.interest_register(
        book=book,
        person=entry.person,
        executive=md,
        registered_by=md.user,
        note="Your experiment is exactly what my team needs. Coffee when I am next in town?",
    )
