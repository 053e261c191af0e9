"""The demo's surveys: the item bank, a template per programme, and the raw answers of every
past cohort, from which the real indicator code computes the published figures.

Each programme's template has a wave before the programme and one at its end, per role
(mentors and mentees are asked different things), all confidential: a pseudonymous key links
a person's pre and post answers, nothing links them to her name. Every cohort's waves were
sent to its real enrolments; not everyone answered (between six and nine in ten, as in
practice), and those who did not were reminded at +3 and +7 days and the day before closing.

The answers are the demo's raw data, written in bulk like an import would (no per-row
service: a survey of thousands of answers must not slow the load). Cohort 5 (2023) holds
exactly what the seed reports when computed by `amplify.impact.compute.indicator_figure`:
every mentor who answered agrees they understand the barriers (27 of 27), 20 of 27 would
keep meeting their mentee (74%), and 23 of 28 mentees understand the career paths (82%).
Those are the numbers and not 14 of 17: a share is shown only when the people on each side
of it are five or more (`amplify.core.disclosure.share_shown`), so 82% needs 28 answers.
The pre-programme answers are lower, so the paired change is visible. The other cohorts
have plausible figures of their own, some of them too small to be shown.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from amplify.demo.programmes import LONDON, Demo
from amplify.impact.library import indicators_install
from amplify.impact.models import Indicator, IndicatorKind
from amplify.people.models import Person
from amplify.programmes.models import Cohort, Enrolment, Programme
from amplify.surveys.links import pseudonym
from amplify.surveys.models import (
    DEFAULT_REMINDER_DAYS,
    Anchor,
    Answer,
    Invitation,
    Item,
    ItemKind,
    Mode,
    Phase,
    Response,
    SurveySettings,
    Template,
    TemplateQuestion,
    TemplateWave,
    Wave,
    WaveQuestion,
)

R = Enrolment.Role

# The demo's own items, beside the library's three (amplify.impact.library.ITEMS).
ITEMS: list[dict[str, Any]] = [
    {
        "key": "confidence_applying",
        "kind": ItemKind.AGREEMENT,
        "text": "I feel confident applying for jobs in the creative industries.",
    },
    {
        "key": "innovation_confident",
        "kind": ItemKind.AGREEMENT,
        "text": "I feel confident trying out a new idea in my part of the business.",
    },
    {
        "key": "leader_identity",
        "kind": ItemKind.AGREEMENT,
        "text": "I know what kind of leader of people I want to be.",
    },
    {
        "key": "programme_recommendation",
        "kind": ItemKind.RECOMMENDATION,
        "text": "How likely are you to recommend the programme to a friend or colleague?",
        "help_text": "0: not at all likely; 10: extremely likely.",
        "number_min": 0,
        "number_max": 10,
    },
    {
        "key": "what_would_you_change",
        "kind": ItemKind.TEXT,
        "text": "What would you change about the programme?",
    },
    {
        "key": "mentoring_most_valuable",
        "kind": ItemKind.MULTIPLE,
        "text": "Which parts of the programme were the most valuable to you?",
        "help_text": "Tick all that apply.",
        "choices": [
            {"value": "meetings", "label": "The fortnightly meetings"},
            {"value": "goals", "label": "Setting and reviewing goals"},
            {"value": "launch", "label": "The launch evening"},
            {"value": "workshop", "label": "The mid-programme workshop"},
            {"value": "showcase", "label": "The showcase"},
            {"value": "network", "label": "Meeting people across the company"},
        ],
    },
    {
        "key": "leadership_most_valuable",
        "kind": ItemKind.MULTIPLE,
        "text": "Which parts of the programme were the most valuable to you?",
        "help_text": "Tick all that apply.",
        "choices": [
            {"value": "coaching", "label": "Personal development coaching"},
            {"value": "home_groups", "label": "The regional home groups"},
            {"value": "experiment", "label": "Running my experiment"},
            {"value": "global_week", "label": "The global week"},
            {"value": "showcase", "label": "The global showcase"},
        ],
    },
]

# Indicators the demo adds to the library's defaults, for the items above.
INDICATORS: list[dict[str, Any]] = [
    {
        "key": "participants_confident_innovating",
        "name": "Participants confident trying out a new idea",
        "definition": "Share of participants answering agree or strongly agree to item "
        "innovation_confident, post wave, out of the participants who answered it.",
        "kind": IndicatorKind.SHARE,
        "programme_kind": Programme.Kind.LEADERSHIP,
        "item": "innovation_confident",
        "phase": Phase.POST,
        "role": R.PARTICIPANT,
    },
    {
        "key": "recommendation_mean",
        "name": "How likely they are to recommend the programme (0–10)",
        "definition": "Mean answer to item programme_recommendation, post wave, among "
        "everyone who answered it.",
        "kind": IndicatorKind.MEAN,
        "item": "programme_recommendation",
        "phase": Phase.POST,
    },
]


@dataclass(frozen=True)
class WaveSpec:
    title: str
    phase: str
    role: str
    anchor: str
    opens_after_days: int
    open_days: int
    items: tuple[tuple[str, bool], ...]  # (item key, required)


TEMPLATES: dict[str, tuple[str, tuple[WaveSpec, ...]]] = {
    Programme.Kind.MENTORING: (
        "Before and after the programme",
        (
            # Mentors are asked before their training starts; mentees before the launch.
            WaveSpec(
                "Mentors: before the programme",
                Phase.PRE,
                R.MENTOR,
                Anchor.START,
                -7,
                14,
                (("barriers_understood", True),),
            ),
            WaveSpec(
                "Mentees: before the programme",
                Phase.PRE,
                R.MENTEE,
                Anchor.START,
                21,
                14,
                (("career_paths_understood", True), ("confidence_applying", True)),
            ),
            WaveSpec(
                "Mentors: end of programme",
                Phase.POST,
                R.MENTOR,
                Anchor.END,
                -10,
                21,
                (
                    ("barriers_understood", True),
                    ("would_continue_meeting", True),
                    ("programme_recommendation", True),
                    ("mentoring_most_valuable", False),
                    ("what_would_you_change", False),
                ),
            ),
            WaveSpec(
                "Mentees: end of programme",
                Phase.POST,
                R.MENTEE,
                Anchor.END,
                -10,
                21,
                (
                    ("career_paths_understood", True),
                    ("confidence_applying", True),
                    ("programme_recommendation", True),
                    ("mentoring_most_valuable", False),
                    ("what_would_you_change", False),
                ),
            ),
        ),
    ),
    Programme.Kind.LEADERSHIP: (
        "Before and after the programme",
        (
            WaveSpec(
                "Participants: before the programme",
                Phase.PRE,
                R.PARTICIPANT,
                Anchor.START,
                -10,
                14,
                (("innovation_confident", True), ("leader_identity", True)),
            ),
            WaveSpec(
                "Participants: end of programme",
                Phase.POST,
                R.PARTICIPANT,
                Anchor.END,
                -7,
                21,
                (
                    ("innovation_confident", True),
                    ("leader_identity", True),
                    ("programme_recommendation", True),
                    ("leadership_most_valuable", False),
                    ("what_would_you_change", False),
                ),
            ),
        ),
    ),
}


@dataclass(frozen=True)
class Target:
    """What one role's end-of-programme wave holds: how many answered, and for each
    agreement or yes/no item how many of them gave a counted answer."""

    responded: int
    counted: dict[str, int] = field(default_factory=dict)


# Positive Influence cohort 5 (2023), the seed's figures (see the module's docstring).
COHORT_FIVE: dict[str, Target] = {
    R.MENTOR: Target(27, {"barriers_understood": 27, "would_continue_meeting": 20}),
    R.MENTEE: Target(28, {"career_paths_understood": 23}),
}

# Elsewhere: (response rate low, high) per role and the counted share's range per item.
RESPONSE_RATES: dict[str, tuple[float, float]] = {
    R.MENTOR: (0.70, 0.90),
    R.MENTEE: (0.60, 0.85),
    R.PARTICIPANT: (0.72, 0.92),
}
POST_SHARES = {
    "barriers_understood": (0.86, 1.0),
    "would_continue_meeting": (0.55, 0.80),
    "career_paths_understood": (0.70, 0.90),
    "confidence_applying": (0.60, 0.80),
    "innovation_confident": (0.75, 0.92),
    "leader_identity": (0.70, 0.90),
}

CHANGES = (
    "More time with my mentee at the start, before the goals are set.",
    "A second workshop halfway through.",
    "Meet in person more often; online is fine but not the same.",
    "Nothing, it was brilliant.",
    "Clearer guidance on what the showcase project should be.",
    "A way to stay in touch with the other pairs afterwards.",
    "Shorter training sessions, spread over more weeks.",
    "More people from the labels' A&R teams as speakers.",
    "Earlier dates for the showcase, so people can plan around it.",
    "Help with travel costs for the in-person evenings.",
    "More coaching time one to one.",
    "The global week was the highlight; make it longer.",
    "Sponsors should see the experiments earlier.",
    "A buddy from the previous cohort.",
)


def _items() -> dict[str, Item]:
    indicators_install()
    for spec in ITEMS:
        Item.objects.get_or_create(key=spec["key"], defaults=spec)
    items = {i.key: i for i in Item.objects.all()}
    for position, spec in enumerate(INDICATORS, start=Indicator.objects.count()):
        fields = dict(spec, position=position)
        item_key = fields.pop("item")
        Indicator.objects.get_or_create(
            key=fields.pop("key"), defaults=dict(fields, item=items[item_key])
        )
    return items


def _template(programme: Programme, items: dict[str, Item]) -> list[tuple[TemplateWave, WaveSpec]]:
    SurveySettings.objects.get_or_create(
        programme=programme, defaults={"reminder_days": list(DEFAULT_REMINDER_DAYS)}
    )
    name, specs = TEMPLATES[programme.kind]
    template = Template.objects.create(programme=programme, name=name)
    made = []
    for spec in specs:
        wave = TemplateWave.objects.create(
            template=template,
            title=spec.title,
            phase=spec.phase,
            audience=[spec.role],
            mode=Mode.CONFIDENTIAL,
            anchor=spec.anchor,
            opens_after_days=spec.opens_after_days,
            open_days=spec.open_days,
        )
        TemplateQuestion.objects.bulk_create(
            TemplateQuestion(wave=wave, item=items[key], position=i, required=required)
            for i, (key, required) in enumerate(spec.items)
        )
        made.append((wave, spec))
    return made


def _agreement(rng: random.Random, agree: bool) -> int:
    if agree:
        return rng.choices((4, 5), (55, 45))[0]
    return rng.choices((1, 2, 3), (1, 3, 6))[0]


def _split(rng: random.Random, people: list[int], counted: int) -> set[int]:
    return set(rng.sample(people, counted))


@dataclass
class _Wave:
    wave: Wave
    spec: WaveSpec
    invited: list[Person]
    answers: dict[int, dict[str, Any]]  # person id -> item key -> value (list for multiple)


def _post_answers(
    rng: random.Random, spec: WaveSpec, responders: list[int], target: Target | None
) -> dict[int, dict[str, Any]]:
    answers: dict[int, dict[str, Any]] = {p: {} for p in responders}
    for key, required in spec.items:
        if key in POST_SHARES:
            if target is not None and key in target.counted:
                counted = target.counted[key]
            else:
                low, high = POST_SHARES[key]
                counted = round(rng.uniform(low, high) * len(responders))
            yes = _split(rng, responders, counted)
            for p in responders:
                if key == "would_continue_meeting":
                    answers[p][key] = 1 if p in yes else 0
                else:
                    answers[p][key] = _agreement(rng, p in yes)
        elif key == "programme_recommendation":
            for p in responders:
                answers[p][key] = rng.choices(range(5, 11), (1, 2, 4, 8, 10, 9))[0]
        elif key.endswith("_most_valuable"):
            for p in responders:
                if not required and rng.random() < 0.1:
                    continue
                options = [c["value"] for c in next(i for i in ITEMS if i["key"] == key)["choices"]]
                answers[p][key] = sorted(rng.sample(options, rng.choice((1, 2, 2, 3))))
        elif key == "what_would_you_change":
            for p in responders:
                if rng.random() < 0.45:
                    answers[p][key] = rng.choice(CHANGES)
    return answers


def _pre_answers(
    rng: random.Random, spec: WaveSpec, responders: list[int], post: dict[int, dict[str, Any]]
) -> dict[int, dict[str, Any]]:
    """Lower than at the end: a person who answered both moved up by 0 to 2 points."""
    answers: dict[int, dict[str, Any]] = {p: {} for p in responders}
    for key, _required in spec.items:
        for p in responders:
            after = post.get(p, {}).get(key)
            if after is not None:
                answers[p][key] = max(1, after - rng.choices((0, 1, 2), (25, 50, 25))[0])
            else:
                answers[p][key] = rng.choices((1, 2, 3, 4, 5), (1, 3, 4, 3, 1))[0]
    return answers


def _day(rng: random.Random, wave: Wave) -> date:
    """Most answer in the first days, then after each reminder, and on the last day."""
    days = (wave.closes_at - wave.opens_at).days
    late = (3, 4, 7, 8, days - 1)
    offset = rng.choice((0, 0, 0, 1, 1, 2, *late))
    return (wave.opens_at + timedelta(days=min(offset, days - 1))).astimezone(LONDON).date()


def _reminders(wave: Wave, answered: date | None) -> tuple[int, datetime | None]:
    opened = wave.opens_at
    moments = [opened + timedelta(days=d) for d in DEFAULT_REMINDER_DAYS]
    moments.append(wave.closes_at - timedelta(days=1))
    sent = [m for m in moments if answered is None or m.astimezone(LONDON).date() < answered]
    return len(sent), (sent[-1] if sent else None)


def _write(cohort: Cohort, w: _Wave, rng: random.Random, items: dict[str, Item]) -> int:
    wave = w.wave
    invitations = []
    responses = []
    days: dict[int, date] = {p: _day(rng, wave) for p in w.answers}
    for person in w.invited:
        answered = days.get(person.pk)
        reminders, last = _reminders(wave, answered)
        invitations.append(
            Invitation(
                wave=wave,
                person=person,
                role=w.spec.role,
                sent_at=wave.launched_at,
                reminders_sent=reminders,
                last_reminded_at=last,
                responded_on=answered,
            )
        )
    Invitation.objects.bulk_create(invitations)
    by_id = {p.pk: p for p in w.invited}
    responders = list(w.answers)
    # Written in an order of their own, so that neither the row order nor anything else
    # pairs a response with the invitation above it.
    rng.shuffle(responders)
    rows: list[Answer] = []
    for pid in responders:
        person = by_id[pid]
        response = Response(
            wave=wave,
            role=w.spec.role,
            pseudonym=pseudonym(cohort.pk, pid),
            country_id=person.country_id,
            division_id=person.division_id,
            submitted_on=days[pid],
        )
        responses.append(response)
        for key, value in w.answers[pid].items():
            item = items[key]
            if item.kind == ItemKind.MULTIPLE:
                rows += [Answer(response=response, item=item, choice=v) for v in value]
            elif item.kind == ItemKind.TEXT:
                rows.append(Answer(response=response, item=item, text=value))
            else:
                rows.append(Answer(response=response, item=item, number=float(value)))
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(rows)
    return len(rows)


def _moment(cohort: Cohort, spec: WaveSpec) -> datetime:
    anchor = cohort.starts_on if spec.anchor == Anchor.START else cohort.ends_on
    return datetime.combine(anchor + timedelta(days=spec.opens_after_days), time(9), LONDON)


def _cohort(
    d: Demo,
    cohort: Cohort,
    template: list[tuple[TemplateWave, WaveSpec]],
    items: dict[str, Item],
    now: datetime,
) -> tuple[int, int]:
    rng = random.Random(f"surveys {cohort.programme.slug} {cohort.number}")
    five = cohort.programme.kind == Programme.Kind.MENTORING and cohort.number == 5
    waves, answers = 0, 0
    # The end of programme first: the answers before it are drawn from them.
    posts: dict[str, dict[int, dict[str, Any]]] = {}
    for template_wave, spec in sorted(template, key=lambda t: t[1].phase != Phase.POST):
        opens = _moment(cohort, spec)
        closes = opens + timedelta(days=spec.open_days)
        if closes > now:
            continue  # not over yet: the running cohorts have only their first waves
        wave = Wave.objects.create(
            cohort=cohort,
            template_wave=template_wave,
            title=spec.title,
            phase=spec.phase,
            audience=[spec.role],
            mode=Mode.CONFIDENTIAL,
            opens_at=opens,
            closes_at=closes,
            launched_at=opens,
            created_by=d.by,
            created_at=opens - timedelta(days=14),
        )
        WaveQuestion.objects.bulk_create(
            WaveQuestion(wave=wave, item=items[key], position=i, required=required)
            for i, (key, required) in enumerate(spec.items)
        )
        invited = [
            e.person
            for e in Enrolment.objects.taking_part()
            .filter(cohort=cohort, role=spec.role)
            .select_related("person")
            .order_by("pk")
        ]
        ids = [p.pk for p in invited]
        target = COHORT_FIVE.get(spec.role) if five and spec.phase == Phase.POST else None
        if target is not None:
            count = target.responded
        else:
            low, high = RESPONSE_RATES[spec.role]
            # Before the programme a little more answer than at its end.
            bonus = 0.05 if spec.phase == Phase.PRE else 0.0
            count = round(min(0.95, rng.uniform(low, high) + bonus) * len(ids))
        if count > len(ids):
            raise RuntimeError(f"{cohort}: {count} answers wanted from {len(ids)} people")
        responders = sorted(rng.sample(ids, count))
        if spec.phase == Phase.POST:
            posts[spec.role] = _post_answers(rng, spec, responders, target)
            given = posts[spec.role]
        else:
            given = _pre_answers(rng, spec, responders, posts.get(spec.role, {}))
        answers += _write(cohort, _Wave(wave, spec, invited, given), rng, items)
        waves += 1
    return waves, answers


def build_surveys(d: Demo) -> dict[str, int]:
    items = _items()
    now = timezone.now()
    waves = answers = 0
    for programme in Programme.objects.filter(
        kind__in=[Programme.Kind.MENTORING, Programme.Kind.LEADERSHIP]
    ).order_by("pk"):
        template = _template(programme, items)
        cohorts = programme.cohorts.filter(
            status__in=[Cohort.Status.CLOSED, Cohort.Status.RUNNING]
        ).order_by("number")
        for cohort in cohorts:
            w, a = _cohort(d, cohort, template, items, now)
            waves, answers = waves + w, answers + a
    return {
        "waves": waves,
        "invitations": Invitation.objects.count(),
        "responses": Response.objects.count(),
        "answers": answers,
    }
