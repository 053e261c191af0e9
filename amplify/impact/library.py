"""The indicator library's defaults: the seed's three survey items and the figures the
programmes publish, installed by one call (the demo, a new organisation's first setup).

Installing is idempotent: an indicator or item that exists (by key) is left as it is, so an
impact admin's edits to a definition survive a second install.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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


# ---------- Editing the library ----------

EDITABLE = (
    "name",
    "definition",
    "kind",
    "programme_kind",
    "item",
    "phase",
    "role",
    "success_values",
    "outcome_kind",
    "during_programme",
    "since_year",
    "stage",
    "position",
    "active",
)
SURVEY_KINDS = (IndicatorKind.SHARE, IndicatorKind.MEAN)
# Answers a mean can average: stored as numbers on a scale.
MEAN_ITEM_KINDS = (ItemKind.AGREEMENT, ItemKind.RECOMMENDATION, ItemKind.NUMBER, ItemKind.YES_NO)


def _valid_answers(item: Item) -> list[Any] | None:
    """The answers an item can be given (None: any number in its range)."""
    if item.kind == ItemKind.AGREEMENT:
        return [1, 2, 3, 4, 5]
    if item.kind == ItemKind.YES_NO:
        return [0, 1]
    if item.kind == ItemKind.RECOMMENDATION:
        return list(range(11))
    if item.kind in (ItemKind.SINGLE, ItemKind.MULTIPLE):
        return [c.get("value") for c in item.choices if isinstance(c, dict)]
    return None


def indicator_problems(indicator: Indicator) -> dict[str, list[str]]:
    """What is wrong with an indicator's parameters for its kind, field by field."""
    from amplify.experiments.models import Stage
    from amplify.outcomes.models import Kind as OutcomeKind

    problems: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    if not indicator.definition.strip():
        add("definition", _("Write the definition: exactly what is counted and out of whom."))
    if not indicator.name.strip():
        add("name", _("Give the indicator a name."))
    if indicator.kind in SURVEY_KINDS:
        item = indicator.item
        if item is None:
            add("item", _("A survey indicator needs the item it counts."))
        if not indicator.phase:
            add("phase", _("A survey indicator needs the wave it reads (pre, post…)."))
        if item is not None and item.kind == ItemKind.TEXT:
            add("item", _("Free-text answers cannot be counted: choose another item."))
        elif item is not None and indicator.kind == IndicatorKind.MEAN:
            if item.kind not in MEAN_ITEM_KINDS:
                add("item", _("A mean needs an item answered on a scale or with a number."))
        elif item is not None:
            valid = _valid_answers(item)
            values = list(indicator.success_values or [])
            if item.kind == ItemKind.NUMBER and not values:
                add("success_values", _("Say which numbers count for a number item."))
            if valid is not None and any(v not in valid for v in values):
                add(
                    "success_values",
                    _("The counted answers must be answers of this item: %(valid)s.")
                    % {"valid": ", ".join(str(v) for v in valid)},
                )
            if not values and item.kind not in (ItemKind.AGREEMENT,):
                add("success_values", _("Say which answers count (agreement counts 4 and 5)."))
    elif indicator.item is not None:
        add("item", _("Only survey indicators (share, mean) read an item."))
    if (
        indicator.kind == IndicatorKind.OUTCOMES
        and indicator.outcome_kind not in OutcomeKind.values
    ):
        add("outcome_kind", _("Choose one of the outcome kinds."))
    if indicator.kind != IndicatorKind.OUTCOMES and indicator.outcome_kind:
        add("outcome_kind", _("Only an outcome count has an outcome kind."))
    if indicator.kind == IndicatorKind.EXPERIMENTS and indicator.stage:
        if indicator.stage not in Stage.values:
            add("stage", _("Choose one of the experiment stages."))
    elif indicator.stage:
        add("stage", _("Only an experiment count has a stage."))
    if indicator.since_year is not None and not 1990 <= indicator.since_year <= 2100:
        add("since_year", _("Give a year between 1990 and 2100."))
    return problems


@transaction.atomic
def indicator_save(
    *, by: Any, indicator: Indicator | None = None, key: str = "", **fields: Any
) -> Indicator:
    """Create an indicator (with its key) or change one (its key stays: snapshots and
    reports refer to it), after checking its parameters fit its kind."""
    if indicator is None:
        indicator = Indicator(key=key.strip())
        if Indicator.objects.filter(key=indicator.key).exists():
            raise ValidationError({"key": [_("An indicator with this key exists already.")]})
    else:
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    for name, value in fields.items():
        setattr(indicator, name, value)
    if indicator.success_values is None:
        indicator.success_values = []
    problems = indicator_problems(indicator)
    try:
        indicator.full_clean(validate_unique=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            problems.setdefault(field, []).extend(messages)
    if problems:
        raise ValidationError(problems)
    indicator._history_user = by  # type: ignore[attr-defined]
    indicator.save()
    return indicator


@transaction.atomic
def indicator_deactivate(*, indicator: Indicator, by: Any, active: bool = False) -> Indicator:
    """Take an indicator out of the reports (or back): kept for published snapshots."""
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    indicator.active = active
    indicator._history_user = by  # type: ignore[attr-defined]
    indicator.save(update_fields=["active"])
    return indicator
