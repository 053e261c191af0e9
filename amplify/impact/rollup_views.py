"""The organisation roll-up page and its CSV and XLSX downloads (`?format=csv|xlsx`, one
table with `&table=<key>`): impact admins and administrators see every programme, programme
managers their own programmes' rows."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from amplify.accounts.access import AuthedRequest, permission
from amplify.impact import exports, rollup
from amplify.impact.rollup_forms import RollupFilterForm
from amplify.impact.tables import Table
from amplify.programmes.models import Cohort, Programme


@permission("impact.view_organisation")
def organisation(request: AuthedRequest) -> HttpResponse:
    form = RollupFilterForm(request.GET or None, user=request.user)
    fmt = request.GET.get("format", "")
    context: dict[str, object] = {"form": form, "refused": "", "tables": []}
    if request.GET and not form.is_valid():
        context["refused"] = form.error_text()
        return _refused(request, context, fmt)
    filters = form.filters() if form.is_bound else rollup.Filters()
    try:
        result = rollup.organisation_rollup(user=request.user, filters=filters)
    except rollup.Refused as refusal:
        context["refused"] = refusal.message
        return _refused(request, context, fmt)
    if fmt in exports.FORMATS:
        key = request.GET.get("table", "")
        tables = [t for t in result.tables if t.key == key] if key else result.tables
        if not tables:
            return HttpResponse(_("There is no such table."), status=404, content_type="text/plain")
        return exports.table_response(
            tables,
            fmt=fmt,
            filename=exports.export_filename(key or "organisation", today=timezone.localdate()),
        )
    query = filters.as_query()
    context.update(
        level=result.scope.level,
        population=result.population,
        crumbs=_crumbs(filters),
        tables=[_shown(t, result.drill.get(t.key), query) for t in result.tables],
        query=urlencode(query),
        filtered=bool(query),
    )
    return render(request, "impact/rollup/organisation.html", context)


def _refused(request: AuthedRequest, context: dict[str, object], fmt: str) -> HttpResponse:
    if fmt:
        return HttpResponse(str(context["refused"]), status=422, content_type="text/plain")
    return render(request, "impact/rollup/organisation.html", context)


def _shown(
    table: Table, drill: list[dict[str, str] | None] | None, query: dict[str, str]
) -> dict[str, object]:
    """A table as the template walks it: each row's link (its drill-down) and cells' text."""
    links = drill or [None] * len(table.rows)
    rows = []
    for link, row, texts in zip(links, table.rows, table.text_rows(), strict=False):
        rows.append(
            {
                "link": "?" + urlencode(link) if link else "",
                "label": texts[0],
                "cells": [
                    {"text": t, "hidden": getattr(v, "hidden", False)}
                    for v, t in zip(row[1:], texts[1:], strict=True)
                ],
            }
        )
    downloads = {
        fmt: "?" + urlencode({**query, "table": table.key, "format": fmt})
        for fmt in exports.FORMATS
    }
    return {"table": table, "rows": rows, "downloads": downloads}


def _crumbs(filters: rollup.Filters) -> list[tuple[str, str]]:
    """(label, link) from the organisation down to the drill level (the last without link)."""
    crumbs: list[tuple[str, str]] = [(_("Organisation"), "?")]
    if filters.programme:
        programme = Programme.objects.filter(pk=filters.programme).values_list("name", flat=True)
        crumbs.append((programme.first() or "", "?" + urlencode({"programme": filters.programme})))
    if filters.cohort:
        cohort = Cohort.objects.filter(pk=filters.cohort).values_list("name", flat=True)
        crumbs.append((cohort.first() or "", ""))
    crumbs[-1] = (crumbs[-1][0], "")
    return crumbs


urlpatterns: list[URLPattern] = [
    path("", organisation, name="organisation"),
]
