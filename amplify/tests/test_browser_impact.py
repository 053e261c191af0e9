"""In a real browser: the programme manager opens her cohort's impact report, builds its PDF,
waits for it (the panel polls its progress) and downloads it; the PDF holds the figures."""

import pytest

from amplify.conftest import World
from amplify.impact.library import indicators_install
from amplify.impact.models import ReportPDF
from amplify.impact.tests.pdftext import all_text, squashed
from amplify.impact.tests.reportdata import mentees_with_outcomes, seed_answers
from amplify.tests.browser import SHOTS, resize, sign_in, totp_code

# The `page` fixture (amplify/tests/conftest.py) runs axe-core on every page a test shows.
pytestmark = pytest.mark.browser

CONTINUE = "Mentors who would continue to meet their mentee"


def test_a_manager_builds_and_downloads_the_cohort_report_pdf(
    page, live_world: World, tmp_path
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Given her cohort's post-programme answers and outcomes
    indicators_install()
    seed_answers(live_world.cohort)
    mentees_with_outcomes(live_world.cohort, 6)
    # When Harriet opens the cohort's Impact tab
    sign_in(page, "harriet@sony.example", code=totp_code())
    page.goto(f"/programmes/cohorts/{live_world.cohort.pk}/")
    page.get_by_role("navigation", name="Cohort").get_by_role(
        "link", name="Impact", exact=True
    ).click()
    page.get_by_role("heading", name="Indicators", exact=True).wait_for()
    assert page.get_by_text("74% (14 of 19; 95% CI 51–88%)").first.is_visible()
    # The charts are images with their numbers in words
    assert page.get_by_role("img", name="Indicators (share of respondents").first.is_visible()
    page.screenshot(path=str(SHOTS / "impact-cohort-report.png"), full_page=True)
    # And builds the PDF (built in the background; the panel shows its progress)
    page.get_by_role("button", name="Build PDF").click()
    page.get_by_role("link", name="Download the PDF").wait_for(timeout=60_000)
    assert ReportPDF.objects.get().status == "ready"
    # When she downloads it
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    saved = tmp_path / "report.pdf"
    download.value.save_as(saved)
    # Then it holds the indicator and its figure, and its charts' text
    text = squashed(all_text(saved.read_bytes()))
    assert squashed(CONTINUE) in text
    assert squashed("74% (14 of 19; 95% CI 51–88%)") in text
    assert squashed("Outcomes by kind") in text
    # And on a phone the report fits the screen's width (the tables scroll in their boxes)
    resize(page, {"width": 390, "height": 844})
    page.reload()
    page.get_by_role("heading", name="Indicators", exact=True).wait_for()
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(SHOTS / "impact-cohort-report-phone.png"), full_page=True)
