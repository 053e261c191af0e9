"""Loading what the core's readiness function needs, for many mentors at once, in a fixed
number of queries whatever their number (the cohort table and matching use it)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import F

from amplify.core import training as core
from amplify.events.models import Event, Rsvp
from amplify.programmes.models import Cohort, Programme
from amplify.training.models import (
    Activity,
    BackgroundCheck,
    CodeAcceptance,
    CodeOfConduct,
    Module,
    TrainingSettings,
)

# Matching's default when a programme has no curriculum to add up.
DEFAULT_HOURS = 10.0


@dataclass(frozen=True)
class Curriculum:
    programme: Programme
    modules: list[Module]
    settings: TrainingSettings | None
    code: CodeOfConduct | None  # the current version

    @property
    def requirements(self) -> core.Requirements:
        cores = [m.as_core() for m in self.modules]
        s = self.settings
        return core.Requirements(
            hours=core.curriculum_hours(cores) if self.modules else DEFAULT_HOURS,
            safeguarding=bool(s and s.require_safeguarding),
            code_of_conduct=bool(s and s.require_code_of_conduct),
            background_check=bool(s and s.require_background_check),
        )


def curriculum_of(programme: Programme) -> Curriculum:
    return Curriculum(
        programme=programme,
        modules=list(Module.objects.filter(programme=programme).in_order()),
        settings=TrainingSettings.objects.filter(programme=programme).first(),
        code=CodeOfConduct.objects.filter(programme=programme).order_by("-version").first(),
    )


def attended_hours(programme: Programme, people: Iterable[int]) -> dict[int, dict[str, float]]:
    """Hours of the programme's training events each person attended, by module key (the
    module's id) where an event is linked to modules, else by event (`event-<id>`)."""
    people = list(people)
    rows = Rsvp.objects.filter(
        person_id__in=people,
        attended=True,
        event__kind=Event.Kind.TRAINING,
        event__cohort__programme_id=programme.pk,
    ).values_list("person_id", "event_id", F("event__ends_at") - F("event__starts_at"))
    links: dict[int, list[int]] = defaultdict(list)
    for event_id, module_id in Module.events.through.objects.filter(
        module__programme_id=programme.pk
    ).values_list("event_id", "module_id"):
        links[event_id].append(module_id)
    out: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for person_id, event_id, length in rows:
        hours = length.total_seconds() / 3600 if length else 0.0
        for key in [str(m) for m in links.get(event_id, [])] or [f"event-{event_id}"]:
            out[person_id][key] += hours
    return out


def records(curriculum: Curriculum, people: Iterable[int]) -> dict[int, core.Record]:
    people = list(people)
    programme = curriculum.programme
    attended = attended_hours(programme, people)
    if curriculum.modules:
        keys = {str(m.pk) for m in curriculum.modules}
        attended = {p: {k: v for k, v in a.items() if k in keys} for p, a in attended.items()}
    verified: dict[int, set[str]] = defaultdict(set)
    for person_id, module_id in (
        Activity.objects.verified()
        .filter(person_id__in=people, module__programme=programme)
        .values_list("person_id", "module_id")
    ):
        verified[person_id].add(str(module_id))
    accepted: dict[int, int] = {}
    for person_id, version in CodeAcceptance.objects.filter(
        person_id__in=people, code__programme=programme
    ).values_list("person_id", "code__version"):
        accepted[person_id] = max(version, accepted.get(person_id, 0))
    checks: dict[int, list[core.Check]] = defaultdict(list)
    for check in BackgroundCheck.objects.filter(person_id__in=people, programme=programme):
        checks[check.person_id].append(check.as_core())
    current = curriculum.code.version if curriculum.code else None
    return {
        p: core.Record(
            attended=dict(attended.get(p, {})),
            verified=frozenset(verified.get(p, ())),
            accepted_version=accepted.get(p),
            current_version=current,
            checks=tuple(checks.get(p, ())),
        )
        for p in people
    }


def readiness_for(
    *, programme: Programme, people: Iterable[int], on: date, curriculum: Curriculum | None = None
) -> dict[int, core.Readiness]:
    """Each person's readiness to be matched into a cohort of the programme starting `on`."""
    curriculum = curriculum or curriculum_of(programme)
    modules = [m.as_core() for m in curriculum.modules]
    requirements = curriculum.requirements
    return {
        p: core.readiness(modules, record, requirements, on=on)
        for p, record in records(curriculum, people).items()
    }


def cohort_readiness(cohort: Cohort, people: Iterable[int]) -> dict[int, core.Readiness]:
    return readiness_for(programme=cohort.programme, people=people, on=cohort.starts_on)
