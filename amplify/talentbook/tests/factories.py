"""Talent pages and books on top of the world, for this app's tests and the shared walks
(the wrong-role table, the admin walk, the query counts)."""

from __future__ import annotations

import io
from typing import Any
from unittest.mock import patch

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from amplify.conftest import World
from amplify.experiments.models import Experiment, Stage, Story
from amplify.outcomes.models import Kind, Outcome, Verification
from amplify.people.models import Person
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Cohort, Enrolment
from amplify.talentbook import services
from amplify.talentbook.models import CONSENT_FIELDS, Book, Interest, TalentPage

ALL_YES: dict[str, Any] = {"in_book": True, **dict.fromkeys(CONSENT_FIELDS, True)}


def png(name: str = "me.png", size: tuple[int, int] = (60, 80)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (90, 63, 242)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def experiment_for(person: Person, cohort: Cohort, **fields: Any) -> Experiment:
    values: dict[str, Any] = {
        "title": "Older listeners to streaming",
        "stage": Stage.DECIDED,
        "hypothesis": "Listeners over 60 in the Nordics would stream if shown how.",
        "test": "Workshops in three libraries.",
        "metric": "Sign-ups within a month.",
        "criterion": "One in five sign up.",
        "result": "27% signed up.",
        "criterion_met": True,
        "believed": "They did not know how.",
        "observed": "They asked for playlists of their youth.",
        "learned": "Curation sells, not technology.",
        "therefore": "Scale with the library network.",
        "decision": "scale_up",
        "themes": ["streaming", "partnerships"],
        **fields,
    }
    return Experiment.objects.create(cohort=cohort, owner=person, **values)


def page_for(world: World, who: str = "lena", *, photo: bool = False, **data: Any) -> TalentPage:
    """Her page, every consent yes unless `data` says otherwise."""
    user = getattr(world, who)
    return services.talent_page_save(
        person=world.person(user),
        cohort=world.leadership_cohort,
        changed_by=user,
        data={
            "about": f"{who.title()} leads the Nordic catalogue team.",
            "stands_for": "Think big, act small.",
            "strengths": "Listening; data; patience.",
            **ALL_YES,
            **data,
        },
        photo=png() if photo else None,
    )


def lena_with_everything(world: World) -> TalentPage:
    """Lena's page, with her experiment, an outcome and a consented story."""
    lena = world.person(world.lena)
    cohort = world.leadership_cohort
    experiment = experiment_for(lena, cohort)
    Outcome.objects.create(
        person=lena,
        cohort=cohort,
        kind=Kind.PROMOTION,
        happened_on=cohort.starts_on,
        organisation="Sony Music Nordics",
        verification=Verification.CONFIRMED,
    )
    Story.objects.create(
        person=lena,
        cohort=cohort,
        experiment=experiment,
        title="Streaming for grandparents",
        tried="Library workshops",
        happened="A national partnership",
        quote="Nobody had asked them.",
        consent_to_share=True,
    )
    return page_for(world, "lena", photo=True)


def issued_book(world: World, *, by: str = "max") -> Book:
    """A book of the leadership cohort, built at once (the worker's part run here)."""
    book = services.book_generate(
        programme=world.leadership, cohort=world.leadership_cohort, created_by=getattr(world, by)
    )
    return services.book_build(book=book)


def more_participants(world: World, n: int) -> list[Person]:
    """n more participants of the leadership cohort, each with a page in the book."""
    people = PersonFactory.create_batch(n)
    Enrolment.objects.bulk_create(
        Enrolment(cohort=world.leadership_cohort, person=p, role=Enrolment.Role.PARTICIPANT)
        for p in people
    )
    TalentPage.objects.bulk_create(
        TalentPage(person=p, cohort=world.leadership_cohort, about="About me", **ALL_YES)
        for p in people
    )
    return people


def make_everything(world: World) -> None:
    """One of each: pages, an issued book with its entries, and an interest from Sam."""
    if Book.objects.exists():
        return
    # Two people of their own: another walk may have changed Lena's and Leo's enrolments.
    people = more_participants(world, 2)
    experiment_for(people[0], world.leadership_cohort)
    with patch("amplify.talentbook.render.book_pdf", _stand_in_pdf):
        book = issued_book(world)
    Interest.objects.create(
        book=book, person=people[0], executive=world.person(world.sam), note="Hi"
    )


def _stand_in_pdf(book: Any, snapshot: Any, *, progress: Any) -> bytes:
    return b"%PDF-1.7\n%%EOF\n"


def book_for_walks(world: World, *, rebuild: bool = False) -> Book:
    """An issued book of the leadership cohort with Lena and Leo in it (a new edition with
    `rebuild`), typeset by a stand-in: the walks test who reaches it, not its PDF."""
    book = Book.objects.filter(cohort=world.leadership_cohort, status="issued").first()
    if book and not rebuild:
        return book
    lena = world.person(world.lena)
    if not TalentPage.objects.filter(person=lena).exists():
        page_for(world, "lena")
        page_for(world, "leo")
    with patch("amplify.talentbook.render.book_pdf", _stand_in_pdf):
        return issued_book(world)
