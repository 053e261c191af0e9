"""The reports' charts: server-side SVG (pygal), one string per chart that the page and the
PDF both show, so what a manager sees on screen is what she prints.

Each SVG has no script (pygal's own config script is removed too), a `<title>` and `<desc>`,
a stable id, the product's colours and fonts WeasyPrint has (DejaVu, Noto). The page shows
it as an `<img>` with a data URI: an SVG's `<style>` inline in the page would break the
Content-Security-Policy (style-src 'self'); as an image it is its own document. The numbers
of every chart are in the table beside it, and a hidden figure is never drawn: the chart
says which were left out ("fewer than 5").
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

from amplify.core.disclosure import Cell
from amplify.impact.figures import Figure, Unit
from amplify.impact.tables import Table, cell_text

if TYPE_CHECKING:
    from amplify.impact.reports import CohortReport, ProgrammeReport

# amplify/static/amplify/app.css: --brand, --accent, --ok, --info, --warn, --bad, --brand-2.
COLOURS = ("#5a3ff2", "#ff6a4d", "#0e7553", "#1f62c9", "#a35c00", "#c0273d", "#7b64ff")
INK, MUTED, LINE = "#17142b", "#6b6884", "#e6e4ef"
FONTS = "'DejaVu Sans', 'Noto Sans', 'Noto Sans CJK JP', sans-serif"

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground=INK,
    foreground_strong=INK,
    foreground_subtle=LINE,
    opacity="0.9",
    opacity_hover="0.9",
    transition="none",
    colors=COLOURS,
    font_family=FONTS,
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=13,
    value_label_font_size=13,
    title_font_size=16,
    legend_font_size=13,
    guide_stroke_color=LINE,
    major_guide_stroke_color=LINE,
)

COMMON: dict[str, Any] = {
    "style": STYLE,
    "js": [],  # no JavaScript: the tooltips would need it, the PDF cannot run it
    "disable_xml_declaration": True,
    "width": 800,
    "height": 400,
    "truncate_label": -1,
    "truncate_legend": -1,
    "show_legend": False,
    "margin": 16,
    "print_values": True,
    "print_values_position": "top",
}


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str  # what the chart shows, in words (its alt text and its <desc>)
    svg: str
    note: str = ""  # e.g. which figures were left out as fewer than 5
    table: str = ""  # the key of the table whose numbers it draws (shown beside it)

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def _options(**overrides: Any) -> dict[str, Any]:
    return {**COMMON, **overrides}


def _svg(chart: Any, *, key: str, title: str, description: str) -> str:
    svg = str(chart.render(is_unicode=True))
    # pygal writes a config script even with js=[], comments with the date, and a random id:
    # out with them, so the same figures give the same bytes (and no script anywhere).
    svg = re.sub(r"<script\b.*?</script>", "", svg, flags=re.S)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    svg = svg.replace(str(chart.uuid), f"impact-{key}")
    head_end = svg.index(">") + 1
    labels = (
        f'<title id="impact-{key}-title">{escape(title)}</title>'
        f'<desc id="impact-{key}-desc">{escape(description)}</desc>'
    )
    opening = svg[:head_end].replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="impact-{key}-title impact-{key}-desc" ',
        1,
    )
    return opening + labels + svg[head_end:]


def _left_out(names: list[str]) -> str:
    if not names:
        return ""
    return _("Not drawn (fewer than 5 or no answers yet): %(names)s.") % {"names": "; ".join(names)}


def _percent(value: float) -> str:
    return f"{value:.0f}%"


def _whole(value: float) -> str:
    return f"{value:.0f}"


PERCENT_TICKS = [0, 20, 40, 60, 80, 100]


def share_chart(figures: list[Figure], *, key: str = "shares") -> Chart | None:
    """The cohort's share indicators as horizontal bars, each with its 95% interval."""
    shares = [f for f in figures if f.unit == Unit.PERCENT]
    if not shares:
        return None
    # pygal draws the first bar at the bottom: reversed, the chart reads like the table.
    shown = [f for f in shares if not f.hidden and f.value is not None][::-1]
    title = _("Indicators (share of respondents, with intervals at 95%)")
    chart = pygal.HorizontalBar(
        **_options(
            range=(0, 100),
            y_labels=PERCENT_TICKS,
            height=max(160, 70 + 60 * len(shown)),
            value_formatter=_percent,
            title=title,
        )
    )
    chart.x_labels = [f.name for f in shown]
    chart.add(
        _("Share"),
        [
            {"value": f.value, "ci": {"low": f.ci_low, "high": f.ci_high}}
            if f.ci_low is not None
            else f.value
            for f in shown
        ],
    )
    description = "; ".join(f"{f.name}: {f.display()}" for f in shares)
    return Chart(
        key=key,
        title=title,
        description=description,
        svg=_svg(chart, key=key, title=title, description=description),
        note=_left_out([f.name for f in shares if f.hidden]),
        table="indicators",
    )


def counts_chart(table: Table, *, key: str, title: str, column: int = 1) -> Chart | None:
    """A breakdown table (label, count) as horizontal bars; hidden cells are not drawn."""
    rows = [(str(row[0]), row[column]) for row in table.rows if isinstance(row[column], Cell)]
    if not rows:
        return None
    shown = [(label, c.value) for label, c in rows if isinstance(c, Cell) and c.value][::-1]
    hidden = [label for label, c in rows if isinstance(c, Cell) and c.hidden]
    if not shown:
        return None  # nothing to draw: the table says zero (or fewer than 5)
    chart = pygal.HorizontalBar(
        **_options(height=max(160, 70 + 45 * len(shown)), title=title, value_formatter=_whole)
    )
    chart.x_labels = [label for label, _n in shown]
    chart.add(title, [n for _label, n in shown])
    description = "; ".join(f"{label}: {cell_text(c)}" for label, c in rows)
    return Chart(
        key=key,
        title=title,
        description=description,
        svg=_svg(chart, key=key, title=title, description=description),
        note=_left_out(hidden),
        table=table.key,
    )


def participation_chart(table: Table, *, key: str = "participation") -> Chart | None:
    """Enrolments by role, stacked by status (active, completed, withdrawn)."""
    drawn = [c for row in table.rows for c in row[1:-1] if isinstance(c, Cell) and c.value]
    if not drawn:
        return None  # nothing to draw: the table says zero (or fewer than 5)
    statuses = table.columns[1:-1]
    title = table.title
    chart = pygal.StackedBar(
        **_options(
            show_legend=True,
            print_values=False,
            legend_at_bottom=True,
            title=title,
            value_formatter=_whole,
        )
    )
    chart.x_labels = [str(row[0]) for row in table.rows]
    hidden: list[str] = []
    for i, status in enumerate(statuses, start=1):
        values: list[int | None] = []
        for row in table.rows:
            cell = row[i]
            if isinstance(cell, Cell) and cell.hidden:
                hidden.append(f"{row[0]} ({status.lower()})")
                values.append(None)
            else:
                values.append(cell.value if isinstance(cell, Cell) else None)
        chart.add(status, values)
    description = "; ".join(
        f"{row[0]}: " + ", ".join(f"{s} {t}" for s, t in zip(statuses, text[1:-1], strict=True))
        for row, text in zip(table.rows, table.text_rows(), strict=True)
    )
    return Chart(
        key=key,
        title=title,
        description=description,
        svg=_svg(chart, key=key, title=title, description=description),
        note=_left_out(hidden),
        table=table.key,
    )


def trend_chart(table: Table, *, key: str = "trend") -> Chart | None:
    """Each share indicator cohort by cohort (a line each), with its 95% interval as error
    bars; a hidden figure leaves a gap in its line."""
    columns = [
        i
        for i in range(1, len(table.columns))
        if any(isinstance(r[i], Figure) and r[i].unit == Unit.PERCENT for r in table.rows)  # type: ignore[union-attr]
    ]
    if not columns or not table.rows:
        return None
    title = _("Indicators by cohort (share of respondents, with intervals at 95%)")
    chart = pygal.Line(
        **_options(
            show_legend=True,
            print_values=False,
            legend_at_bottom=True,
            legend_at_bottom_columns=1,
            range=(0, 100),
            y_labels=PERCENT_TICKS,
            title=title,
            value_formatter=_percent,
            x_label_rotation=20 if len(table.rows) > 4 else 0,
            height=480,
        )
    )
    chart.x_labels = [str(r[0]) for r in table.rows]
    hidden: list[str] = []
    lines: list[str] = []
    for i in columns:
        values: list[Any] = []
        for row in table.rows:
            figure = row[i]
            if not isinstance(figure, Figure) or figure.hidden:
                values.append(None)
                hidden.append(f"{table.columns[i]}, {row[0]}")
            elif figure.ci_low is not None:
                values.append(
                    {"value": figure.value, "ci": {"low": figure.ci_low, "high": figure.ci_high}}
                )
            else:
                values.append(figure.value)
        chart.add(table.columns[i], values)
        lines.append(
            f"{table.columns[i]}: "
            + ", ".join(
                f"{row[0]} {row[i].display() if isinstance(row[i], Figure) else ''}"  # type: ignore[union-attr]
                for row in table.rows
            )
        )
    description = "; ".join(lines)
    return Chart(
        key=key,
        title=title,
        description=description,
        svg=_svg(chart, key=key, title=title, description=description),
        note=_left_out(hidden),
        table=table.key,
    )


def cohort_charts(report: CohortReport) -> list[Chart]:
    charts = [
        share_chart(report.figures),
        counts_chart(report.outcomes, key="outcomes", title=report.outcomes.title),
        participation_chart(report.participation),
    ]
    if report.activity is not None:
        charts.append(
            counts_chart(report.activity, key=report.activity.key, title=report.activity.title)
        )
    return [c for c in charts if c is not None]


def programme_charts(report: ProgrammeReport) -> list[Chart]:
    chart = trend_chart(report.trend)
    return [chart] if chart else []
