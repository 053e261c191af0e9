"""What a cohort's and a programme's impact report contain, as `Table`s (and the figures in
them): the one content the page, the API, the PDF and the exports render.

Every count is one aggregate query (a `values().annotate()` over the cohort), so a report
costs the same number of queries whatever the number of people, answers or outcomes; every
cell goes through amplify/core/disclosure.py (a breakdown with `protect`/`protect_table`, a
lone count with `count`), so a small group shows as "fewer than 5" everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from amplify.core import disclosure
from amplify.impact.charts import Chart, cohort_charts, programme_charts
from amplify.impact.compute import cohort_figures, indicator_figure
from amplify.impact.figures import Figure, Unit
from amplify.impact.models import Indicator
from amplify.impact.tables import Table, Value
from amplify.programmes.models import Cohort, Enrolment, Programme

# The roles whose participation a report counts (staff roles are not "taking part").
TAKING_PART = (
    Enrolment.Role.PARTICIPANT,
    Enrolment.Role.MENTOR,
    Enrolment.Role.MENTEE,
    Enrolment.Role.COACH,
    Enrolment.Role.SPONSOR,
)


@dataclass
class CohortReport:
    cohort: Cohort
    figures: list[Figure]
    indicators: Table
    outcomes: Table
    participation: Table
    activity: Table | None  # meetings (mentoring) or experiments by stage (leadership)
    charts: list[Chart] = field(default_factory=list)
    computed_at: datetime = field(default_factory=timezone.now)

    @property
    def title(self) -> str:
        return _("Impact report: %(cohort)s") % {"cohort": self.cohort.name}

    @property
    def tables(self) -> list[Table]:
        """In the order the page shows them (and the XLSX export writes its sheets)."""
        return [t for t in (self.indicators, self.outcomes, self.participation, self.activity) if t]

    def as_dict(self) -> dict[str, Any]:
        return {
            "cohort_id": self.cohort.pk,
            "title": self.title,
            "computed_at": self.computed_at.isoformat(),
            "figures": [f.as_dict() for f in self.figures],
            "tables": [table_dict(t) for t in self.tables],
        }


@dataclass
class ProgrammeReport:
    programme: Programme
    cohorts: list[Cohort]
    trend: Table  # a row per cohort, a column per indicator
    charts: list[Chart] = field(default_factory=list)
    computed_at: datetime = field(default_factory=timezone.now)

    @property
    def title(self) -> str:
        return _("Impact report: %(programme)s") % {"programme": self.programme.name}

    @property
    def tables(self) -> list[Table]:
        return [self.trend]

    def as_dict(self) -> dict[str, Any]:
        return {
            "programme": self.programme.slug,
            "title": self.title,
            "computed_at": self.computed_at.isoformat(),
            "cohorts": [{"id": c.pk, "name": c.name} for c in self.cohorts],
            "tables": [table_dict(t) for t in self.tables],
        }


def table_dict(table: Table) -> dict[str, Any]:
    """A table for the API: every cell as the reader sees it, and the figures whole."""
    return {
        "key": table.key,
        "title": table.title,
        "columns": table.columns,
        "rows": table.text_rows(),
        "figures": [
            [v.as_dict() if isinstance(v, Figure) else None for v in row] for row in table.rows
        ],
        "definitions": [list(d) for d in table.definitions],
        "note": table.note,
    }


# ---------- the cohort report ----------


def cohort_report(cohort: Cohort, *, draw: bool = True) -> CohortReport:
    """The report; with `draw=False` its charts are left to the caller (cohort_charts), so
    the PDF's build can say which stage it is in."""
    figures = cohort_figures(cohort)
    report = CohortReport(
        cohort=cohort,
        figures=figures,
        indicators=indicators_table(figures),
        outcomes=outcomes_table(cohort),
        participation=participation_table(cohort),
        activity=(
            experiments_table(cohort)
            if cohort.programme.kind == Programme.Kind.LEADERSHIP
            else meetings_table(cohort)
        ),
    )
    if draw:
        report.charts = cohort_charts(report)
    return report


def indicators_table(figures: list[Figure]) -> Table:
    return Table(
        key="indicators",
        title=_("Indicators"),
        columns=[_("Indicator"), _("Figure"), _("Response rate")],
        rows=[[f.name, f, f.response_rate()] for f in figures],
        definitions=[(f.name, f.definition) for f in figures],
    )


def outcomes_table(cohort: Cohort) -> Table:
    """People with at least one outcome of each kind during the programme (not rejected)."""
    from amplify.outcomes.models import Kind, Outcome, Verification

    counts = dict(
        Outcome.objects.filter(cohort=cohort, during_programme=True)
        .exclude(verification=Verification.REJECTED)
        .values_list("kind")
        .annotate(n=Count("person", distinct=True))
        .order_by()
    )
    # A person may have outcomes of two kinds: the cells do not add up to a total, but each
    # is still a group of people, and a breakdown: complementary suppression applies.
    cells = disclosure.protect({k.value: counts.get(k.value, 0) for k in Kind})
    return Table(
        key="outcomes",
        title=_("Outcomes by kind"),
        columns=[_("Outcome"), _("People")],
        rows=[[str(k.label), cells[k.value]] for k in Kind],
        definitions=[
            (
                _("People"),
                _(
                    "People of the cohort with at least one outcome of this kind recorded "
                    "during the programme, self-reported or confirmed (not rejected)."
                ),
            )
        ],
    )


def participation_table(cohort: Cohort) -> Table:
    """Enrolments by role and status: who is taking part, who completed, who withdrew."""
    S = Enrolment.Status
    roles = [r for r in cohort.programme.roles if r in TAKING_PART]
    counts: dict[tuple[str, str], int] = {(r.value, s.value): 0 for r in roles for s in S}
    for role, status, n in (
        Enrolment.objects.filter(cohort=cohort, role__in=[r.value for r in roles])
        .values_list("role", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[(role, status)] = n
    cells = disclosure.protect_table(counts)
    rows: list[list[Value]] = []
    for r in roles:
        total = sum(counts[(r.value, s.value)] for s in S)
        row: list[Value] = [str(r.label)]
        row += [cells[(r.value, s.value)] for s in S]
        hidden = [c for c in row[1:] if isinstance(c, disclosure.Cell) and c.hidden]
        # A row's total less its shown cells would give back a lone hidden cell.
        lone = len(hidden) == 1
        row.append(disclosure.Cell(None, "complementary") if lone else disclosure.count(total))
        rows.append(row)
    return Table(
        key="participation",
        title=_("Participation and completion by role"),
        columns=[_("Role"), *[str(s.label) for s in S], _("Enrolled")],
        rows=rows,
        definitions=[
            (_("Active"), _("Enrolled and taking part now.")),
            (_("Completed"), _("Took part until the cohort closed.")),
            (_("Withdrawn"), _("Left the cohort before its end.")),
        ],
    )


def meetings_table(cohort: Cohort) -> Table:
    """Meetings the mentoring pairs logged, and how many pairs met at all."""
    from amplify.meetings.models import Meeting
    from amplify.programmes.models import Pairing

    held = Meeting.objects.filter(pairing__cohort=cohort).aggregate(
        meetings=Count("pk"),
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
        pairs_met=Count("pairing", distinct=True),
    )
    pairs = Pairing.objects.filter(cohort=cohort, kind=Pairing.Kind.MENTORING).count()
    rows: list[list[Value]] = [
        [_("Mentoring pairs"), disclosure.count(pairs)],
        [_("Pairs that met at least once"), disclosure.count(held["pairs_met"] or 0)],
        [_("Meetings held"), disclosure.count(held["meetings"] or 0)],
        [_("Meetings confirmed by both"), disclosure.count(held["confirmed"] or 0)],
    ]
    return Table(
        key="meetings",
        title=_("Meetings held"),
        columns=[_("Meetings"), _("Number")],
        rows=rows,
        definitions=[
            (
                _("Meetings held"),
                _("Meetings a mentor or a mentee logged; confirmed ones the other confirmed too."),
            )
        ],
    )


def experiments_table(cohort: Cohort) -> Table:
    from amplify.experiments.models import Experiment, Stage

    counts = dict(
        Experiment.objects.filter(cohort=cohort)
        .values_list("stage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # One owner an experiment: a count of experiments is a count of people.
    cells = disclosure.protect({s.value: counts.get(s.value, 0) for s in Stage})
    return Table(
        key="experiments",
        title=_("Experiments by stage"),
        columns=[_("Stage"), _("Experiments")],
        rows=[[str(s.label), cells[s.value]] for s in Stage],
        definitions=[(_("Experiments"), _("Experiments of the cohort's participants."))],
    )


# ---------- the programme report ----------


def programme_indicators(programme: Programme) -> list[Indicator]:
    return list(
        Indicator.objects.filter(active=True)
        .filter(Q(programme_kind="") | Q(programme_kind=programme.kind))
        .select_related("item")
    )


def programme_report(programme: Programme) -> ProgrammeReport:
    """Each indicator's figure cohort by cohort, oldest first: the trend, with intervals.
    (A figure per indicator and cohort: its queries grow with the cohorts, not with their
    people or answers.)"""
    cohorts = list(programme.cohorts.order_by("starts_on", "pk"))
    indicators = programme_indicators(programme)
    rows: list[list[Value]] = []
    for cohort in cohorts:
        row: list[Value] = [cohort.name]
        row += [indicator_figure(i, cohorts=[cohort]) for i in indicators]
        rows.append(row)
    trend = Table(
        key="trend",
        title=_("Indicators by cohort"),
        columns=[_("Cohort"), *[i.name for i in indicators]],
        rows=rows,
        definitions=[(i.name, i.definition) for i in indicators],
    )
    report = ProgrammeReport(programme=programme, cohorts=cohorts, trend=trend)
    report.charts = programme_charts(report)
    return report


def percent_figures(figures: list[Figure]) -> list[Figure]:
    return [f for f in figures if f.unit == Unit.PERCENT]
