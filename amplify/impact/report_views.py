"""The cohort and programme impact reports: the cohort's "Impact" tab, its PDF (queued,
its progress polled by htmx, downloaded, retried) and the programme's report across its
cohorts. Who: the cohort's or programme's managers, impact admins and administrators
(amplify/impact/rules.py); a cohort or programme one may not see is a 404, one one may see
but not report on a 403."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amplify.accounts.access import AuthedRequest, require, signed_in
from amplify.impact import exports, pdf
from amplify.impact.models import BuildStatus, ReportPDF
from amplify.impact.reports import cohort_report, programme_report
from amplify.programmes.models import Cohort, Programme
from amplify.programmes.views import cohort_tabs_context, visible_cohort


def report_cohort(request: AuthedRequest, pk: int) -> Cohort:
    cohort = visible_cohort(request, pk)
    require(request.user, "impact.view_cohort_report", cohort)
    return cohort


def report_build(request: AuthedRequest, pk: int) -> ReportPDF:
    build = get_object_or_404(
        ReportPDF.objects.filter(
            cohort__in=Cohort.objects.for_user(request.user).values("pk")
        ).select_related("cohort", "cohort__programme"),
        pk=pk,
    )
    require(request.user, "impact.view_cohort_report", build.cohort)
    pdf.report_pdf_fail_if_stale(build)
    return build


def latest_build(cohort: Cohort) -> ReportPDF | None:
    language = translation.get_language() or "en"
    return ReportPDF.objects.filter(cohort=cohort, language=language).first()


def trace_url(figure: Any, cohort: Cohort) -> str:
    """The figure's "how this was computed" page, once the trace work provides it."""
    try:
        return reverse("impact:trace", args=[figure.key]) + f"?cohort={cohort.pk}"
    except NoReverseMatch:
        return ""


def export_urls(scope: str, key: Any) -> dict[str, str]:
    """The "Download XLSX / CSV" links of a report (amplify/impact/exports.py), once the
    export views exist; the integrator names them here and nowhere else."""
    urls: dict[str, str] = {}
    for fmt in ("xlsx", "csv"):
        with suppress(NoReverseMatch):
            urls[fmt] = reverse(f"impact:{scope}-report-export", args=[key]) + f"?format={fmt}"
    return urls


@signed_in
def cohort_report_page(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = report_cohort(request, pk)
    report = cohort_report(cohort)
    context = {
        **cohort_tabs_context(request, cohort, "impact"),
        "report": report,
        "build": latest_build(cohort),
        "figures": [(f, trace_url(f, cohort)) for f in report.figures],
        "exports": export_urls("cohort", cohort.pk),
    }
    return render(request, "impact/report/cohort.html", context)


@require_POST
@signed_in
def cohort_pdf_queue(request: AuthedRequest, pk: int) -> HttpResponse:
    cohort = report_cohort(request, pk)
    pdf.report_pdf_queue(cohort=cohort, requested_by=request.user)
    messages.success(request, _("The PDF is being built; this page shows its progress."))
    return redirect(reverse("impact:cohort-report", args=[cohort.pk]) + "#report-pdf")


@signed_in
def report_pdf_status(request: AuthedRequest, pk: int) -> HttpResponse:
    """The build's panel, polled by htmx while it waits or builds."""
    build = report_build(request, pk)
    if not request.htmx:
        return redirect(reverse("impact:cohort-report", args=[build.cohort_id]) + "#report-pdf")
    return render(request, "impact/report/_pdf.html", {"build": build, "cohort": build.cohort})


@signed_in
def report_pdf_download(request: AuthedRequest, pk: int) -> HttpResponse:
    build = report_build(request, pk)
    if build.status != BuildStatus.READY or not build.pdf:
        raise Http404
    response: Any = FileResponse(
        build.pdf.open("rb"),
        as_attachment=True,
        filename=f"impact-report-{build.cohort.name}.pdf".replace("/", "-"),
        content_type="application/pdf",
    )
    return response


@require_POST
@signed_in
def report_pdf_retry(request: AuthedRequest, pk: int) -> HttpResponse:
    build = report_build(request, pk)
    try:
        pdf.report_pdf_retry(build=build, requested_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("impact:cohort-report", args=[build.cohort_id]) + "#report-pdf")


@signed_in
def programme_report_page(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.for_user(request.user), slug=slug)
    require(request.user, "impact.view_programme_report", programme)
    report = programme_report(programme)
    return render(
        request,
        "impact/report/programme.html",
        {"programme": programme, "report": report, "exports": export_urls("programme", slug)},
    )


def _export(tables: list[Any], fmt: str, key: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        return HttpResponse(
            _("Choose a format: csv or xlsx."), status=400, content_type="text/plain"
        )
    filename = exports.export_filename(key, today=timezone.localdate())
    return exports.table_response(tables, fmt=fmt, filename=filename)


@signed_in
def cohort_report_export(request: AuthedRequest, pk: int) -> HttpResponse:
    """The report's tables as CSV or XLSX, suppressed exactly as the page shows them."""
    cohort = report_cohort(request, pk)
    report = cohort_report(cohort, draw=False)
    return _export(report.tables, request.GET.get("format", ""), f"cohort-{cohort.pk}-impact")


@signed_in
def programme_report_export(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.for_user(request.user), slug=slug)
    require(request.user, "impact.view_programme_report", programme)
    report = programme_report(programme)
    return _export(report.tables, request.GET.get("format", ""), f"{slug}-impact")


urlpatterns: list[URLPattern] = [
    path("cohorts/<int:pk>/", cohort_report_page, name="cohort-report"),
    path("cohorts/<int:pk>/pdfs/", cohort_pdf_queue, name="cohort-report-pdf"),
    path("report-pdfs/<int:pk>/", report_pdf_status, name="report-pdf"),
    path("report-pdfs/<int:pk>/download/", report_pdf_download, name="report-pdf-download"),
    path("report-pdfs/<int:pk>/retry/", report_pdf_retry, name="report-pdf-retry"),
    path("programmes/<slug:slug>/", programme_report_page, name="programme-report"),
    path("cohorts/<int:pk>/export/", cohort_report_export, name="cohort-report-export"),
    path("programmes/<slug:slug>/export/", programme_report_export, name="programme-report-export"),
]
