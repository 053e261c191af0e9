"""The cohort and programme impact reports: their tables from the records, suppressed; the
charts (SVG without script, titled); the pages and who may open them; the PDF built in the
background with its progress, its text holding the figures; the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from amplify.conftest import World
from amplify.impact import pdf
from amplify.impact.library import indicators_install
from amplify.impact.models import BuildStatus, ReportPDF
from amplify.impact.reports import cohort_report, programme_report
from amplify.impact.tables import cell_text
from amplify.impact.tests.pdftext import all_text, squashed
from amplify.impact.tests.reportdata import mentees_with_outcomes, seed_answers
from amplify.programmes.tests.factories import CohortFactory

pytestmark = pytest.mark.django_db

CONTINUE = "Mentors who would continue to meet their mentee"


@pytest.fixture
def seeded(world: World) -> World:
    indicators_install()
    seed_answers(world.cohort)
    mentees_with_outcomes(world.cohort, 6)
    return world


def _row(table, label: str) -> list[str]:
    return next(row for row in table.text_rows() if row[0] == label)


def test_the_cohort_report_computes_the_seed_figures_from_the_answers(seeded: World) -> None:
    report = cohort_report(seeded.cohort)
    assert _row(report.indicators, CONTINUE)[1] == "74% (14 of 19; 95% CI 51–88%)"
    assert _row(
        report.indicators, "Mentors who understand the barriers to socioeconomic diversity"
    )[1].startswith("100% (19 of 19")
    assert _row(report.indicators, "Mentees who understand the roles and career paths")[
        1
    ].startswith("82% (23 of 28")
    assert _row(report.indicators, "Mentees who found a job during the programme")[1] == "6"
    # Outcomes by kind: 6 people with a job; no other kind
    assert _row(report.outcomes, "Job") == ["Job", "6"]
    assert _row(report.outcomes, "Promotion") == ["Promotion", "0"]
    # Participation: 2 active mentors is a small group; the 8 active mentees (Bea, Dan and
    # the 6) are hidden too (the active column would give the mentors back), and so is
    # their row's total (which would give the 8 back)
    assert _row(report.participation, "Mentor") == [
        "Mentor",
        "fewer than 5",
        "0",
        "0",
        "fewer than 5",
    ]
    assert _row(report.participation, "Mentee") == [
        "Mentee",
        "fewer than 5",
        "0",
        "0",
        "fewer than 5",
    ]
    # Meetings, for a mentoring cohort
    assert report.activity is not None
    assert report.activity.key == "meetings"


def test_a_small_outcome_group_is_hidden_and_its_complement_too(world: World) -> None:
    indicators_install()
    mentees_with_outcomes(world.cohort, 2, kind="internship")
    mentees_with_outcomes(world.cohort, 7, kind="job")
    mentees_with_outcomes(world.cohort, 9, kind="apprenticeship")
    table = cohort_report(world.cohort).outcomes
    assert _row(table, "Internship")[1] == "fewer than 5"
    # The next smallest is hidden too, so the total minus the others reveals nothing
    assert _row(table, "Job")[1] == "fewer than 5"
    assert _row(table, "Apprenticeship")[1] == "9"


def test_a_leadership_cohort_reports_experiments_by_stage(world: World) -> None:
    from amplify.experiments.models import Experiment
    from amplify.people.tests.factories import PersonFactory

    indicators_install()
    Experiment.objects.bulk_create(
        Experiment(cohort=world.leadership_cohort, owner=p, title="x", stage="running")
        for p in PersonFactory.create_batch(6)
    )
    report = cohort_report(world.leadership_cohort)
    assert report.activity is not None
    assert report.activity.key == "experiments"
    assert _row(report.activity, "Running")[1] == "6"
    assert any(c.key == "experiments" for c in report.charts)


def test_the_charts_are_titled_svg_without_script(seeded: World) -> None:
    report = cohort_report(seeded.cohort)
    keys = [c.key for c in report.charts]
    assert keys[:2] == ["shares", "outcomes"]
    for chart in report.charts:
        assert chart.svg.startswith("<svg ")
        assert "<script" not in chart.svg
        assert f'<title id="impact-{chart.key}-title">' in chart.svg
        assert "<desc" in chart.svg
        assert "DejaVu Sans" in chart.svg
        assert chart.data_uri.startswith("data:image/svg+xml;base64,")
    shares = report.charts[0]
    assert CONTINUE in shares.svg
    assert "74% (14 of 19" in shares.description
    # The same figures draw the same bytes (the page and the PDF show one chart)
    assert cohort_report(seeded.cohort).charts[0].svg == shares.svg


def test_a_hidden_figure_is_not_drawn_and_the_chart_says_so(world: World) -> None:
    from amplify.impact.tests.reportdata import answers, post_wave

    indicators_install()
    wave = post_wave(world.cohort)
    answers(
        wave,
        role="mentor",
        items={
            "would_continue_meeting": [1.0] * 9 + [0.0] * 2,
            "barriers_understood": [5.0] * 6 + [2.0] * 6,
        },
    )
    chart = cohort_report(world.cohort).charts[0]
    assert CONTINUE in chart.note
    assert "fewer than 5" in chart.note
    assert f">{CONTINUE}<" not in chart.svg  # no bar labelled with it


def test_the_programme_report_shows_each_indicator_by_cohort(seeded: World) -> None:
    earlier = CohortFactory(programme=seeded.programme, name="Positive Influence 2025 (cohort 6)")
    seed_answers(earlier)
    report = programme_report(seeded.programme)
    assert [c.pk for c in report.cohorts][-2:] == sorted(
        [earlier.pk, seeded.cohort.pk], key=lambda pk: [c.pk for c in report.cohorts].index(pk)
    )
    column = report.trend.columns.index(CONTINUE)
    shown = [cell_text(row[column]) for row in report.trend.rows]
    assert shown.count("74% (14 of 19; 95% CI 51–88%)") == 2
    assert report.charts
    assert report.charts[0].key == "trend"
    assert "<script" not in report.charts[0].svg


# ---------- pages ----------


def test_harriet_reads_her_cohorts_report_with_its_tab(seeded: World, as_user) -> None:
    response = as_user(seeded.harriet).get(reverse("impact:cohort-report", args=[seeded.cohort.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert CONTINUE in text
    assert "74% (14 of 19; 95% CI 51–88%)" in text
    assert 'aria-current="page">Impact</a>' in text
    assert "data:image/svg+xml;base64," in text
    assert "<script" not in text.split("</head>")[1]
    assert "Build PDF" in text


@pytest.mark.parametrize(
    ("who", "cohort", "expected"),
    [
        ("harriet", "cohort", 200),
        ("ina", "cohort", 200),
        ("ina", "leadership_cohort", 200),
        ("max", "leadership_cohort", 200),
        ("max", "cohort", 404),
        ("alice", "cohort", 403),
        ("bea", "cohort", 403),
        ("otto", "cohort", 404),
    ],
)
def test_who_reads_a_cohort_report(
    world: World, as_user, who: str, cohort: str, expected: int
) -> None:
    indicators_install()
    url = reverse("impact:cohort-report", args=[getattr(world, cohort).pk])
    assert as_user(getattr(world, who)).get(url).status_code == expected


def test_anonymous_is_sent_to_sign_in(world: World, client) -> None:
    for url in (
        reverse("impact:cohort-report", args=[world.cohort.pk]),
        reverse("impact:programme-report", args=[world.programme.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]
    assert client.get(f"/api/impact/cohorts/{world.cohort.pk}/report").status_code == 401


@pytest.mark.parametrize(
    ("who", "expected"), [("harriet", 200), ("ina", 200), ("max", 404), ("alice", 403)]
)
def test_who_reads_a_programme_report(world: World, as_user, who: str, expected: int) -> None:
    indicators_install()
    url = reverse("impact:programme-report", args=[world.programme.slug])
    response = as_user(getattr(world, who)).get(url)
    assert response.status_code == expected
    if expected == 200:
        assert "Indicators by cohort" in response.content.decode()


# ---------- the PDF ----------


def test_the_pdf_is_built_in_the_background_and_holds_the_figures(
    seeded: World, as_user, django_capture_on_commit_callbacks
) -> None:
    client = as_user(seeded.harriet)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("impact:cohort-report-pdf", args=[seeded.cohort.pk]))
    assert response.status_code == 302
    build = ReportPDF.objects.get()
    # The test settings' tasks run at once: it is built
    assert build.status == BuildStatus.READY, build.failure
    assert build.progress == 100
    page = client.get(reverse("impact:cohort-report", args=[seeded.cohort.pk])).content.decode()
    assert "Download the PDF" in page
    download = client.get(reverse("impact:report-pdf-download", args=[build.pk]))
    assert download["Content-Type"] == "application/pdf"
    data = b"".join(download.streaming_content)
    text = squashed(all_text(data))
    assert squashed(CONTINUE) in text
    assert squashed("74% (14 of 19; 95% CI 51–88%)") in text
    # The charts' own text is in it too (drawn from the SVG, not an image of it)
    assert squashed("Indicators (share of respondents") in text
    assert squashed("Outcomes by kind") in text


def test_two_clicks_queue_one_build(seeded: World) -> None:
    first = pdf.report_pdf_queue(cohort=seeded.cohort, requested_by=seeded.harriet)
    second = pdf.report_pdf_queue(cohort=seeded.cohort, requested_by=seeded.harriet)
    assert first.pk == second.pk
    assert ReportPDF.objects.count() == 1


def test_while_it_builds_the_page_polls_its_progress(seeded: World, as_user) -> None:
    build = pdf.report_pdf_queue(cohort=seeded.cohort, requested_by=seeded.harriet)
    ReportPDF.objects.filter(pk=build.pk).update(
        status=BuildStatus.BUILDING, stage=pdf.LAYING_OUT, progress=50
    )
    client = as_user(seeded.harriet)
    page = client.get(reverse("impact:cohort-report", args=[seeded.cohort.pk])).content.decode()
    poll = reverse("impact:report-pdf", args=[build.pk])
    assert f'hx-get="{poll}"' in page
    panel = client.get(poll, headers={"HX-Request": "true"}).content.decode()
    assert "Laying out the pages — 50%" in panel
    assert 'value="50"' in panel


def test_a_failed_build_says_why_and_can_be_retried(
    seeded: World, as_user, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    def broken(report):
        raise RuntimeError("the printer caught fire")

    monkeypatch.setattr(pdf, "report_pdf_bytes", broken)
    client = as_user(seeded.harriet)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("impact:cohort-report-pdf", args=[seeded.cohort.pk]))
    build = ReportPDF.objects.get()
    assert build.status == BuildStatus.FAILED
    page = client.get(reverse("impact:cohort-report", args=[seeded.cohort.pk])).content.decode()
    assert "the printer caught fire" in page
    assert "Build it again" in page
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("impact:report-pdf-retry", args=[build.pk]))
    build.refresh_from_db()
    assert build.status == BuildStatus.READY


def test_a_build_whose_worker_stopped_shows_as_failed(seeded: World) -> None:
    from django.utils import timezone

    build = pdf.report_pdf_queue(cohort=seeded.cohort, requested_by=seeded.harriet)
    ReportPDF.objects.filter(pk=build.pk).update(
        status=BuildStatus.BUILDING, requested_at=timezone.now() - pdf.STALE_AFTER * 2
    )
    build.refresh_from_db()
    assert pdf.report_pdf_fail_if_stale(build)
    assert build.status == BuildStatus.FAILED
    # And a new click queues a new build
    assert pdf.report_pdf_queue(cohort=seeded.cohort, requested_by=seeded.harriet).pk != build.pk


def test_only_report_readers_download_a_pdf(seeded: World, as_user) -> None:
    build = ReportPDF.objects.create(cohort=seeded.cohort, status=BuildStatus.READY)
    url = reverse("impact:report-pdf-download", args=[build.pk])
    assert as_user(seeded.alice).get(url).status_code == 403
    assert as_user(seeded.otto).get(url).status_code == 404
    assert as_user(seeded.max).get(url).status_code == 404
    assert as_user(seeded.ina).get(url).status_code == 404  # no file: not ready to download


# ---------- the API ----------


def test_the_api_gives_the_report_and_builds_its_pdf(
    seeded: World, as_user, django_capture_on_commit_callbacks
) -> None:
    client = as_user(seeded.harriet)
    report = client.get(f"/api/impact/cohorts/{seeded.cohort.pk}/report").json()
    indicators = next(t for t in report["tables"] if t["key"] == "indicators")
    assert [CONTINUE, "74% (14 of 19; 95% CI 51–88%)", "19 of 23 answered"] in indicators["rows"]
    assert any(f["key"] == "mentors_would_continue" for f in report["figures"])
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post(f"/api/impact/cohorts/{seeded.cohort.pk}/report-pdfs")
    assert queued.status_code == 202
    status = client.get(f"/api/impact/report-pdfs/{queued.json()['id']}").json()
    assert status["status"] == "ready"
    download = client.get(status["download_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    programme = client.get(f"/api/impact/programmes/{seeded.programme.slug}/report").json()
    assert programme["tables"][0]["key"] == "trend"
    # A build that did not fail cannot be retried
    retried = client.post(f"/api/impact/report-pdfs/{queued.json()['id']}/retry")
    assert retried.status_code == 422


def test_the_programme_page_links_its_report_for_its_readers(world: World, as_user) -> None:
    url = reverse("programmes:detail", args=[world.programme.slug])
    report = reverse("impact:programme-report", args=[world.programme.slug])
    assert report in as_user(world.harriet).get(url).content.decode()
    assert report not in as_user(world.alice).get(url).content.decode()


@pytest.mark.django_db
def test_the_cohort_report_downloads_as_xlsx_with_its_definitions(world: World, as_user) -> None:
    # Given Harriet's cohort report
    import io

    from openpyxl import load_workbook

    from amplify.impact.library import indicators_install

    indicators_install()
    url = reverse("impact:cohort-report-export", args=[world.cohort.pk])
    # When she downloads it as a workbook
    response = as_user(world.harriet).get(url + "?format=xlsx")
    # Then every table is a sheet, and the definitions are on their own sheet
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert "Definitions" in book.sheetnames
    assert len(book.sheetnames) >= 2
    # And an unknown format is a clear refusal, not a 500
    assert as_user(world.harriet).get(url + "?format=pdf").status_code == 400
