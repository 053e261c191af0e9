"""Records for the builder's tests: a draft wave of the world's cohort, a stand-in for
sending its invitations (the respondent side's `wave_launch`), and one of each surveys
record for the admin walk."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from amplify.conftest import World
from amplify.people.tests.factories import PersonFactory
from amplify.programmes.models import Enrolment
from amplify.programmes.tests.factories import EnrolmentFactory
from amplify.surveys.models import (
    Answer,
    Invitation,
    Item,
    ItemKind,
    Mode,
    Response,
    SurveySettings,
    Template,
    TemplateQuestion,
    TemplateWave,
    Wave,
    WaveQuestion,
)
from amplify.surveys.tests.factories import ItemFactory, WaveFactory


def draft_wave(world: World, *, mode: str = Mode.CONFIDENTIAL, **values: Any) -> Wave:
    """A wave of Harriet's cohort, not sent, asking one agreement item."""
    wave = WaveFactory(cohort=world.cohort, mode=mode, **values)
    WaveQuestion.objects.create(wave=wave, item=ItemFactory(key="barriers_understood"))
    return wave


def stand_in_launch(*, wave: Wave, by: Any) -> int:
    """What `amplify.surveys.invitations.wave_launch` does, enough for the builder: one
    invitation per active member of the audience, and the wave marked sent."""
    locked = Wave.objects.select_for_update().get(pk=wave.pk)
    enrolments = Enrolment.objects.active().filter(
        cohort_id=locked.cohort_id, role__in=locked.audience
    )
    Invitation.objects.bulk_create(
        Invitation(wave=locked, person_id=e.person_id, role=e.role, sent_at=timezone.now())
        for e in enrolments
    )
    locked.launched_at = timezone.now()
    locked.save(update_fields=["launched_at"])
    return enrolments.count()


def launched(wave: Wave) -> Wave:
    stand_in_launch(wave=wave, by=None)
    wave.refresh_from_db()
    return wave


def more_mentors(world: World, n: int) -> list[Any]:
    people = PersonFactory.create_batch(n)
    for p in people:
        EnrolmentFactory(cohort=world.cohort, person=p, role=Enrolment.Role.MENTOR)
    return people


def answered(wave: Wave, people: list[Any]) -> None:
    """Mark these people's invitations answered (the respondent side's job), with one
    response each as the wave's mode stores it."""
    today = timezone.localdate()
    for invitation in Invitation.objects.filter(wave=wave, person__in=people):
        invitation.responded_on = today
        invitation.save(update_fields=["responded_on"])
        Response.objects.create(
            wave=wave,
            role=invitation.role,
            respondent=invitation.person if wave.mode == Mode.ATTRIBUTED else None,
            submitted_on=today,
        )


def make_everything(world: World) -> None:
    """One of each surveys record (the admin walk)."""
    if Answer.objects.exists():
        return
    item = Item.objects.create(
        key="walk_choice",
        kind=ItemKind.SINGLE,
        text="Which helped most?",
        choices=[{"value": "a", "label": "A"}, {"value": "b", "label": "B"}],
    )
    SurveySettings.objects.get_or_create(programme=world.programme, defaults={"reminder_days": [3]})
    template = Template.objects.create(programme=world.programme, name="Walk template")
    tw = TemplateWave.objects.create(
        template=template,
        title="Before",
        phase="pre",
        audience=["mentor"],
        mode="confidential",
        anchor="start",
    )
    TemplateQuestion.objects.create(wave=tw, item=item)
    wave = Wave.objects.create(
        cohort=world.cohort,
        template_wave=tw,
        title="Before",
        phase="pre",
        audience=["mentor"],
        mode=Mode.ATTRIBUTED,
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=10),
        launched_at=timezone.now() - timedelta(days=1),
    )
    WaveQuestion.objects.create(wave=wave, item=item)
    alice = world.person(world.alice)
    Invitation.objects.create(
        wave=wave, person=alice, role="mentor", sent_at=timezone.now(), draft={"walk_choice": "a"}
    )
    response = Response.objects.create(
        wave=wave, role="mentor", respondent=alice, submitted_on=timezone.localdate()
    )
    Answer.objects.create(response=response, item=item, choice="a")
