"""The organisation roll-up: people taking part, completion, outcomes by kind, experiments by
stage and the library's indicators over programme × cohort × country × division × MILES
pillar, as `Table`s every output renders (the page, the API, the CSV and XLSX exports, a
published snapshot).

Every count is one GROUP BY in the database (`values().annotate()` with distinct and
conditional counts), so the number of queries depends on the filters and the library's size,
never on the number of people, cohorts or answers.

Disclosure, on every breakdown:
- primary and complementary suppression (`disclosure.protect_table`, `disclosure.protect`);
- a filter or drill-down whose population is a small group is refused (`Refused`), and so is
  one that leaves out a small group (the filtered roll-up subtracted from the unfiltered one
  would describe those few people);
- the differencing rule: a filtered cell is hidden when it differs from the same cell without
  one of the filters by 1 to 4 (the two shown cells subtracted would reveal a small group).

Drill-down: the organisation's rows are programmes (and MILES pillars); a programme's rows
are its cohorts; a cohort's rows are its people's countries and divisions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amplify.accounts.models import sees_every_programme
from amplify.core import disclosure
from amplify.core.disclosure import Cell
from amplify.core.statistics import wilson
from amplify.impact.figures import Figure, Unit
from amplify.impact.tables import Table, Value
from amplify.programmes.models import Cohort, Enrolment, Programme

R = Enrolment.Role
S = Enrolment.Status
ROLES = [R.PARTICIPANT, R.MENTOR, R.MENTEE, R.COACH, R.SPONSOR]
# The filters a reader narrows the roll-up by; `cohort` is the deepest drill-down.
FILTER_NAMES = ("programme", "cohort", "pillar", "country", "division", "year")
# The drill-downs: their rows are shown (and protected) at the level above, so they are not
# compared with the roll-up without them.
DRILL_DOWNS = ("programme", "cohort")
# Section providers the integrator extends (the giving ledger, the benefits register): dotted
# paths of callables `(scope: Scope) -> list[Table]`, imported when the page is built so this
# module never imports an app that is not installed.
SECTION_PROVIDERS: list[str] = [
    "amplify.giving.reports.organisation_sections",
    "amplify.benefits.reports.organisation_sections",
]


class Refused(Exception):
    """A filter or drill-down that would describe (or leave out) a small group."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Filters:
    programme: int | None = None
    cohort: int | None = None
    pillar: str = ""
    country: str = ""
    division: int | None = None
    year: int | None = None

    def active(self) -> list[str]:
        return [name for name in FILTER_NAMES if getattr(self, name)]

    def narrowing(self) -> list[str]:
        """The active filters that are not drill-downs."""
        return [name for name in self.active() if name not in DRILL_DOWNS]

    def without(self, name: str) -> Filters:
        cleared: dict[str, Any] = {name: "" if name in ("pillar", "country") else None}
        return replace(self, **cleared)

    def as_query(self) -> dict[str, str]:
        return {name: str(getattr(self, name)) for name in self.active()}


@dataclass
class Scope:
    """Who reads the roll-up and what it is narrowed to; `cohorts` is already restricted to
    what the reader may see (a manager: her own programmes)."""

    user: Any
    filters: Filters
    cohorts: QuerySet[Cohort]
    everything: bool  # an impact admin or administrator (not restricted to her programmes)

    @property
    def level(self) -> str:
        if self.filters.cohort:
            return "cohort"
        if self.filters.programme:
            return "programme"
        return "organisation"


@dataclass
class Rollup:
    scope: Scope
    tables: list[Table] = field(default_factory=list)
    # The drill-down of each table's rows: {table key: [filters of the row's drill-down or
    # None]}, in row order; the page turns them into links.
    drill: dict[str, list[dict[str, str] | None]] = field(default_factory=dict)
    population: int = 0


def sees_everything(user: Any) -> bool:
    """Impact admins and administrators (and a snapshot, user None) read every programme."""
    return user is None or sees_every_programme(user)


def visible_cohorts(user: Any) -> QuerySet[Cohort]:
    """Every cohort for an impact admin or administrator (or a snapshot, user None); the
    cohorts of her own programmes for a programme manager."""
    if sees_everything(user):
        return Cohort.objects.all()
    return Cohort.objects.filter(programme__in=Programme.objects.managed_by(user).values("pk"))


def visible_programmes(user: Any) -> QuerySet[Programme]:
    if sees_everything(user):
        return Programme.objects.all()
    return Programme.objects.filter(pk__in=Programme.objects.managed_by(user).values("pk"))


def _narrowed(cohorts: QuerySet[Cohort], filters: Filters) -> QuerySet[Cohort]:
    if filters.programme:
        cohorts = cohorts.filter(programme_id=filters.programme)
    if filters.cohort:
        cohorts = cohorts.filter(pk=filters.cohort)
    if filters.pillar:
        cohorts = cohorts.filter(programme__pillars__code=filters.pillar)
    if filters.year:
        cohorts = cohorts.filter(starts_on__year=filters.year)
    return cohorts


def scope_for(user: Any, filters: Filters | None = None) -> Scope:
    filters = filters or Filters()
    return Scope(
        user=user,
        filters=filters,
        cohorts=_narrowed(visible_cohorts(user), filters),
        everything=sees_everything(user),
    )


def _people_filter(filters: Filters, prefix: str) -> Q:
    q = Q()
    if filters.country:
        q &= Q(**{f"{prefix}country_id": filters.country})
    if filters.division:
        q &= Q(**{f"{prefix}division_id": filters.division})
    return q


def _enrolments(user: Any, filters: Filters) -> QuerySet[Enrolment]:
    cohorts = _narrowed(visible_cohorts(user), filters)
    return Enrolment.objects.filter(cohort__in=cohorts.values("pk")).filter(
        _people_filter(filters, "person__")
    )


def population(user: Any, filters: Filters) -> int:
    """The distinct people the roll-up describes: those taking part in its cohorts."""
    return (
        _enrolments(user, filters)
        .exclude(status=S.WITHDRAWN)
        .aggregate(n=Count("person", distinct=True))["n"]
    )


def check_filters(user: Any, filters: Filters) -> int:
    """The population of the filters, or `Refused` when it (or what a filter leaves out) is
    a small group. One query per active filter, plus one."""
    n = population(user, filters)
    if disclosure.isolates(n):
        raise Refused(
            _(
                "These filters describe fewer than 5 people: the roll-up is not shown for so "
                "small a group. Widen the filters."
            )
        )
    for name in filters.narrowing():
        left_out = population(user, filters.without(name)) - n
        if disclosure.isolates(left_out):
            raise Refused(
                _(
                    "This filter leaves out fewer than 5 people: compared with the roll-up "
                    "without it, it would describe them. Widen or remove it."
                )
            )
    return n


# --- Breakdowns -------------------------------------------------------------------------

# A counter: (user, filters) -> {(row key, column key): count}; labels: {row key: label}.
Counts = dict[tuple[Any, Any], int]
Counter = Callable[[Any, Filters], tuple[Counts, dict[Any, str]]]


def _row_fields(level: str, prefix: str) -> tuple[str, str]:
    """The row's key and label fields at this drill level (relative to an enrolment-like
    row whose cohort is at `prefix + "cohort"`)."""
    if level == "organisation":
        return f"{prefix}cohort__programme_id", f"{prefix}cohort__programme__name"
    return f"{prefix}cohort_id", f"{prefix}cohort__name"


def _protected(
    counter: Counter, scope: Scope, *, differencing: bool = True
) -> tuple[dict[tuple[Any, Any], Cell], dict[Any, str], Counts]:
    """The breakdown with primary and complementary suppression, and the differencing rule
    against the same breakdown without each active filter."""
    counts, labels = counter(scope.user, scope.filters)
    risky: set[tuple[Any, Any]] = set()
    if differencing:
        for name in scope.filters.narrowing():
            relaxed, _labels = counter(scope.user, scope.filters.without(name))
            risky |= {k for k, v in counts.items() if disclosure.is_small(relaxed.get(k, 0) - v)}
    # A risky cell enters suppression as a small one, so its row and column are complemented.
    marked = {k: (1 if k in risky and v else v) for k, v in counts.items()}
    cells = disclosure.protect_table(marked)
    cells = {
        k: Cell(None, "differencing") if k in risky and counts[k] and c.hidden else c
        for k, c in cells.items()
    }
    return cells, labels, counts


def _grid(
    rows: Iterable[Any], columns: Iterable[Any], counts: Counts
) -> dict[tuple[Any, Any], int]:
    """Every (row, column) cell, zero where the database returned none: suppression needs
    the zeros to know a row's lone hidden cell."""
    return {(r, c): counts.get((r, c), 0) for r in rows for c in columns}


def _people_by_role(level: str) -> Counter:
    def counter(user: Any, filters: Filters) -> tuple[Counts, dict[Any, str]]:
        key, label = _row_fields(level, "")
        found = (
            _enrolments(user, filters)
            .exclude(status=S.WITHDRAWN)
            .values(key, label, "role")
            .annotate(n=Count("person", distinct=True))
            .order_by()
        )
        labels: dict[Any, str] = {}
        counts: Counts = {}
        for row in found:
            labels[row[key]] = row[label]
            counts[(row[key], row["role"])] = row["n"]
        return _grid(labels, ROLES, counts), labels

    return counter


def _people_by_attribute(field_name: str) -> Counter:
    """A cohort's people by country or division (the cohort drill-down's rows)."""

    def counter(user: Any, filters: Filters) -> tuple[Counts, dict[Any, str]]:
        key, label = f"person__{field_name}_id", f"person__{field_name}__name"
        found = (
            _enrolments(user, filters)
            .exclude(status=S.WITHDRAWN)
            .values(key, label, "role")
            .annotate(n=Count("person", distinct=True))
            .order_by()
        )
        labels: dict[Any, str] = {}
        counts: Counts = {}
        for row in found:
            labels[row[key]] = row[label] or _("Not recorded")
            counts[(row[key], row["role"])] = row["n"]
        return _grid(labels, ROLES, counts), labels

    return counter


COMPLETION = ("completed", "withdrawn", "active")


def _completion(level: str) -> Counter:
    def counter(user: Any, filters: Filters) -> tuple[Counts, dict[Any, str]]:
        key, label = _row_fields(level, "")
        found = (
            _enrolments(user, filters)
            .values(key, label)
            .annotate(
                completed=Count("pk", filter=Q(status=S.COMPLETED)),
                withdrawn=Count("pk", filter=Q(status=S.WITHDRAWN)),
                active=Count("pk", filter=Q(status=S.ACTIVE)),
            )
            .order_by()
        )
        labels: dict[Any, str] = {}
        counts: Counts = {}
        for row in found:
            labels[row[key]] = row[label]
            for status in COMPLETION:
                counts[(row[key], status)] = row[status]
        return counts, labels

    return counter


def _outcomes(level: str) -> Counter:
    from amplify.outcomes.models import Kind, Outcome, Verification

    def counter(user: Any, filters: Filters) -> tuple[Counts, dict[Any, str]]:
        key, label = _row_fields(level, "")
        cohorts = _narrowed(visible_cohorts(user), filters)
        found = (
            Outcome.objects.filter(cohort__in=cohorts.values("pk"))
            .exclude(verification=Verification.REJECTED)
            .filter(_people_filter(filters, "person__"))
            .values(key, label, "kind")
            .annotate(n=Count("person", distinct=True))
            .order_by()
        )
        labels: dict[Any, str] = {}
        counts: Counts = {}
        for row in found:
            labels[row[key]] = row[label]
            counts[(row[key], row["kind"])] = row["n"]
        return _grid(labels, Kind.values, counts), labels

    return counter


def _experiments(level: str) -> Counter:
    from amplify.experiments.models import Experiment, Stage

    def counter(user: Any, filters: Filters) -> tuple[Counts, dict[Any, str]]:
        key, label = _row_fields(level, "")
        cohorts = _narrowed(visible_cohorts(user), filters)
        found = (
            Experiment.objects.filter(cohort__in=cohorts.values("pk"))
            .filter(_people_filter(filters, "owner__"))
            .values(key, label, "stage")
            .annotate(n=Count("pk"))
            .order_by()
        )
        labels: dict[Any, str] = {}
        counts: Counts = {}
        for row in found:
            labels[row[key]] = row[label]
            counts[(row[key], row["stage"])] = row["n"]
        return _grid(labels, Stage.values, counts), labels

    return counter


def _pillars(user: Any, filters: Filters) -> tuple[Counts, dict[Any, str]]:
    key, label = "cohort__programme__pillars__code", "cohort__programme__pillars__name"
    found = (
        _enrolments(user, filters)
        .exclude(status=S.WITHDRAWN)
        .values(key, label, "role")
        .annotate(n=Count("person", distinct=True))
        .order_by()
    )
    labels: dict[Any, str] = {}
    counts: Counts = {}
    for row in found:
        labels[row[key] or ""] = row[label] or _("No pillar")
        counts[(row[key] or "", row["role"])] = row["n"]
    return _grid(labels, ROLES, counts), labels


# --- Tables -----------------------------------------------------------------------------

ROLE_PLURALS = {
    R.PARTICIPANT: gettext_lazy("Participants"),
    R.MENTOR: gettext_lazy("Mentors"),
    R.MENTEE: gettext_lazy("Mentees"),
    R.COACH: gettext_lazy("Coaches"),
    R.SPONSOR: gettext_lazy("Executive sponsors"),
}


def _row_heading(level: str) -> str:
    return _("Programme") if level == "organisation" else _("Cohort")


def _ordered(labels: dict[Any, str]) -> list[Any]:
    return sorted(labels, key=lambda k: (str(labels[k]).casefold(), str(k)))


def _definitions_people() -> list[tuple[str, str]]:
    return [
        (
            _("People taking part"),
            _(
                "Distinct people enrolled in the row's cohorts in that role, who did not "
                "withdraw (active or completed). A person in two roles counts in each."
            ),
        ),
        (
            _("fewer than 5"),
            _(
                "A count of 1 to 4 people is hidden, and so is the next smallest cell of its "
                "row or column, so that totals cannot reveal it."
            ),
        ),
    ]


def _role_table(
    key: str,
    title: str,
    heading: str,
    cells: dict[tuple[Any, Any], Cell],
    labels: dict[Any, str],
    definitions: list[tuple[str, str]],
) -> tuple[Table, list[Any]]:
    order = _ordered(labels)
    rows: list[list[Value]] = [[labels[r], *[cells[(r, role)] for role in ROLES]] for r in order]
    table = Table(
        key=key,
        title=title,
        columns=[heading, *[str(ROLE_PLURALS[role]) for role in ROLES]],
        rows=rows,
        definitions=definitions,
    )
    return table, order


def _completion_table(scope: Scope) -> tuple[Table, list[Any]]:
    level = scope.level if scope.level != "cohort" else "programme"
    cells, labels, counts = _protected(_completion(level), scope)
    order = _ordered(labels)
    rows: list[list[Value]] = []
    for r in order:
        done, left = counts[(r, "completed")], counts[(r, "withdrawn")]
        shown = not (cells[(r, "completed")].hidden or cells[(r, "withdrawn")].hidden)
        rows.append(
            [
                labels[r],
                cells[(r, "completed")],
                cells[(r, "withdrawn")],
                cells[(r, "active")],
                _completion_figure(done, done + left, shown=shown),
            ]
        )
    table = Table(
        key="completion",
        title=_("Completion"),
        columns=[
            _row_heading(level),
            _("Completed"),
            _("Withdrew"),
            _("Still taking part"),
            _("Completion rate"),
        ],
        rows=rows,
        definitions=[
            (
                _("Completion rate"),
                _(
                    "Enrolments completed out of the enrolments that ended (completed or "
                    "withdrawn); enrolments still active are left out until they end. With "
                    "its Wilson interval at 95 percent."
                ),
            ),
            (_("Completed, Withdrew, Still taking part"), _("Enrolments, by their status.")),
        ],
    )
    return table, order


def _completion_figure(numerator: int, n: int, *, shown: bool) -> Value:
    common: dict[str, Any] = {
        "key": "completion_rate",
        "name": _("Completion rate"),
        "definition": _("Enrolments completed out of those that ended."),
        "unit": Unit.PERCENT,
    }
    if n == 0:
        return "—"  # no enrolment has ended yet: there is no rate ("no answers yet" is wrong)
    if not shown or not disclosure.share_shown(numerator, n):
        return Figure(value=None, suppressed="small", **common)
    interval = wilson(numerator, n)
    return Figure(
        value=100 * numerator / n,
        numerator=numerator,
        n=n,
        ci_low=100 * interval.low,
        ci_high=100 * interval.high,
        **common,
    )


def _kinds_table(
    key: str, title: str, scope: Scope, counter_for: Callable[[str], Counter], choices: Any
) -> tuple[Table, list[Any]]:
    level = scope.level if scope.level != "cohort" else "programme"
    cells, labels, _counts = _protected(counter_for(level), scope)
    order = _ordered(labels)
    return (
        Table(
            key=key,
            title=title,
            columns=[_row_heading(level), *[str(label) for label in choices.labels]],
            rows=[[labels[r], *[cells[(r, v)] for v in choices.values]] for r in order],
        ),
        order,
    )


def _indicators_table(scope: Scope) -> Table:
    from amplify.impact.compute import indicator_figure
    from amplify.impact.models import Indicator

    indicators = Indicator.objects.filter(active=True).select_related("item")
    if scope.filters.programme:
        kind = Programme.objects.filter(pk=scope.filters.programme).values("kind")
        indicators = indicators.filter(Q(programme_kind="") | Q(programme_kind__in=kind))
    filters = {"country": scope.filters.country, "division": scope.filters.division}
    rows: list[list[Value]] = []
    definitions = []
    for indicator in indicators:
        figure = indicator_figure(indicator, cohorts=scope.cohorts, filters=filters)
        rows.append([indicator.name, figure, figure.response_rate()])
        definitions.append((indicator.name, indicator.definition))
    return Table(
        key="indicators",
        title=_("Indicators"),
        columns=[_("Indicator"), _("Figure"), _("Response rate")],
        rows=rows,
        definitions=definitions,
    )


def _diversity_table(scope: Scope) -> Table | None:
    """Gender of the people taking part, for impact admins only, through the diversity app's
    aggregates (consented profiles; a group of fewer than five is not even named)."""
    if not getattr(scope.user, "is_impact_admin", False):
        return None
    from amplify.diversity.aggregates import consented_gender_counts

    people = (
        _enrolments(scope.user, scope.filters)
        .exclude(status=S.WITHDRAWN)
        .values_list("person_id", flat=True)
        .distinct()
    )
    shown, small = consented_gender_counts(people)
    note = _("Smaller groups exist and are not named.") if small else ""
    return Table(
        key="gender",
        title=_("Gender of the people taking part (consented diversity profiles)"),
        columns=[_("Gender"), _("People")],
        rows=[[label, Cell(n)] for label, n in shown],
        definitions=[
            (
                _("Gender"),
                _(
                    "From the diversity profiles people recorded with their consent; "
                    "“prefer not to say” and no profile are left out. Impact admins only."
                ),
            )
        ],
        note=note,
    )


def _section_tables(scope: Scope) -> list[Table]:
    tables: list[Table] = []
    for path in SECTION_PROVIDERS:
        tables.extend(import_string(path)(scope))
    return tables


def organisation_rollup(*, user: Any, filters: Filters | None = None) -> Rollup:
    """The roll-up at the filters' drill level, or `Refused`."""
    filters = filters or Filters()
    scope = scope_for(user, filters)
    rollup = Rollup(scope=scope, population=check_filters(user, filters))
    level = scope.level
    if level == "cohort":
        for attr, key, title, heading in (
            ("country", "people_by_country", _("People taking part by country"), _("Country")),
            ("division", "people_by_division", _("People taking part by division"), _("Division")),
        ):
            cells, labels, _c = _protected(_people_by_attribute(attr), scope)
            table, order = _role_table(key, title, heading, cells, labels, _definitions_people())
            rollup.tables.append(table)
            rollup.drill[key] = [None for _r in order]
    else:
        cells, labels, _c = _protected(_people_by_role(level), scope)
        table, order = _role_table(
            "people",
            _("People taking part"),
            _row_heading(level),
            cells,
            labels,
            _definitions_people(),
        )
        rollup.tables.append(table)
        drill = "programme" if level == "organisation" else "cohort"
        rollup.drill["people"] = [
            {**filters.as_query(), drill: str(r)} if r is not None else None for r in order
        ]
        if level == "organisation":
            cells, labels, _c = _protected(_pillars, scope)
            table, order = _role_table(
                "pillars",
                _("People taking part by MILES pillar"),
                _("Pillar"),
                cells,
                labels,
                [
                    *_definitions_people(),
                    (
                        _("MILES pillar"),
                        _(
                            "The pillars a programme is tagged with; a programme under two "
                            "pillars counts in each."
                        ),
                    ),
                ],
            )
            rollup.tables.append(table)
            rollup.drill["pillars"] = [
                {**filters.as_query(), "pillar": str(r)} if r else None for r in order
            ]
    from amplify.experiments.models import Stage
    from amplify.outcomes.models import Kind

    for table, _order in (
        _completion_table(scope),
        _kinds_table("outcomes", _("People with outcomes, by kind"), scope, _outcomes, Kind),
        _kinds_table("experiments", _("Experiments by stage"), scope, _experiments, Stage),
    ):
        rollup.tables.append(table)
    rollup.tables[-2].definitions = [
        (
            _("Outcomes"),
            _(
                "Distinct people with at least one outcome of that kind recorded for the row's "
                "cohorts (rejected outcomes left out)."
            ),
        )
    ]
    rollup.tables[-1].definitions = [
        (_("Experiments"), _("Experiments of the row's cohorts at each stage, one per owner."))
    ]
    rollup.tables.append(_indicators_table(scope))
    diversity = _diversity_table(scope)
    if diversity is not None:
        rollup.tables.append(diversity)
    rollup.tables.extend(_section_tables(scope))
    return rollup


# --- JSON (the API and published snapshots) ----------------------------------------------


def value_json(value: Value) -> Any:
    """A cell as JSON: a label as text; a count as {"value", "reason"} (value null when
    hidden); a figure as its `as_dict()`."""
    if isinstance(value, Figure):
        data = value.as_dict()
        data.pop("trace", None)
        return data
    if isinstance(value, Cell):
        return {"value": value.value, "reason": value.reason}
    return value


def table_json(table: Table) -> dict[str, Any]:
    return {
        "key": table.key,
        "title": table.title,
        "columns": list(table.columns),
        "rows": [[value_json(v) for v in row] for row in table.rows],
        "definitions": [{"term": t, "definition": d} for t, d in table.definitions],
        "note": table.note,
    }


def organisation_payload(
    *, user: Any = None, filters: dict[str, Any] | Filters | None = None
) -> dict[str, Any]:
    """The roll-up as JSON, for the API and for a published snapshot (user None: the whole
    organisation, without the impact admins' diversity table). Raises `Refused`."""
    parsed = filters if isinstance(filters, Filters) else filters_from(filters or {})
    rollup = organisation_rollup(user=user, filters=parsed)
    return {
        "level": rollup.scope.level,
        "filters": parsed.as_query(),
        "tables": [table_json(t) for t in rollup.tables],
    }


def filters_from(data: dict[str, Any]) -> Filters:
    """Filters from already validated values (the form's cleaned data, a snapshot's)."""

    def number(name: str) -> int | None:
        value = data.get(name)
        if value in (None, ""):
            return None
        return int(getattr(value, "pk", value))

    def text(name: str) -> str:
        value = data.get(name)
        return "" if value in (None, "") else str(getattr(value, "pk", value))

    return Filters(
        programme=number("programme"),
        cohort=number("cohort"),
        pillar=text("pillar"),
        country=text("country"),
        division=number("division"),
        year=number("year"),
    )


__all__ = [
    "SECTION_PROVIDERS",
    "Filters",
    "Refused",
    "Rollup",
    "Scope",
    "organisation_payload",
    "organisation_rollup",
]
