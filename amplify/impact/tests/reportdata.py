"""Records for the report tests and the PDF bench, made in bulk: a post wave's answers to
the seed's items, and outcomes of a cohort's mentees."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from amplify.outcomes.models import Outcome
from amplify.people.models import Person
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Cohort, Enrolment
from amplify.surveys.models import Answer, Invitation, Item, Phase, Response, Wave, WaveQuestion
from amplify.surveys.tests.factories import WaveFactory


def post_wave(cohort: Cohort) -> Wave:
    wave = WaveFactory(cohort=cohort, phase=Phase.POST)
    for position, key in enumerate(
        ("barriers_understood", "would_continue_meeting", "career_paths_understood")
    ):
        WaveQuestion.objects.create(wave=wave, item=Item.objects.get(key=key), position=position)
    return wave


def answers(
    wave: Wave, *, role: str, items: dict[str, list[float]], invited: int | None = None
) -> None:
    """Responses of people in `role`, the i-th answering each item's i-th value (one response
    per value of the longest list), and `invited` invitations (as many as responses if None)."""
    count = max(len(values) for values in items.values())
    people = PersonFactory.create_batch(invited if invited is not None else count)
    Invitation.objects.bulk_create(
        Invitation(wave=wave, person=p, role=role, sent_at=timezone.now()) for p in people
    )
    responses = Response.objects.bulk_create(
        Response(wave=wave, role=role, submitted_on=timezone.localdate()) for _ in range(count)
    )
    Answer.objects.bulk_create(
        Answer(response=r, item=Item.objects.get(key=key), number=v)
        for key, values in items.items()
        for r, v in zip(responses, values, strict=False)
    )


def seed_answers(cohort: Cohort) -> Wave:
    """Of 23 mentors asked, 19 answered: 74% would keep meeting (14 of 19), 100% understand
    the barriers (19 of 19); of 30 mentees, 28 answered: 82% understand the career paths
    (23 of 28)."""
    wave = post_wave(cohort)
    answers(
        wave,
        role="mentor",
        items={
            "would_continue_meeting": [1.0] * 14 + [0.0] * 5,
            "barriers_understood": [5.0] * 10 + [4.0] * 9,
        },
        invited=23,
    )
    answers(
        wave,
        role="mentee",
        items={"career_paths_understood": [4.0] * 23 + [2.0] * 5},
        invited=30,
    )
    return wave


def mentees_with_outcomes(cohort: Cohort, n: int, *, kind: str = "job") -> list[Person]:
    """n new mentees of the cohort, each with an outcome of this kind during the programme."""
    people = PersonFactory.create_batch(n)
    Enrolment.objects.bulk_create(
        Enrolment(cohort=cohort, person=p, role=Enrolment.Role.MENTEE) for p in people
    )
    day = cohort.starts_on + timedelta(days=30)
    Outcome.objects.bulk_create(
        Outcome(
            person=p,
            cohort=cohort,
            kind=kind,
            happened_on=day,
            during_programme=True,
            organisation="Sony Music",
        )
        for p in people
    )
    return people
