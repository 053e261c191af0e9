"""A cohort impact report's PDF with 10 charts: seconds and peak memory.

    .venv/bin/python bench/impact_pdf.py [--mentors 300] [--charts 10]

Makes a mentoring cohort in a scratch SQLite database (var/bench-impact.sqlite3): N mentors
and N mentees, a post wave whose three seed items each have N answers, outcomes of four
kinds, pairs with meetings, all in bulk. Then times what the worker does
(amplify.impact.pdf.report_pdf_build's steps): compute the report (figures and tables by
aggregate queries), draw its charts (pygal), lay out and write the PDF (WeasyPrint). A cohort
report draws 4 charts; the others up to --charts are more of the same charts (the report's
own tables drawn again under other keys), so the PDF carries 10. Peak memory is the process's
maximum RSS (resource.getrusage) and, for the PDF step alone, tracemalloc's peak.
Target on the 2-core machine: under 10 s and 500 MB. Prints a table.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _django import ROOT, setup


def _world(n: int):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from amplify.impact.library import indicators_install
    from amplify.impact.tests.reportdata import answers, mentees_with_outcomes, post_wave
    from amplify.meetings.models import Meeting
    from amplify.people.tests.factories import PersonFactory
    from amplify.programmes.models import Enrolment, Pairing, Programme
    from amplify.programmes.tests.factories import CohortFactory

    indicators_install()
    # The scratch database is kept between runs: the factories' e-mail sequence goes on.
    from amplify.people.models import Person

    PersonFactory.reset_sequence(Person.objects.count() + 1)
    stamp = timezone.now().strftime("%H%M%S%f")
    programme = Programme.objects.create(
        name=f"Bench mentoring {stamp}", slug=f"bench-{stamp}", kind=Programme.Kind.MENTORING
    )
    today = timezone.localdate()
    cohort = CohortFactory(
        programme=programme,
        name=f"Bench cohort {stamp}",
        starts_on=today - timedelta(days=200),
        ends_on=today + timedelta(days=20),
    )
    wave = post_wave(cohort)
    answers(
        wave,
        role="mentor",
        items={
            "would_continue_meeting": [1.0, 1.0, 0.0] * (n // 3),
            "barriers_understood": [5.0, 4.0, 2.0] * (n // 3),
        },
    )
    answers(wave, role="mentee", items={"career_paths_understood": [4.0, 3.0] * (n // 2)})
    for kind, share in (
        ("job", 6),
        ("apprenticeship", 8),
        ("internship", 10),
        ("further_education", 12),
    ):
        mentees_with_outcomes(cohort, n // share, kind=kind)
    mentors = PersonFactory.create_batch(n // 4)
    mentees = PersonFactory.create_batch(n // 4)
    Enrolment.objects.bulk_create(
        [Enrolment(cohort=cohort, person=p, role=Enrolment.Role.MENTOR) for p in mentors]
        + [Enrolment(cohort=cohort, person=p, role=Enrolment.Role.MENTEE) for p in mentees]
    )
    pairs = Pairing.objects.bulk_create(
        Pairing(cohort=cohort, mentor=a, mentee=b, kind=Pairing.Kind.MENTORING, started_on=today)
        for a, b in zip(mentors, mentees, strict=True)
    )
    Meeting.objects.bulk_create(
        Meeting(
            pairing=p,
            held_on=today - timedelta(days=14 * i + 1),
            duration_minutes=60,
            mode=Meeting.Mode.REMOTE,
            logged_by=p.mentor,
        )
        for p in pairs
        for i in range(6)
    )
    return cohort


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentors", type=int, default=300)
    parser.add_argument("--charts", type=int, default=10)
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    setup(f"sqlite:///{ROOT / 'var' / 'bench-impact.sqlite3'}")

    from amplify.impact.pdf import report_html, report_pdf_bytes
    from amplify.impact.reports import cohort_report
    from amplify.impact.tests.pdftext import all_text

    cohort = _world(args.mentors)
    started = time.perf_counter()
    report = cohort_report(cohort)
    computed = time.perf_counter()
    real = len(report.charts)
    charts = list(report.charts)
    i = 0
    while len(charts) < args.charts:
        charts.append(replace(report.charts[i % real], key=f"{report.charts[i % real].key}-{i}"))
        i += 1
    report.charts = charts
    laid_out = time.perf_counter()
    pdf = report_pdf_bytes(report)
    done = time.perf_counter()
    # Python's own peak for the PDF step, measured on a second run: tracemalloc slows the
    # run it watches several times over, so the timing above is without it.
    tracemalloc.start()
    report_pdf_bytes(report)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = all_text(pdf)
    laid = report_html(report).count('class="chart__img"')
    rows = [
        ("answers per item", f"{args.mentors}"),
        (
            "charts in the PDF",
            f"{laid} ({real} of the report's own)",
        ),
        ("PDF size", f"{len(pdf) / 1e3:.0f} kB"),
        ("chart text in the PDF", "yes" if "Outcomes" in "".join(text.split()) else "NO"),
        ("compute + draw (s)", f"{computed - started:.2f}"),
        ("lay out + write PDF (s)", f"{done - laid_out:.2f}"),
        ("total (s)", f"{done - started:.2f}  (target < 10)"),
        ("PDF step, Python peak", f"{traced_peak / 1e6:.0f} MB"),
        ("process peak RSS", f"{peak_mb:.0f} MB  (target < 500)"),
    ]
    width = max(len(k) for k, _ in rows)
    print(f"{'measure':<{width}} | value")
    print(f"{'-' * width}-+-{'-' * 30}")
    for key, value in rows:
        print(f"{key:<{width}} | {value}")


if __name__ == "__main__":
    main()
