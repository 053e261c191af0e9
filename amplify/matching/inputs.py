"""A cohort's people as the matching engine's profiles, and back.

Training hours are counted from attended training events of the programme (by module of its
curriculum, with verified self-paced activities: amplify.training), not typed in; with them
comes what the mentor's screening still lacks, which the same training rule checks.
Background attributes and preferences come only from diversity profiles whose owner agreed
to their use in matching; they leave this module as opaque tokens that mean something only
within one run: each snapshot draws its own random key, uses it, and forgets it. The engine
needs only to know which tokens are equal; nobody reading a run's inputs (an administrator in
the admin, a manager through the API) can tell what a token stands for, nor link it to the
same background in another run.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import asdict
from typing import Any

from amplify.core.matching.profiles import MAX_CAPACITY, MAX_TAGS, Profile
from amplify.core.matching.weekly import utc_offset, utc_slots
from amplify.diversity.consented import Background, consented_backgrounds
from amplify.matching.models import MatchingRun, MatchProfile
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment
from amplify.training.readiness import cohort_readiness

MENTOR_CAPACITY = 3
GIVERS = {
    MatchingRun.Kind.MENTORING: Enrolment.Role.MENTOR,
    MatchingRun.Kind.COACHING: Enrolment.Role.COACH,
}
TAKERS = {
    MatchingRun.Kind.MENTORING: Enrolment.Role.MENTEE,
    MatchingRun.Kind.COACHING: Enrolment.Role.PARTICIPANT,
}


def training_hours(cohort: Cohort, people: list[int]) -> dict[int, float]:
    """Training hours each person has towards the programme's curriculum (every attended
    training event of the programme when it has no curriculum); those with none left out."""
    return {p: r.hours for p, r in cohort_readiness(cohort, people).items() if r.hours}


def run_key() -> bytes:
    """A fresh random key for one run's tokens; it is never stored."""
    return secrets.token_bytes(32)


def token(key: bytes, attribute: str, value: str) -> str:
    """An opaque stand-in for one background value, equal only to itself within a run."""
    return hmac.new(key, f"{attribute}:{value}".encode(), hashlib.sha256).hexdigest()[:16]


def _background(
    backgrounds: dict[int, Background], key: bytes
) -> tuple[dict[int, frozenset[str]], dict[int, frozenset[str]]]:
    has: dict[int, frozenset[str]] = {}
    wants: dict[int, frozenset[str]] = {}
    for pid, d in backgrounds.items():
        values = d.values
        has[pid] = frozenset(
            token(key, a, v)
            for a, v in values.items()
            if v and v not in ("declined", "unknown", "no")
        )
        wants[pid] = frozenset(
            token(key, a, values[a])
            for a in d.share_with_mentor[:2]
            if values.get(a) and values[a] not in ("declined", "unknown")
        )
    return has, wants


def profiles(cohort: Cohort, kind: str) -> tuple[list[Profile], list[Profile], dict[str, str]]:
    """(givers, takers, display names) for the cohort's active enrolments of that kind."""
    givers = list(_people(cohort, GIVERS[MatchingRun.Kind(kind)]))
    takers = list(_people(cohort, TAKERS[MatchingRun.Kind(kind)]))
    everyone = givers + takers
    match = {
        m.person_id: m
        for m in MatchProfile.objects.filter(person__in=everyone).select_related("aspired_division")
    }
    has, wants = _background(consented_backgrounds(p.pk for p in everyone), run_key())
    # A mentor's background counts only where a mentee asked for it: the rest is left out of
    # the snapshot, so it holds no more than the score needs.
    asked: frozenset[str] = frozenset().union(*(wants.get(p.pk, frozenset()) for p in takers))
    ready = cohort_readiness(cohort, [p.pk for p in givers])
    on = cohort.starts_on
    names = {str(p.pk): p.display_name for p in everyone}

    cap = MENTOR_CAPACITY if kind == MatchingRun.Kind.MENTORING else MAX_CAPACITY

    def build(p: Person, giver: bool) -> Profile:
        mp = match.get(p.pk)
        offset = utc_offset(p.time_zone, on) if p.time_zone else None
        manager = p.manager
        managers = tuple(
            str(x) for x in (p.manager_id, manager.manager_id if manager else None) if x
        )
        return Profile(
            key=str(p.pk),
            tags=frozenset((mp.tags if mp else [])[:MAX_TAGS]),
            job_family=(mp.job_family or None) if mp else None,
            division=(p.division.name if p.division else None)
            if giver
            else (mp.aspired_division.name if mp and mp.aspired_division else None),
            languages=tuple(p.languages),
            utc_offset=offset,
            country=p.country_id,
            in_person=(mp.meeting_format == MatchProfile.Format.EITHER) if mp else True,
            slots=utc_slots(mp.availability if mp else [], offset) if mp else frozenset(),
            seniority=mp.seniority if mp else (3 if giver else 1),
            attributes=has.get(p.pk, frozenset()) & asked if giver else frozenset(),
            wants=frozenset() if giver else wants.get(p.pk, frozenset()),
            # One profile serves every programme; mentoring caps a mentor at three.
            capacity=min(cap, mp.capacity if mp else 1) if giver else 1,
            training_hours=ready[p.pk].hours if giver else 0.0,
            screening=ready[p.pk].screening_gaps if giver else (),
            managers=() if giver else managers,
        )

    return ([build(p, True) for p in givers], [build(p, False) for p in takers], names)


def _people(cohort: Cohort, role: str) -> Any:
    return (
        Person.objects.filter(
            enrolments__cohort=cohort,
            enrolments__role=role,
            enrolments__status=Enrolment.Status.ACTIVE,
        )
        .select_related("division", "manager")
        .distinct()
        .order_by("pk")
    )


def to_json(profile: Profile) -> dict[str, Any]:
    data = asdict(profile)
    for key in ("tags", "slots", "attributes", "wants"):
        data[key] = sorted(data[key])
    data["languages"] = list(data["languages"])
    data["managers"] = list(data["managers"])
    data["screening"] = list(data["screening"])
    return data


def from_json(data: dict[str, Any]) -> Profile:
    return Profile(
        **{
            **data,
            "tags": frozenset(data["tags"]),
            "slots": frozenset(data["slots"]),
            "attributes": frozenset(data["attributes"]),
            "wants": frozenset(data["wants"]),
            "languages": tuple(data["languages"]),
            "managers": tuple(data["managers"]),
            "screening": tuple(data.get("screening", ())),
        }
    )
