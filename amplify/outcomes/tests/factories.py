"""Outcomes on top of the world, for this app's tests and the shared walks (the wrong-role
table, the admin walk, the diversity leak walk)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from amplify.conftest import World
from amplify.events.models import Event
from amplify.events.tests.factories import EventFactory
from amplify.outcomes.models import Outcome, OutcomeRequest, ShowcaseProject
from amplify.outcomes.services import outcome_record, showcase_project_save

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def pdf(name: str = "offer-letter.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def during(world: World) -> date:
    """A day inside the world's cohort."""
    return world.cohort.starts_on + timedelta(days=30)


def a_moment_in(world: World) -> datetime:
    """ "Now", once the world's cohort has ended, so that any of its dates may be reported."""
    return timezone.make_aware(datetime.combine(world.cohort.ends_on, datetime.min.time()))


def bea_outcome(world: World, **kwargs: Any) -> Outcome:
    """Bea's own job, self-reported, during the programme."""
    fields: dict[str, Any] = {
        "person": world.person(world.bea),
        "recorded_by": world.bea,
        "cohort": world.cohort,
        "kind": "job",
        "happened_on": during(world),
        "organisation": "Sony Music UK",
        "description": "Junior A&R assistant",
        "now": a_moment_in(world),
    }
    return outcome_record(**(fields | kwargs))


def showcase_for(world: World, *, starts_in: timedelta = timedelta(days=10)) -> Event:
    found = Event.objects.filter(cohort=world.cohort, kind=Event.Kind.SHOWCASE).first()
    if found is not None:
        return found
    return EventFactory(
        cohort=world.cohort,
        kind=Event.Kind.SHOWCASE,
        title="Showcase evening",
        starts_at=timezone.now() + starts_in,
    )


def bea_project(world: World, **kwargs: Any) -> ShowcaseProject:
    showcase_for(world)
    fields: dict[str, Any] = {
        "person": world.person(world.bea),
        "cohort": world.cohort,
        "changed_by": world.bea,
        "title": "A podcast about getting into music",
        "summary": "Six episodes with people at the label.",
        "link": "https://example.com/podcast",
    }
    return showcase_project_save(**(fields | kwargs))


def make_everything(world: World) -> None:
    """One record of each model of the app."""
    if not Outcome.objects.exists():
        bea_outcome(world, evidence_file=pdf())
    if not ShowcaseProject.objects.exists():
        bea_project(world)
    OutcomeRequest.objects.get_or_create(
        person=world.person(world.bea),
        cohort=world.cohort,
        round=OutcomeRequest.Round.AT_END,
        defaults={"due_on": world.cohort.ends_on},
    )
