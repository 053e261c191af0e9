"""A cohort report's PDF: queued by a click, built by the worker (amplify.impact.tasks) with
its progress, stored, downloaded by those who read the report.

Always in the background, even when it takes a moment: the page behaves the same way for a
small cohort and a large one. The PDF is rendered by WeasyPrint from the same templates as
the page (impact/report/_cohort_body.html) with a print stylesheet; its charts are the
page's SVGs, as data URIs. The fetcher refuses every other address, so nothing in a report
can make the renderer reach the network or the disk.

Two clicks at once queue one build: queueing takes the cohort's row lock and returns the
build already waiting (or running) for that cohort and language. The shared ReportPDF model
has no heartbeat, so a build still "building" long after it was asked for is taken as a
worker that stopped (`STALE_AFTER`): it shows as failed, and can be retried.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from amplify.accounts.types import Actor
from amplify.impact import tasks
from amplify.impact.models import BuildStatus, ReportPDF
from amplify.programmes.models import Cohort
from amplify.programmes.services import cohort_lock

logger = logging.getLogger(__name__)

PRINT_STYLESHEET = "impact/report-print.css"
STALE_AFTER = timedelta(minutes=15)
WAITING = (BuildStatus.QUEUED, BuildStatus.BUILDING)

# The stages a build goes through, with the progress each starts at.
COMPUTING = gettext_noop("Computing the figures")
DRAWING = gettext_noop("Drawing the charts")
LAYING_OUT = gettext_noop("Laying out the pages")
STORING = gettext_noop("Storing the PDF")


def print_stylesheet() -> str:
    found = finders.find(PRINT_STYLESHEET)
    return Path(str(found)).read_text(encoding="utf-8")


def _fetcher() -> Any:
    """The charts are data URIs; every other address (http, file…) is refused."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=["data"], allow_redirects=False)


def report_html(report: Any) -> str:
    return render_to_string(
        "impact/report/cohort_print.html",
        # No "how this was computed" links on paper: the trace is on the page.
        {"report": report, "cohort": report.cohort, "figures": [(f, "") for f in report.figures]},
    )


def report_pdf_bytes(report: Any) -> bytes:
    from weasyprint import CSS, HTML

    document = HTML(string=report_html(report), url_fetcher=_fetcher(), base_url="/").render(
        stylesheets=[CSS(string=print_stylesheet())]
    )
    return bytes(document.write_pdf())


# ---------- the builds ----------


def _enqueue(build: ReportPDF) -> None:
    transaction.on_commit(lambda: tasks.build_report_pdf.enqueue(build.pk))


@transaction.atomic
def report_pdf_queue(*, cohort: Cohort, requested_by: Actor, language: str = "") -> ReportPDF:
    """Queue a build of the cohort report's PDF; or the one already waiting or building
    for this cohort and language (a second click, another tab)."""
    cohort_lock(cohort)  # two requests at once: the second waits here, then finds the first
    language = language or translation.get_language() or "en"
    for build in ReportPDF.objects.filter(cohort=cohort, language=language, status__in=WAITING):
        if not report_pdf_fail_if_stale(build):
            return build
    build = ReportPDF.objects.create(cohort=cohort, language=language, requested_by=requested_by)
    _enqueue(build)
    return build


@transaction.atomic
def report_pdf_retry(*, build: ReportPDF, requested_by: Actor) -> ReportPDF:
    """A failed build, queued again."""
    cohort_lock(build.cohort)
    build = ReportPDF.objects.select_for_update().get(pk=build.pk)
    if build.status != BuildStatus.FAILED:
        raise ValidationError(
            _("Only a failed PDF can be built again; this one is %(status)s.")
            % {"status": build.get_status_display().lower()}
        )
    build.status, build.stage, build.progress, build.failure = BuildStatus.QUEUED, "", 0, ""
    build.finished_at = None
    build.requested_by, build.requested_at = requested_by, timezone.now()
    build.save()
    _enqueue(build)
    return build


def report_pdf_fail_if_stale(build: ReportPDF) -> bool:
    """A build left "building" far longer than any takes: its worker stopped. Marked failed
    (so it can be retried); True if it was."""
    if build.status != BuildStatus.BUILDING or timezone.now() - build.requested_at < STALE_AFTER:
        return False
    stopped = ReportPDF.objects.filter(pk=build.pk, status=BuildStatus.BUILDING).update(
        status=BuildStatus.FAILED,
        stage="",
        failure=_("The worker building this PDF stopped. Build it again."),
        finished_at=timezone.now(),
    )
    build.refresh_from_db()
    return bool(stopped)


def _progress(build: ReportPDF) -> Callable[[str, int], None]:
    def say(stage: str, percent: int) -> None:
        # In autocommit, so the page polling it sees it at once.
        ReportPDF.objects.filter(pk=build.pk, status=BuildStatus.BUILDING).update(
            stage=stage, progress=percent
        )

    return say


def report_pdf_build(*, build: ReportPDF) -> ReportPDF:
    """The worker's part: claim the queued build, compute, draw, render, store; or leave it
    failed with the reason."""
    from amplify.impact.charts import cohort_charts
    from amplify.impact.reports import cohort_report

    claimed = ReportPDF.objects.filter(pk=build.pk, status=BuildStatus.QUEUED).update(
        status=BuildStatus.BUILDING, stage=COMPUTING, progress=5
    )
    build.refresh_from_db()
    if not claimed:
        return build  # another worker has it, or it was built or failed meanwhile
    progress = _progress(build)
    try:
        with translation.override(build.language):
            cohort = Cohort.objects.select_related("programme").get(pk=build.cohort_id)
            report = cohort_report(cohort, draw=False)
            progress(DRAWING, 30)
            report.charts = cohort_charts(report)
            progress(LAYING_OUT, 50)
            pdf = report_pdf_bytes(report)
            progress(STORING, 90)
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            name = f"impact-report-{build.cohort_id}-{build.language}-{stamp}.pdf"
            with transaction.atomic():
                locked = ReportPDF.objects.select_for_update().get(pk=build.pk)
                if locked.status != BuildStatus.BUILDING:
                    return locked  # declared stopped meanwhile: nothing of it is saved
                locked.pdf.save(name, ContentFile(pdf), save=False)
                locked.status, locked.stage, locked.progress = BuildStatus.READY, "", 100
                locked.finished_at = timezone.now()
                locked.save()
                return locked
    except Exception as exc:
        logger.exception("Report PDF %s failed", build.pk)
        ReportPDF.objects.filter(pk=build.pk, status=BuildStatus.BUILDING).update(
            status=BuildStatus.FAILED,
            stage="",
            failure=_("The PDF could not be built: %(error)s") % {"error": exc},
            finished_at=timezone.now(),
        )
        build.refresh_from_db()
        return build
