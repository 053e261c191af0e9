"""The indicator library's pages (the definitions; impact admins create, edit and retire
indicators), a figure's "how this was computed" page with the impact admin's drill-down,
and published reports: their versions, one as published, and compared with today."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, permission, require, signed_in
from amplify.home.formerrors import add_service_errors
from amplify.impact import library, snapshots
from amplify.impact.compute import FILTERS, indicator_figure
from amplify.impact.forms import IndicatorForm, PublishForm
from amplify.impact.models import Indicator, IndicatorKind, Scope, Snapshot
from amplify.programmes.models import Cohort, Programme

# A drill-down lists at most this many records (the count says how many there are).
DRILL_LIMIT = 200


# ---------- The library ----------


@permission("impact.view_indicators")
def indicators(request: AuthedRequest) -> HttpResponse:
    found = Indicator.objects.select_related("item").order_by("position", "key")
    context = {
        "indicators": found,
        "may_change": request.user.has_perm("impact.change_indicators"),
    }
    return render(request, "impact/library/list.html", context)


@permission("impact.change_indicators")
def indicator_new(request: AuthedRequest) -> HttpResponse:
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            library.indicator_save(
                by=request.user, key=form.cleaned_data["key"], **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator was added to the library."))
            return redirect("impact:indicators")
    return render(request, "impact/library/form.html", {"form": form, "indicator": None})


@permission("impact.change_indicators")
def indicator_edit(request: AuthedRequest, key: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, key=key)
    form = IndicatorForm(request.POST or None, instance=Indicator.objects.get(pk=indicator.pk))
    if request.method == "POST" and form.is_valid():
        try:
            library.indicator_save(by=request.user, indicator=indicator, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator was saved."))
            return redirect("impact:indicators")
    return render(request, "impact/library/form.html", {"form": form, "indicator": indicator})


@require_POST
@permission("impact.change_indicators")
def indicator_active(request: AuthedRequest, key: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, key=key)
    active = request.POST.get("active") == "1"
    library.indicator_deactivate(indicator=indicator, by=request.user, active=active)
    if active:
        messages.success(request, _("The indicator is reported again."))
    else:
        messages.success(request, _("The indicator is no longer reported."))
    return redirect("impact:indicators")


# ---------- How this was computed ----------


def _filters(request: AuthedRequest) -> dict[str, Any]:
    """The country (a code) and division (an id) filters of the query string; anything else
    is ignored with a message rather than failing."""
    out: dict[str, Any] = {}
    country = request.GET.get("country", "").strip().upper()
    if country:
        if len(country) == 2 and country.isalpha():
            out["country"] = country
        else:
            messages.error(request, _("A country is given by its two-letter code."))
    division = request.GET.get("division", "").strip()
    if division:
        if division.isdigit() and len(division) < 10:
            out["division"] = int(division)
        else:
            messages.error(request, _("A division is given by its number."))
    return {k: v for k, v in out.items() if k in FILTERS}


def _cohort_of_query(request: AuthedRequest) -> Cohort:
    raw = request.GET.get("cohort", "")
    if not raw.isdigit() or len(raw) > 10:
        raise Http404
    return get_object_or_404(
        Cohort.objects.for_user(request.user).select_related("programme"), pk=int(raw)
    )


def drill_down(indicator: Indicator, cohort: Cohort, filters: dict[str, Any]) -> dict[str, Any]:
    """The records behind a count, for impact admins: outcome records, enrolments or
    experiments with links to their pages; for a survey figure only its waves and their
    counts (never an answer, never who gave it)."""
    from amplify.impact.compute import _narrowed, _population

    kind = indicator.kind
    if kind in (IndicatorKind.SHARE, IndicatorKind.MEAN):
        from amplify.surveys.models import Wave

        waves = Wave.objects.filter(cohort=cohort)
        if indicator.item_id:
            waves = waves.filter(questions__item_id=indicator.item_id)
        waves = waves.annotate(
            invited=Count("invitations", distinct=True),
            answered=Count("responses", distinct=True),
        ).order_by("opens_at", "pk")
        return {"waves": waves}
    population = _population(indicator, [cohort.pk])
    if population is None or kind == IndicatorKind.MEETINGS:
        return {}
    records = _narrowed(population, filters)
    if kind == IndicatorKind.OUTCOMES:
        records = records.select_related("person").order_by("-pk")
    elif kind == IndicatorKind.PEOPLE:
        records = records.select_related("person").order_by("person__name", "pk")
    else:
        records = records.select_related("owner").order_by("-pk")
    rows = list(records.distinct()[: DRILL_LIMIT + 1])
    return {"records": rows[:DRILL_LIMIT], "records_kind": kind, "more": len(rows) > DRILL_LIMIT}


@signed_in
def trace(request: AuthedRequest, key: str) -> HttpResponse:
    """A figure's definition, waves, filters, numerator and denominator, the suppression
    applied, when it was computed and the paired test; for impact admins the records."""
    cohort = _cohort_of_query(request)
    require(request.user, "impact.view_cohort_report", cohort)
    indicator = get_object_or_404(Indicator.objects.select_related("item"), key=key)
    filters = _filters(request)
    figure = indicator_figure(indicator, cohorts=[cohort], filters=filters)
    context: dict[str, Any] = {
        "indicator": indicator,
        "cohort": cohort,
        "figure": figure,
        "trace": figure.trace,
        "filters": filters,
    }
    if request.user.has_perm("impact.drill_down") and figure.suppressed != "refused":
        context["drill"] = drill_down(indicator, cohort, filters)
    return render(request, "impact/trace/trace.html", context)


# ---------- Published reports ----------


def _publish(request: AuthedRequest, **scope: Any) -> Snapshot | None:
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Keep the note under 300 characters."))
        return None
    try:
        snapshot = snapshots.snapshot_publish(
            by=request.user, note=form.cleaned_data["note"], **scope
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    messages.success(
        request, _("Published as version %(version)s.") % {"version": snapshot.version}
    )
    return snapshot


@signed_in
def cohort_snapshots(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = get_object_or_404(
        Cohort.objects.for_user(request.user).select_related("programme"), pk=pk
    )
    require(request.user, "impact.view_cohort_report", cohort)
    if request.method == "POST":
        require(request.user, "impact.publish_cohort_report", cohort)
        snapshot = _publish(request, scope=Scope.COHORT, cohort=cohort)
        if snapshot is not None:
            return redirect("impact:snapshot", snapshot.pk)
    found = Snapshot.objects.filter(scope=Scope.COHORT, cohort=cohort).select_related(
        "published_by"
    )
    context = {
        "subject": cohort.name,
        "snapshots": found,
        "form": PublishForm(),
        "may_publish": request.user.has_perm("impact.publish_cohort_report", cohort),
    }
    return render(request, "impact/snapshots/list.html", context)


@signed_in
def programme_snapshots(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.for_user(request.user), slug=slug)
    require(request.user, "impact.view_programme_report", programme)
    if request.method == "POST":
        require(request.user, "impact.publish_programme_report", programme)
        snapshot = _publish(request, scope=Scope.PROGRAMME, programme=programme)
        if snapshot is not None:
            return redirect("impact:snapshot", snapshot.pk)
    found = Snapshot.objects.filter(scope=Scope.PROGRAMME, programme=programme).select_related(
        "published_by"
    )
    context = {
        "subject": programme.name,
        "snapshots": found,
        "form": PublishForm(),
        "may_publish": request.user.has_perm("impact.publish_programme_report", programme),
    }
    return render(request, "impact/snapshots/list.html", context)


def _snapshot(request: AuthedRequest, pk: int) -> Snapshot:
    snapshot = get_object_or_404(
        Snapshot.objects.for_user(request.user).select_related(
            "cohort__programme", "programme", "published_by"
        ),
        pk=pk,
    )
    if snapshot.scope == Scope.COHORT:
        require(request.user, "impact.view_cohort_report", snapshot.cohort)
    elif snapshot.scope == Scope.PROGRAMME:
        require(request.user, "impact.view_programme_report", snapshot.programme)
    else:
        require(request.user, "impact.publish_organisation")
    return snapshot


def suppression_labels() -> dict[str, str]:
    return {
        "none": _("None"),
        "": _("None"),
        "small": _("Fewer than 5"),
        "complementary": _("Hidden to protect a small group"),
        "refused": _("Filter refused"),
        "no_data": _("No answers yet"),
    }


def _versions_url(snapshot: Snapshot) -> str:
    if snapshot.scope == Scope.COHORT and snapshot.cohort_id:
        return reverse("impact:cohort-snapshots", args=[snapshot.cohort_id])
    if snapshot.scope == Scope.PROGRAMME and snapshot.programme is not None:
        return reverse("impact:programme-snapshots", args=[snapshot.programme.slug])
    return ""


@signed_in
def snapshot_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    snapshot = _snapshot(request, pk)
    labels = suppression_labels()
    figures = [
        dict(f, suppression_label=labels.get((f.get("trace") or {}).get("suppression", ""), ""))
        for f in snapshot.payload.get("figures", [])
    ]
    context = {
        "snapshot": snapshot,
        "figures": figures,
        "definitions": snapshot.payload.get("indicators", []),
        "versions_url": _versions_url(snapshot),
    }
    return render(request, "impact/snapshots/detail.html", context)


@signed_in
def snapshot_compare(request: AuthedRequest, pk: int) -> HttpResponse:
    snapshot = _snapshot(request, pk)
    context = {
        "snapshot": snapshot,
        "rows": snapshots.snapshot_compare(snapshot),
        "versions_url": _versions_url(snapshot),
    }
    return render(request, "impact/snapshots/compare.html", context)


urlpatterns = [
    path("indicators/", indicators, name="indicators"),
    path("indicators/new/", indicator_new, name="indicator-new"),
    path("indicators/<slug:key>/", indicator_edit, name="indicator-edit"),
    path("indicators/<slug:key>/active/", indicator_active, name="indicator-active"),
    path("trace/<slug:key>/", trace, name="trace"),
    path("cohorts/<int:pk>/snapshots/", cohort_snapshots, name="cohort-snapshots"),
    path("programmes/<slug:slug>/snapshots/", programme_snapshots, name="programme-snapshots"),
    path("snapshots/<int:pk>/", snapshot_detail, name="snapshot"),
    path("snapshots/<int:pk>/compare/", snapshot_compare, name="snapshot-compare"),
]
