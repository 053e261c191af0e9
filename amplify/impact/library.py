"""The indicator library's defaults: the seed's three survey items and the figures the
programmes publish, installed by one call (the demo, a new organisation's first setup).

Installing is idempotent: an indicator or item that exists (by key) is left as it is, so an
impact admin's edits to a definition survive a second install.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from amplify.impact.models import Indicator, IndicatorKind
from amplify.programmes.models import Enrolment, Programme
from amplify.surveys.models import Item, ItemKind, Phase

R = Enrolment.Role
MENTORING = Programme.Kind.MENTORING
LEADERSHIP = Programme.Kind.LEADERSHIP

ITEMS: list[dict[str, Any]] = [
    {
        "key": "barriers_understood",
        "kind": ItemKind.AGREEMENT,
        "text": "I have a good understanding of the barriers affecting socioeconomic diversity.",
    },
    {
        "key": "would_continue_meeting",
        "kind": ItemKind.YES_NO,
        "text": "I would continue to meet my mentee after the programme.",
    },
    {
        "key": "career_paths_understood",
        "kind": ItemKind.AGREEMENT,
        "text": "I have a clear understanding of the different roles and career paths within "
        "the creative industries.",
    },
]

INDICATORS: list[dict[str, Any]] = [
    {
        "key": "mentors_understand_barriers",
        "name": "Mentors who understand the barriers to socioeconomic diversity",
        "definition": "Share of mentors answering agree or strongly agree to item "
        "barriers_understood, post wave, out of the mentors who answered it.",
        "kind": IndicatorKind.SHARE,
        "programme_kind": MENTORING,
        "item": "barriers_understood",
        "phase": Phase.POST,
        "role": R.MENTOR,
    },
    {
        "key": "mentors_would_continue",
        "name": "Mentors who would continue to meet their mentee",
        "definition": "Share of mentors answering yes to item would_continue_meeting, post "
        "wave, out of the mentors who answered it.",
        "kind": IndicatorKind.SHARE,
        "programme_kind": MENTORING,
        "item": "would_continue_meeting",
        "phase": Phase.POST,
        "role": R.MENTOR,
        "success_values": [1],
    },
    {
        "key": "mentees_understand_careers",
        "name": "Mentees who understand the roles and career paths",
        "definition": "Share of mentees answering agree or strongly agree to item "
        "career_paths_understood, post wave, out of the mentees who answered it.",
        "kind": IndicatorKind.SHARE,
        "programme_kind": MENTORING,
        "item": "career_paths_understood",
        "phase": Phase.POST,
        "role": R.MENTEE,
    },
    {
        "key": "mentees_with_jobs",
        "name": "Mentees who found a job during the programme",
        "definition": "Mentees with at least one job outcome (not rejected) dated between the "
        "cohort's start and end.",
        "kind": IndicatorKind.OUTCOMES,
        "programme_kind": MENTORING,
        "role": R.MENTEE,
        "outcome_kind": "job",
        "during_programme": True,
    },
    {
        "key": "young_people_reached",
        "name": "Young people reached since 2018",
        "definition": "Distinct people enrolled as mentees in cohorts starting in 2018 or later.",
        "kind": IndicatorKind.PEOPLE,
        "programme_kind": MENTORING,
        "role": R.MENTEE,
        "since_year": 2018,
    },
    {
        "key": "participants",
        "name": "Participants",
        "definition": "Distinct people enrolled as participants.",
        "kind": IndicatorKind.PEOPLE,
        "programme_kind": LEADERSHIP,
        "role": R.PARTICIPANT,
    },
    {
        "key": "experiments",
        "name": "Experiments",
        "definition": "Experiments created by the cohort's participants, at any stage.",
        "kind": IndicatorKind.EXPERIMENTS,
        "programme_kind": LEADERSHIP,
    },
]


@transaction.atomic
def indicators_install() -> int:
    """Create the default items and indicators that do not exist yet; the number created."""
    created = 0
    for spec in ITEMS:
        _, made = Item.objects.get_or_create(key=spec["key"], defaults=spec)
        created += made
    for position, spec in enumerate(INDICATORS):
        fields = dict(spec, position=position)
        item_key = fields.pop("item", None)
        if item_key:
            fields["item"] = Item.objects.get(key=item_key)
        _, made = Indicator.objects.get_or_create(key=fields.pop("key"), defaults=fields)
        created += made
    return created
