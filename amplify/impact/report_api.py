"""The reports in the API: a cohort's and a programme's report (figures and tables, as the
page shows them, suppression included), and the cohort report's PDF (queue it, poll it,
download it). The endpoints call what the pages call."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status

from amplify.accounts.access import AuthedRequest, require
from amplify.apischema import ERROR_CODES, ErrorOut, IdPath, SlugPath, access
from amplify.impact import pdf
from amplify.impact.models import BuildStatus, ReportPDF
from amplify.impact.reports import cohort_report, programme_report
from amplify.programmes.models import Cohort, Programme

router = Router(tags=["Impact reports"])
COHORT_READERS = (
    "the cohort's managers, impact admins and administrators; 403 for others who see the "
    "cohort, 404 for anyone else"
)


class ReportOut(Schema):
    title: str
    computed_at: str
    figures: list[dict[str, Any]] = Field(default_factory=list)
    tables: list[dict[str, Any]]
    cohorts: list[dict[str, Any]] = Field(default_factory=list)


class ReportPDFOut(Schema):
    id: int
    cohort_id: int
    language: str
    status: str
    stage: str
    progress: int
    failure: str
    requested_at: datetime
    finished_at: datetime | None
    download_url: str | None = Field(None, description="set once the PDF is ready")

    @staticmethod
    def resolve_download_url(obj: ReportPDF) -> str | None:
        if obj.status != BuildStatus.READY:
            return None
        return f"/api/impact/report-pdfs/{obj.pk}/pdf"


def _cohort(request: AuthedRequest, cohort_id: int) -> Cohort:
    cohort = get_object_or_404(
        Cohort.objects.for_user(request.user).select_related("programme"), pk=cohort_id
    )
    require(request.user, "impact.view_cohort_report", cohort)
    return cohort


def _build(request: AuthedRequest, build_id: int) -> ReportPDF:
    build = get_object_or_404(
        ReportPDF.objects.filter(
            cohort__in=Cohort.objects.for_user(request.user).values("pk")
        ).select_related("cohort"),
        pk=build_id,
    )
    require(request.user, "impact.view_cohort_report", build.cohort)
    pdf.report_pdf_fail_if_stale(build)
    return build


@router.get(
    "/cohorts/{cohort_id}/report",
    response={200: ReportOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_READERS),
)
def get_cohort_report(request: AuthedRequest, cohort_id: IdPath) -> Any:
    """The cohort's figures (each with n, interval, response rate, its trace) and tables."""
    return cohort_report(_cohort(request, cohort_id)).as_dict()


@router.get(
    "/programmes/{slug}/report",
    response={200: ReportOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(
        "the programme's managers, impact admins and administrators; 403 for others who see "
        "the programme, 404 for anyone else"
    ),
)
def get_programme_report(request: AuthedRequest, slug: SlugPath) -> Any:
    """Each indicator cohort by cohort (the trend), with intervals."""
    programme = get_object_or_404(Programme.objects.for_user(request.user), slug=slug)
    require(request.user, "impact.view_programme_report", programme)
    return programme_report(programme).as_dict()


@router.post(
    "/cohorts/{cohort_id}/report-pdfs",
    response={202: ReportPDFOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_READERS),
)
def queue_report_pdf(request: AuthedRequest, cohort_id: IdPath) -> Any:
    """Queue the PDF (or return the build already waiting); poll GET /report-pdfs/{id}."""
    build = pdf.report_pdf_queue(cohort=_cohort(request, cohort_id), requested_by=request.user)
    return Status(202, build)


@router.get(
    "/report-pdfs/{build_id}",
    response={200: ReportPDFOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_READERS),
)
def get_report_pdf(request: AuthedRequest, build_id: IdPath) -> Any:
    return _build(request, build_id)


@router.post(
    "/report-pdfs/{build_id}/retry",
    response={202: ReportPDFOut, ERROR_CODES: ErrorOut},
    openapi_extra=access(COHORT_READERS),
)
def retry_report_pdf(request: AuthedRequest, build_id: IdPath) -> Any:
    """Build a failed PDF again (422 if it did not fail)."""
    build = _build(request, build_id)
    return Status(202, pdf.report_pdf_retry(build=build, requested_by=request.user))


@router.get(
    "/report-pdfs/{build_id}/pdf",
    response={ERROR_CODES: ErrorOut},
    openapi_extra={
        **access(COHORT_READERS + "; 404 until the PDF is ready"),
        "responses": {"200": {"description": "The PDF", "content": {"application/pdf": {}}}},
    },
)
def download_report_pdf(request: AuthedRequest, build_id: IdPath) -> Any:
    build = _build(request, build_id)
    if build.status != BuildStatus.READY or not build.pdf:
        raise Http404
    return FileResponse(
        build.pdf.open("rb"),
        as_attachment=True,
        filename=f"impact-report-{build.cohort_id}.pdf",
        content_type="application/pdf",
    )
