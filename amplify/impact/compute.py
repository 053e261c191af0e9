"""Computing an indicator's figure from records: the database counts (aggregate queries per
figure, whatever the number of answers), the core's pure functions (amplify.core.indicators)
decide what may be shown, with what interval and whether a change may be claimed.

Nothing here is stored: a figure is recomputed each time it is asked for, and its `trace`
says how (JSON-ready, so a published snapshot keeps it as it was).

Filters and breakdowns describe groups of people, so both go through disclosure control: a
breakdown's group sizes get primary and complementary suppression, and a filter is refused
when its group, or the rest of the population, is small, or when its group is hidden in the
breakdown on the same attribute (two filtered reports subtracted would otherwise reveal it).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.core import cadence, disclosure
from amplify.core import indicators as core
from amplify.impact.figures import Figure, Unit
from amplify.impact.models import Indicator, IndicatorKind
from amplify.impact.tables import Table
from amplify.programmes.models import Cohort, Enrolment, Pairing
from amplify.surveys.models import Answer, Invitation, Item, ItemKind, Mode, Phase, Response, Wave

# Filters a figure may be narrowed by, and the attributes a breakdown may group by.
FILTERS = ("country", "division")
BREAKDOWNS = ("country", "division", "role")
# Answers stored as numbers (agreement 1–5, yes 1 / no 0, 0–10, a number): these can be paired.
NUMBER_KINDS = (ItemKind.AGREEMENT, ItemKind.YES_NO, ItemKind.RECOMMENDATION, ItemKind.NUMBER)
# A trace lists at most this many waves (an organisation-wide figure may span thousands).
TRACE_WAVES = 50


def unlinked_note() -> str:
    return _(
        "Answers are anonymous: no before-and-after claim is made, because nobody's two "
        "answers can be linked."
    )


def too_few_pairs_note() -> str:
    return _(
        "Fewer than 5 people answered both before and after: no before-and-after change is "
        "reported."
    )


def refused_note() -> str:
    return _(
        "This filter is refused: the group it keeps, or the group it leaves out, is too small "
        "to report on without identifying people."
    )


def applicable(cohort: Cohort) -> QuerySet[Indicator]:
    """The active indicators of the library reported for this cohort's programme."""
    return Indicator.objects.filter(active=True).filter(
        Q(programme_kind="") | Q(programme_kind=cohort.programme.kind)
    )


def cohort_figures(cohort: Cohort) -> list[Figure]:
    return [
        indicator_figure(i, cohorts=[cohort]) for i in applicable(cohort).select_related("item")
    ]


def _cohort_ids(cohorts: Iterable[Cohort] | QuerySet[Cohort]) -> Any:
    if isinstance(cohorts, QuerySet):
        return cohorts.values("pk")
    return [c.pk for c in cohorts]


def _clean_filters(filters: dict[str, Any] | None) -> dict[str, Any]:
    """Only the known filters with a value; a model instance stands for its pk."""
    out = {}
    for name in FILTERS:
        value = (filters or {}).get(name)
        if value not in (None, ""):
            out[name] = getattr(value, "pk", value)
    return out


# ---------- Populations: what each kind counts, and the fields it groups by ----------


@dataclass
class Population:
    """The records an indicator counts, the count expression, and where each filter and
    breakdown attribute lives on them."""

    records: QuerySet[Any]
    counter: Any  # an aggregate: the group size
    fields: dict[str, str]  # attribute → field path (country, division, role)
    success: Any = None  # for a share: the aggregate of the counted
    total: Any = None  # for a mean: the sum of the answers


def _survey_population(indicator: Indicator, cohort_ids: Any) -> Population:
    # An indicator without an item (refused by its form) counts nothing.
    answers = Answer.objects.filter(
        response__wave__cohort__in=cohort_ids, item_id=indicator.item_id or 0
    )
    if indicator.phase:
        answers = answers.filter(response__wave__phase=indicator.phase)
    if indicator.role:
        answers = answers.filter(response__role=indicator.role)
    item = indicator.item
    fields = {
        "country": "response__country",
        "division": "response__division",
        "role": "response__role",
    }
    respondents = Count("response", distinct=True)
    if item is not None and item.kind in (ItemKind.SINGLE, ItemKind.MULTIPLE):
        success = Q(choice__in=[str(v) for v in indicator.counted_values()])
        return Population(
            answers, respondents, fields, success=Count("response", distinct=True, filter=success)
        )
    answers = answers.exclude(number=None)
    success = Q(number__in=[float(v) for v in indicator.counted_values()])
    return Population(
        answers,
        respondents,
        fields,
        success=Count("response", distinct=True, filter=success),
        total=Sum("number"),
    )


def _population(indicator: Indicator, cohort_ids: Any) -> Population | None:
    kind = indicator.kind
    if kind in (IndicatorKind.SHARE, IndicatorKind.MEAN):
        return _survey_population(indicator, cohort_ids)
    if kind == IndicatorKind.OUTCOMES:
        from amplify.outcomes.models import Outcome, Verification

        outcomes = Outcome.objects.filter(cohort__in=cohort_ids).exclude(
            verification=Verification.REJECTED
        )
        if indicator.outcome_kind:
            outcomes = outcomes.filter(kind=indicator.outcome_kind)
        if indicator.during_programme:
            outcomes = outcomes.filter(during_programme=True)
        if indicator.role:
            # Outcomes of the people who took part in that role in the outcome's own cohort.
            outcomes = outcomes.filter(
                person__enrolments__cohort=F("cohort"), person__enrolments__role=indicator.role
            )
        fields = {"country": "person__country", "division": "person__division"}
        return Population(outcomes, Count("person", distinct=True), fields)
    if kind == IndicatorKind.PEOPLE:
        enrolments = Enrolment.objects.filter(cohort__in=cohort_ids)
        if indicator.role:
            enrolments = enrolments.filter(role=indicator.role)
        if indicator.since_year:
            enrolments = enrolments.filter(cohort__starts_on__year__gte=indicator.since_year)
        fields = {"country": "person__country", "division": "person__division", "role": "role"}
        return Population(enrolments, Count("person", distinct=True), fields)
    if kind == IndicatorKind.EXPERIMENTS:
        from amplify.experiments.models import Experiment

        experiments = Experiment.objects.filter(cohort__in=cohort_ids)
        if indicator.stage:
            experiments = experiments.filter(stage=indicator.stage)
        # One owner per experiment: a count of experiments is a count of people.
        fields = {"country": "owner__country", "division": "owner__division"}
        return Population(experiments, Count("pk"), fields)
    if kind == IndicatorKind.MEETINGS:
        pairings = Pairing.objects.filter(cohort__in=cohort_ids, kind=Pairing.Kind.MENTORING)
        fields = {"country": "mentor__country", "division": "mentor__division"}
        return Population(pairings, Count("pk"), fields)
    return None


def _narrowed(population: Population, filters: dict[str, Any]) -> QuerySet[Any]:
    records = population.records
    for name, value in filters.items():
        records = records.filter(**{population.fields[name]: value})
    return records


@dataclass(frozen=True)
class Group:
    key: Any
    label: str
    n: int  # its size (respondents, people, pairs)
    numerator: int = 0  # for a share: those counted
    total: float = 0.0  # for a mean: the sum of the answers


def _groups(population: Population, by: str) -> list[Group]:
    """The population's sizes (and, for a share or a mean, its numerators and sums) per value
    of `by`, in one grouped query."""
    path = population.fields[by]
    label_path = path if by == "role" else f"{path}__name"
    aggregates: dict[str, Any] = {"n": population.counter}
    if population.success is not None:
        aggregates["k"] = population.success
    if population.total is not None:
        aggregates["s"] = population.total
    values = [path] if by == "role" else [path, label_path]
    rows = population.records.values(*values).annotate(**aggregates).order_by()
    out = []
    role_labels = dict(Enrolment.Role.choices)
    for row in rows:
        key = row[path]
        if key is None:
            label = _("Not recorded")
        elif by == "role":
            label = str(role_labels.get(key, key))
        else:
            label = row[label_path]
        out.append(Group(key, label, row["n"], row.get("k") or 0, float(row.get("s") or 0)))
    return sorted(out, key=lambda g: (g.key is None, g.label.casefold()))


def _refused(indicator: Indicator, population: Population, filters: dict[str, Any]) -> bool:
    """Whether a filter would isolate a small group: its group or the rest is small, or its
    group is hidden in the protected breakdown on that attribute (one grouped query per
    filter)."""
    combined_total = 0
    for name, value in filters.items():
        groups = _groups(population, name)
        total = sum(g.n for g in groups)
        combined_total = total
        mine = next((g for g in groups if str(g.key) == str(value)), None)
        if mine is None:
            continue  # nobody there: an empty figure tells nothing
        if core.filter_refused(mine.n, total):
            return True
        if indicator.kind == IndicatorKind.SHARE:
            shares = core.protect_shares({str(g.key): (g.numerator, g.n) for g in groups})
            if not shares[str(mine.key)].share_shown:
                return True
        elif disclosure.protect({str(g.key): g.n for g in groups})[str(mine.key)].hidden:
            return True
    if len(filters) > 1:
        # Two filters at once: their intersection and its rest must be safe too.
        narrowed = _narrowed(population, filters).aggregate(n=population.counter)["n"] or 0
        if narrowed and core.filter_refused(narrowed, combined_total):
            return True
    return False


# ---------- Figures ----------


def _base_trace(indicator: Indicator, cohorts: Any, filters: dict[str, Any]) -> dict[str, Any]:
    return {
        "indicator": indicator.key,
        "name": indicator.name,
        "definition": indicator.definition,
        "kind": str(indicator.kind),
        "item": indicator.item.key if indicator.item is not None else "",
        "phase": str(indicator.phase),
        "role": str(indicator.role),
        "cohorts": [int(c) for c in cohorts] if not isinstance(cohorts, QuerySet) else None,
        "filters": {k: str(v) for k, v in filters.items() if v},
        "waves": [],
        "numerator": None,
        "denominator": None,
        "suppression": "none",
        "computed_at": timezone.now().isoformat(),
    }


def _hidden(indicator: Indicator, unit: str, reason: str, trace: dict[str, Any]) -> Figure:
    trace["suppression"] = reason
    if reason not in ("", "none", "no_data"):
        trace.update(numerator=None, denominator=None, n=None)
    return Figure(
        key=indicator.key,
        name=indicator.name,
        definition=indicator.definition,
        unit=unit,
        value=None,
        suppressed=reason,
        trace=trace,
    )


UNITS = {
    IndicatorKind.SHARE: Unit.PERCENT,
    IndicatorKind.MEAN: Unit.MEAN,
    IndicatorKind.MEETINGS: Unit.RATIO,
}


def indicator_figure(
    indicator: Indicator,
    *,
    cohorts: Iterable[Cohort] | QuerySet[Cohort],
    filters: dict[str, Any] | None = None,
) -> Figure:
    """The indicator's figure over these cohorts (one cohort for its report, several for a
    programme's or the organisation's), narrowed by `filters` (country, division: a pk or a
    record). A filter that would isolate a small group gives a figure suppressed "refused"
    whose trace carries the note."""
    filters = _clean_filters(filters)
    ids = _cohort_ids(cohorts)
    trace = _base_trace(indicator, ids, filters)
    unit = UNITS.get(IndicatorKind(indicator.kind), Unit.COUNT)
    population = _population(indicator, ids)
    if population is None:
        return _hidden(indicator, unit, "no_data", trace)
    if filters and _refused(indicator, population, filters):
        trace["note"] = refused_note()
        return _hidden(indicator, unit, "refused", trace)
    if indicator.kind in (IndicatorKind.SHARE, IndicatorKind.MEAN):
        return _survey_figure(indicator, ids, filters, population, trace)
    if indicator.kind == IndicatorKind.MEETINGS:
        return _meetings_figure(indicator, filters, population, trace)
    counted = {
        IndicatorKind.OUTCOMES: _("people with such an outcome"),
        IndicatorKind.PEOPLE: _("people"),
        IndicatorKind.EXPERIMENTS: _("experiments"),
    }[IndicatorKind(indicator.kind)]
    total = _narrowed(population, filters).aggregate(n=population.counter)["n"] or 0
    return _count_figure(indicator, total, trace, counted=counted)


def _count_figure(
    indicator: Indicator, total: int, trace: dict[str, Any], *, counted: str
) -> Figure:
    cell = disclosure.count(total)
    trace.update(counted=counted)
    if cell.hidden:
        return _hidden(indicator, Unit.COUNT, cell.reason, trace)
    trace.update(numerator=total, suppression="none")
    return Figure(
        key=indicator.key,
        name=indicator.name,
        definition=indicator.definition,
        unit=Unit.COUNT,
        value=float(total),
        numerator=total,
        trace=trace,
    )


def _meetings_figure(
    indicator: Indicator, filters: dict[str, Any], population: Population, trace: dict[str, Any]
) -> Figure:
    """Meetings logged up to today against those the programme's cadence expects (one per
    `every_days` from each pair's start to today, its end or its cohort's end)."""
    from amplify.meetings.models import Meeting, MeetingSettings

    pairings = _narrowed(population, filters)
    found = list(
        pairings.values(
            "started_on", "ended_on", "cohort__ends_on", "cohort__programme_id"
        ).order_by()
    )
    settings = MeetingSettings.by_programme({p["cohort__programme_id"] for p in found})
    today = timezone.localdate()
    expected = 0
    for p in found:
        pair = cadence.Pair(
            started_on=p["started_on"], ends_on=p["cohort__ends_on"], ended_on=p["ended_on"]
        )
        every = settings[p["cohort__programme_id"]].every_days
        expected += cadence.expected_meetings(
            p["started_on"], cadence.reference_day(pair, today), every
        )
    held = Meeting.objects.filter(pairing__in=pairings.values("pk"), held_on__lte=today).count()
    result = core.ratio(held, expected, group=len(found))
    trace.update(pairs=len(found), counted=_("meetings held of meetings expected"))
    if not result.shown:
        trace["pairs"] = None if result.suppressed == "small" else len(found)
        return _hidden(indicator, Unit.RATIO, result.suppressed, trace)
    trace.update(numerator=held, denominator=expected, suppression="none")
    return Figure(
        key=indicator.key,
        name=indicator.name,
        definition=indicator.definition,
        unit=Unit.RATIO,
        value=result.value,
        numerator=held,
        n=expected,
        trace=trace,
    )


def _waves(indicator: Indicator, cohort_ids: Any, phases: Iterable[str]) -> QuerySet[Wave]:
    waves = Wave.objects.filter(cohort__in=cohort_ids, phase__in=list(phases))
    if indicator.item_id:
        waves = waves.filter(questions__item_id=indicator.item_id)
    return waves


def _survey_figure(
    indicator: Indicator,
    cohort_ids: Any,
    filters: dict[str, Any],
    population: Population,
    trace: dict[str, Any],
) -> Figure:
    phases = [indicator.phase] if indicator.phase else [p for p, _ in Phase.choices]
    waves = list(
        _waves(indicator, cohort_ids, phases)
        .order_by("opens_at", "pk")
        .values("pk", "title", "phase", "mode")[: TRACE_WAVES + 1]
    )
    trace["waves"] = [
        {"id": w["pk"], "title": w["title"], "phase": w["phase"], "mode": w["mode"]}
        for w in waves[:TRACE_WAVES]
    ]
    trace["waves_truncated"] = len(waves) > TRACE_WAVES
    invited, responded = _response_rate(indicator, cohort_ids, filters)
    row = _narrowed(population, filters).aggregate(
        n=population.counter,
        **({"k": population.success} if population.success is not None else {}),
        **({"s": population.total} if population.total is not None else {}),
    )
    n, numerator, total = row["n"] or 0, row.get("k") or 0, float(row.get("s") or 0)
    trace.update(invited=invited, responded=responded)
    common: dict[str, Any] = {
        "key": indicator.key,
        "name": indicator.name,
        "definition": indicator.definition,
        "invited": invited if not disclosure.is_small(invited) else None,
        "responded": responded if not disclosure.is_small(responded) else None,
    }
    paired, note = _paired(indicator, cohort_ids, filters)
    trace["paired"] = (
        {"test": paired.test, "pairs": paired.pairs, "p_value": paired.p_value}
        if paired is not None
        else {"note": note}
    )
    if indicator.kind == IndicatorKind.MEAN:
        result = core.mean(total, n)
        unit = Unit.MEAN
    else:
        result = core.share(numerator, n)
        unit = Unit.PERCENT
        trace["counted_values"] = [_plain(v) for v in indicator.counted_values()]
    if not result.shown:
        trace["suppression"] = result.suppressed if result.suppressed != "no_data" else "none"
        if result.suppressed == "small":
            trace.update(numerator=None, denominator=None)
        else:
            trace.update(numerator=numerator if unit == Unit.PERCENT else None, denominator=n)
        return Figure(
            unit=unit,
            value=None,
            suppressed=result.suppressed,
            paired=paired,
            paired_note=note,
            trace=trace,
            **common,
        )
    trace.update(
        numerator=result.numerator,
        denominator=result.n,
        n=result.n,
        suppression="none",
    )
    return Figure(
        unit=unit,
        value=result.value,
        numerator=result.numerator,
        n=result.n,
        ci_low=result.ci_low,
        ci_high=result.ci_high,
        paired=paired,
        paired_note=note,
        trace=trace,
        **common,
    )


def _plain(value: Any) -> Any:
    return value if isinstance(value, (int, float, str)) else str(value)


def _response_rate(
    indicator: Indicator, cohort_ids: Any, filters: dict[str, Any]
) -> tuple[int, int]:
    """People asked and responses received, in the waves that asked this item."""
    responses = Response.objects.filter(wave__cohort__in=cohort_ids)
    invitations = Invitation.objects.filter(wave__cohort__in=cohort_ids)
    if indicator.phase:
        responses = responses.filter(wave__phase=indicator.phase)
        invitations = invitations.filter(wave__phase=indicator.phase)
    if indicator.role:
        responses = responses.filter(role=indicator.role)
        invitations = invitations.filter(role=indicator.role)
    for name, value in filters.items():
        responses = responses.filter(**{name: value})
        invitations = invitations.filter(**{f"person__{name}": value})
    if indicator.item_id:
        responses = responses.filter(wave__questions__item_id=indicator.item_id)
        invitations = invitations.filter(wave__questions__item_id=indicator.item_id)
    return invitations.count(), responses.count()


def _paired(indicator: Indicator, cohort_ids: Any, filters: dict[str, Any]) -> tuple[Any, str]:
    """The before-and-after test on the answers linked by pseudonym (confidential waves of
    the same cohort), aggregated in the database as counts per (before, after) answer: no
    answer is loaded with anything that could name its author. (None, note) when no claim
    is made; (None, "") when the indicator has no earlier wave to compare with."""
    item = indicator.item
    if item is None or item.kind not in NUMBER_KINDS or indicator.phase in ("", Phase.PRE):
        return None, ""
    modes = set(
        _waves(indicator, cohort_ids, [Phase.PRE, indicator.phase])
        .values_list("phase", "mode")
        .distinct()
    )
    if not any(phase == Phase.PRE for phase, _ in modes):
        return None, ""
    linkable = {phase for phase, mode in modes if mode == Mode.CONFIDENTIAL} >= {
        Phase.PRE,
        indicator.phase,
    }
    cells: dict[tuple[float, float], int] = {}
    if linkable:
        before = (
            Answer.objects.filter(
                item_id=item.pk,
                response__wave__phase=Phase.PRE,
                response__wave__mode=Mode.CONFIDENTIAL,
                response__wave__cohort=OuterRef("response__wave__cohort"),
                response__pseudonym=OuterRef("response__pseudonym"),
            )
            .exclude(number=None)
            .order_by("response__submitted_on")
            .values("number")[:1]
        )
        after = Answer.objects.filter(
            item_id=item.pk,
            response__wave__cohort__in=cohort_ids,
            response__wave__phase=indicator.phase,
            response__wave__mode=Mode.CONFIDENTIAL,
        ).exclude(Q(number=None) | Q(response__pseudonym=""))
        if indicator.role:
            after = after.filter(response__role=indicator.role)
        for name, value in filters.items():
            after = after.filter(**{f"response__{name}": value})
        rows = (
            after.annotate(before=Subquery(before))
            .exclude(before=None)
            .values("before", "number")
            .annotate(times=Count("pk"))
            .order_by()
        )
        cells = {(float(r["before"]), float(r["number"] or 0)): r["times"] for r in rows}
    counted = indicator.counted_values() if indicator.kind == IndicatorKind.SHARE else None
    result = core.paired_change(cells, counted=counted, linkable=linkable)
    if result.reason == "unlinked":
        return None, unlinked_note()
    if result.reason == "too_few_pairs":
        return None, too_few_pairs_note()
    return result.test, ""


# ---------- Breakdowns ----------


def breakdown_labels() -> dict[str, str]:
    return {"country": _("Country"), "division": _("Division"), "role": _("Role")}


def figure_breakdown(
    indicator: Indicator, *, cohorts: Iterable[Cohort] | QuerySet[Cohort], by: str
) -> Table:
    """The indicator per country, division or role: the group sizes counted in one grouped
    query, with primary and complementary suppression; a share or a mean shown only where
    its group is shown and, for a share, its split is safe."""
    if by not in BREAKDOWNS:
        raise ValueError(f"cannot break down by {by!r}")
    ids = _cohort_ids(cohorts)
    labels = breakdown_labels()
    population = _population(indicator, ids)
    size_label = {
        IndicatorKind.SHARE: _("Respondents"),
        IndicatorKind.MEAN: _("Respondents"),
        IndicatorKind.EXPERIMENTS: _("Experiments"),
        IndicatorKind.MEETINGS: _("Pairs"),
    }.get(IndicatorKind(indicator.kind), _("People"))
    table = Table(
        key=f"{indicator.key}-by-{by}",
        title=_("%(indicator)s by %(attribute)s")
        % {"indicator": indicator.name, "attribute": labels[by].lower()},
        columns=[labels[by], size_label],
        definitions=[(indicator.name, indicator.definition)],
    )
    if population is None or by not in population.fields:
        table.note = _("This figure cannot be broken down by %(attribute)s.") % {
            "attribute": labels[by].lower()
        }
        return table
    groups = _groups(population, by)
    survey = indicator.kind in (IndicatorKind.SHARE, IndicatorKind.MEAN)
    if survey:
        table.columns.append(indicator.name)
    if indicator.kind == IndicatorKind.SHARE:
        shares = core.protect_shares({g.key: (g.numerator, g.n) for g in groups})
        for g in groups:
            cell = shares[g.key]
            result = core.share(g.numerator, g.n) if cell.share_shown else None
            table.rows.append([g.label, cell.n, _group_figure(indicator, g, result, cell.n)])
    else:
        cells = disclosure.protect({g.key: g.n for g in groups})
        for g in groups:
            row: list[Any] = [g.label, cells[g.key]]
            if indicator.kind == IndicatorKind.MEAN:
                result = core.mean(g.total, g.n) if not cells[g.key].hidden else None
                row.append(_group_figure(indicator, g, result, cells[g.key]))
            table.rows.append(row)
    if any(isinstance(c, disclosure.Cell) and c.hidden for r in table.rows for c in r):
        table.note = _(
            "Groups of fewer than 5 are hidden, and so is the next smallest group, so that "
            "the total minus the others does not reveal them."
        )
    return table


def _group_figure(
    indicator: Indicator, group: Group, result: core.Result | None, size: disclosure.Cell
) -> Figure:
    unit = Unit.MEAN if indicator.kind == IndicatorKind.MEAN else Unit.PERCENT
    if result is None or not result.shown:
        reason = "no_data" if group.n == 0 else (size.reason or "complementary")
        if result is not None and result.suppressed == "small":
            reason = "small"
        return Figure(
            key=indicator.key,
            name=group.label,
            definition=indicator.definition,
            unit=unit,
            value=None,
            suppressed=reason,
        )
    return Figure(
        key=indicator.key,
        name=group.label,
        definition=indicator.definition,
        unit=unit,
        value=result.value,
        numerator=result.numerator,
        n=result.n,
        ci_low=result.ci_low,
        ci_high=result.ci_high,
    )


# ---------- Free text ----------


def free_text_answers(
    indicator_or_item: Indicator | Item, *, cohorts: Iterable[Cohort] | QuerySet[Cohort]
) -> list[str] | None:
    """The free-text answers to an item (or to an indicator's item, in its wave and among its
    role), with no respondent attached and in random order; None when fewer than 10 people
    answered it."""
    ids = _cohort_ids(cohorts)
    answers = Answer.objects.filter(response__wave__cohort__in=ids).exclude(text="")
    if isinstance(indicator_or_item, Indicator):
        if indicator_or_item.item_id is None:
            return None
        answers = answers.filter(item_id=indicator_or_item.item_id)
        if indicator_or_item.phase:
            answers = answers.filter(response__wave__phase=indicator_or_item.phase)
        if indicator_or_item.role:
            answers = answers.filter(response__role=indicator_or_item.role)
    else:
        answers = answers.filter(item_id=indicator_or_item.pk)
    respondents = answers.aggregate(n=Count("response", distinct=True))["n"] or 0
    if not core.free_text_shown(respondents):
        return None
    texts = list(answers.values_list("text", flat=True).order_by())
    # Not the order of the rows (nor of submission): that could pair a text with a person.
    random.SystemRandom().shuffle(texts)
    return texts
