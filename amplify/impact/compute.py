"""Computing an indicator's figure from records: the database counts (one aggregate query
per figure, whatever the number of answers), the core's pure functions decide what may be
shown and with what interval.

Nothing here is stored: a figure is recomputed each time it is asked for, and its `trace`
says how.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Avg, Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.core import disclosure
from amplify.core.statistics import wilson
from amplify.impact.figures import Figure, Unit
from amplify.impact.models import Indicator, IndicatorKind
from amplify.programmes.models import Cohort, Enrolment
from amplify.surveys.models import Answer, Invitation, ItemKind, Response

# Filters a figure may be narrowed by; each names the field it filters on, per record kind.
FILTERS = ("country", "division")


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


def _filtered(queryset: QuerySet[Any], filters: dict[str, Any], prefix: str = "") -> QuerySet[Any]:
    for name in FILTERS:
        if filters.get(name):
            queryset = queryset.filter(**{f"{prefix}{name}": filters[name]})
    return queryset


def _base_trace(indicator: Indicator, cohorts: Any, filters: dict[str, Any]) -> dict[str, Any]:
    return {
        "indicator": indicator.key,
        "definition": indicator.definition,
        "kind": indicator.kind,
        "item": indicator.item.key if indicator.item is not None else "",
        "phase": indicator.phase,
        "role": indicator.role,
        "cohorts": list(cohorts) if not isinstance(cohorts, QuerySet) else None,
        "filters": {k: str(v) for k, v in filters.items() if v},
        "computed_at": timezone.now().isoformat(),
    }


def indicator_figure(
    indicator: Indicator,
    *,
    cohorts: Iterable[Cohort] | QuerySet[Cohort],
    filters: dict[str, Any] | None = None,
) -> Figure:
    """The indicator's figure over these cohorts (one cohort for its report, several for a
    programme's or the organisation's), narrowed by `filters` (country, division)."""
    filters = filters or {}
    ids = _cohort_ids(cohorts)
    trace = _base_trace(indicator, ids, filters)
    if indicator.kind in (IndicatorKind.SHARE, IndicatorKind.MEAN):
        return _survey_figure(indicator, ids, filters, trace)
    if indicator.kind == IndicatorKind.OUTCOMES:
        from amplify.outcomes.models import Outcome, Verification

        outcomes = Outcome.objects.filter(cohort__in=ids).exclude(
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
        people = _filtered(outcomes, filters, "person__").values("person").distinct().count()
        return _count_figure(indicator, people, trace, counted=_("people with such an outcome"))
    if indicator.kind == IndicatorKind.PEOPLE:
        enrolments = Enrolment.objects.filter(cohort__in=ids)
        if indicator.role:
            enrolments = enrolments.filter(role=indicator.role)
        if indicator.since_year:
            enrolments = enrolments.filter(cohort__starts_on__year__gte=indicator.since_year)
        people = _filtered(enrolments, filters, "person__").values("person").distinct().count()
        return _count_figure(indicator, people, trace, counted=_("people"))
    if indicator.kind == IndicatorKind.EXPERIMENTS:
        from amplify.experiments.models import Experiment

        experiments = Experiment.objects.filter(cohort__in=ids)
        if indicator.stage:
            experiments = experiments.filter(stage=indicator.stage)
        # One owner per experiment: a count of experiments is a count of people.
        total = _filtered(experiments, filters, "owner__").count()
        return _count_figure(indicator, total, trace, counted=_("experiments"))
    return Figure(
        key=indicator.key,
        name=indicator.name,
        definition=indicator.definition,
        unit=Unit.COUNT,
        value=None,
        suppressed="no_data",
        trace=trace,
    )


def _count_figure(
    indicator: Indicator, total: int, trace: dict[str, Any], *, counted: str
) -> Figure:
    cell = disclosure.count(total)
    trace.update(
        numerator=total if not cell.hidden else None,
        counted=counted,
        suppression=cell.reason or "none",
    )
    return Figure(
        key=indicator.key,
        name=indicator.name,
        definition=indicator.definition,
        unit=Unit.COUNT,
        value=None if cell.hidden else float(total),
        numerator=None if cell.hidden else total,
        suppressed=cell.reason,
        trace=trace,
    )


def _survey_figure(
    indicator: Indicator, cohort_ids: Any, filters: dict[str, Any], trace: dict[str, Any]
) -> Figure:
    responses = Response.objects.filter(wave__cohort__in=cohort_ids)
    invitations = Invitation.objects.filter(wave__cohort__in=cohort_ids)
    if indicator.phase:
        responses = responses.filter(wave__phase=indicator.phase)
        invitations = invitations.filter(wave__phase=indicator.phase)
    if indicator.role:
        responses = responses.filter(role=indicator.role)
        invitations = invitations.filter(role=indicator.role)
    responses = _filtered(responses, filters)
    invitations = _filtered(invitations, filters, "person__")
    # Only the waves that asked this item count towards its response rate.
    if indicator.item_id:
        responses = responses.filter(wave__questions__item_id=indicator.item_id)
        invitations = invitations.filter(wave__questions__item_id=indicator.item_id)
    invited = invitations.count()
    responded = responses.count()
    answers = Answer.objects.filter(response__in=responses.values("pk"), item_id=indicator.item_id)
    item = indicator.item
    common: dict[str, Any] = {
        "key": indicator.key,
        "name": indicator.name,
        "definition": indicator.definition,
        "invited": invited if not disclosure.is_small(invited) else None,
        "responded": responded if not disclosure.is_small(responded) else None,
    }
    if indicator.kind == IndicatorKind.MEAN:
        row = answers.exclude(number=None).aggregate(n=Count("pk"), mean=Avg("number"))
        n = row["n"] or 0
        trace.update(n=n, invited=invited, responded=responded)
        if n == 0:
            return Figure(unit=Unit.MEAN, value=None, suppressed="no_data", trace=trace, **common)
        if disclosure.is_small(n):
            trace["suppression"] = "small"
            return Figure(unit=Unit.MEAN, value=None, suppressed="small", trace=trace, **common)
        trace["suppression"] = "none"
        return Figure(unit=Unit.MEAN, value=float(row["mean"]), n=n, trace=trace, **common)
    counted = indicator.counted_values()
    if item is not None and item.kind in (ItemKind.SINGLE, ItemKind.MULTIPLE):
        success = Q(choice__in=[str(v) for v in counted])
        n = answers.values("response").distinct().count()
        numerator = answers.filter(success).values("response").distinct().count()
    else:
        row = answers.exclude(number=None).aggregate(
            n=Count("pk"), k=Count("pk", filter=Q(number__in=[float(v) for v in counted]))
        )
        n, numerator = row["n"] or 0, row["k"] or 0
    trace.update(
        numerator=numerator, n=n, counted_values=counted, invited=invited, responded=responded
    )
    if n == 0:
        trace["suppression"] = "none"
        return Figure(unit=Unit.PERCENT, value=None, suppressed="no_data", trace=trace, **common)
    if not disclosure.share_shown(numerator, n):
        # 100% of 4, or 0% of 12 with 1 missing: the split itself would identify people.
        trace.update(numerator=None, n=None, suppression="small")
        return Figure(unit=Unit.PERCENT, value=None, suppressed="small", trace=trace, **common)
    interval = wilson(numerator, n)
    trace["suppression"] = "none"
    return Figure(
        unit=Unit.PERCENT,
        value=100 * numerator / n,
        numerator=numerator,
        n=n,
        ci_low=100 * interval.low,
        ci_high=100 * interval.high,
        trace=trace,
        **common,
    )
