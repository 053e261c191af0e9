"""Reading experiments in bulk: a cohort's board (by stage, filtered by region, country,
division and theme) and the programme's portfolio across cohorts. Both cost the same number
of queries however many experiments there are (a column shows its first COLUMN_SHOWN)."""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from amplify.core.privacy import suppress
from amplify.experiments.models import STAGE_ORDER, Decision, Experiment, Theme
from amplify.people.models import Country, Division, Region
from amplify.programmes.models import Cohort, Programme

COLUMN_SHOWN = 20
# One stage opened on its own ("and 35 more"): the whole column, up to a page's worth.
STAGE_SHOWN = 500
FILTERS = ("region", "country", "division", "theme")


def board_filters(params: Any) -> dict[str, str]:
    """The chosen filters from the query string, each a code or id or empty."""
    chosen = {k: str(params.get(k) or "").strip()[:40] for k in FILTERS}
    if chosen["theme"] not in Theme.values:
        chosen["theme"] = ""
    if not chosen["division"].isdigit():
        chosen["division"] = ""
    if not (
        chosen["region"].replace("-", "").replace("_", "").isalnum() and len(chosen["region"]) <= 8
    ):
        chosen["region"] = ""
    if not (len(chosen["country"]) == 2 and chosen["country"].isalpha()):
        chosen["country"] = ""
    return chosen


def filtered(cohort: Cohort, chosen: dict[str, str]) -> Any:
    found = Experiment.objects.filter(cohort=cohort)
    if chosen["region"]:
        found = found.filter(country__region_id=chosen["region"])
    if chosen["country"]:
        found = found.filter(country_id=chosen["country"].upper())
    if chosen["division"]:
        found = found.filter(division_id=int(chosen["division"]))
    if chosen["theme"]:
        # The themes are a JSON list of codes: each is stored as "code" (with its quotes).
        found = found.filter(themes__icontains=f'"{chosen["theme"]}"')
    return found


def board(cohort: Cohort, params: Any) -> dict[str, Any]:
    chosen = board_filters(params)
    found = filtered(cohort, chosen)
    counts = dict(found.values_list("stage").annotate(n=Count("pk")).order_by())
    opened = str(params.get("stage") or "")
    stages = [s for s in STAGE_ORDER if s.value == opened] or list(STAGE_ORDER)
    cap = STAGE_SHOWN if len(stages) == 1 else COLUMN_SHOWN
    columns = []
    for stage in stages:
        shown = list(found.filter(stage=stage).for_board().order_by("owner__name", "pk")[:cap])
        n = counts.get(stage.value, 0)
        columns.append(
            {
                "stage": stage.value,
                "label": stage.label,
                "count": n,
                "shown": shown,
                "more": n - len(shown),
                "more_query": urlencode(
                    {**{k: v for k, v in chosen.items() if v}, "stage": stage.value}
                ),
            }
        )
    in_cohort = Experiment.objects.filter(cohort=cohort)
    return {
        # Each card links to its experiment: the address built once, not once a card.
        "detail_base": reverse("experiments:detail", args=[0]).removesuffix("0/"),
        "chosen": chosen,
        "opened": stages[0].value if len(stages) == 1 else "",
        "columns": columns,
        "total": sum(counts.values()),
        "regions": Region.objects.filter(pk__in=in_cohort.values("country__region_id")).order_by(
            "name"
        ),
        "countries": Country.objects.filter(pk__in=in_cohort.values("country_id")).order_by("name"),
        "divisions": Division.objects.filter(pk__in=in_cohort.values("division_id")).order_by(
            "name"
        ),
        "themes": Theme.choices,
    }


def portfolio(programme: Programme) -> dict[str, Any]:
    """Per cohort: how many experiments, by stage, by decision and by theme. Counts of
    people's experiments below five are shown as such (k ≥ 5), never as a number."""
    cohorts = list(Cohort.objects.filter(programme=programme).order_by("-starts_on", "pk"))
    rows = Experiment.objects.filter(cohort__programme=programme).values_list(
        "cohort_id", "stage", "decision", "themes"
    )
    stages: dict[int, Counter[str]] = {c.pk: Counter() for c in cohorts}
    decisions: dict[int, Counter[str]] = {c.pk: Counter() for c in cohorts}
    themes: dict[int, Counter[str]] = {c.pk: Counter() for c in cohorts}
    for cohort_id, stage, decision, theme_list in rows.iterator():
        stages[cohort_id][stage] += 1
        if decision:
            decisions[cohort_id][decision] += 1
        for t in theme_list or []:
            themes[cohort_id][t] += 1
    table = []
    for c in cohorts:
        total = sum(stages[c.pk].values())
        table.append(
            {
                "cohort": c,
                "total": suppress(total),
                "stages": [suppress(stages[c.pk][s.value]) for s in STAGE_ORDER],
                "decisions": [suppress(decisions[c.pk][d.value]) for d in Decision],
                "themes": [suppress(themes[c.pk][t.value]) for t in Theme],
            }
        )
    return {
        "rows": table,
        "stage_labels": [s.label for s in STAGE_ORDER],
        "decision_labels": [d.label for d in Decision],
        "theme_labels": [t.label for t in Theme],
    }
