"""The survey reminder job's seconds per run, for a wave of thousands of invitations.

    python bench/survey_reminders.py [--invitations 10000] [--answered 0.3] [--postgres URL]

Builds a scratch database (SQLite; PostgreSQL too with --postgres) with one mentoring cohort
of --invitations mentees, a launched 14-day wave inviting them all, and --answered of them
having answered; then runs the periodic job (amplify.surveys.periodic) at +3 days, again at
the same moment (nothing is due twice), at +7 days and on the day before closing. Emails go
to Django's in-memory backend, so the figure is the job's own work: the bulk reads, one
claim per reminder, and rendering each email. Prints seconds (wall and CPU), emails sent
and queries.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _build(n: int, answered: float) -> object:
    import random
    from datetime import timedelta

    from django.utils import timezone

    from amplify.people.models import Country, Person
    from amplify.programmes.models import Cohort, Enrolment, Programme
    from amplify.surveys.models import Invitation, Item, Wave, WaveQuestion

    rng = random.Random(11)
    today = timezone.localdate()
    programme = Programme.objects.create(name="Positive Influence", slug="pi", kind="mentoring")
    cohort = Cohort.objects.create(
        programme=programme,
        name="Bench cohort",
        number=1,
        starts_on=today - timedelta(days=180),
        ends_on=today,
        status="running",
    )
    countries = list(Country.objects.values_list("code", flat=True)[:20])
    people = Person.objects.bulk_create(
        (
            Person(
                name=f"Mentee {i}",
                email=f"m{i}@example.com",
                country_id=rng.choice(countries),
                interface_language=rng.choice(["", "en", "es", "ja"]),
            )
            for i in range(n)
        ),
        batch_size=2000,
    )
    Enrolment.objects.bulk_create(
        (Enrolment(cohort=cohort, person=p, role="mentee") for p in people), batch_size=2000
    )
    now = timezone.now()
    wave = Wave.objects.create(
        cohort=cohort,
        title="End of programme",
        phase="post",
        audience=["mentee"],
        mode="confidential",
        opens_at=now,
        closes_at=now + timedelta(days=14),
        launched_at=now,
    )
    item = Item.objects.create(key="barriers_understood", kind="agreement", text="I understand.")
    WaveQuestion.objects.create(wave=wave, item=item)
    Invitation.objects.bulk_create(
        (
            Invitation(
                wave=wave,
                person=p,
                role="mentee",
                sent_at=now,
                responded_on=today if rng.random() < answered else None,
            )
            for p in people
        ),
        batch_size=2000,
    )
    return wave


def measure(database_url: str, args: argparse.Namespace) -> list[tuple]:
    import _django

    _django.setup(database_url)
    from datetime import timedelta

    from django.conf import settings
    from django.core import mail
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from amplify.surveys.periodic import survey_reminders_send

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_ROOT = "https://amplify.example.com"
    wave = _build(args.invitations, args.answered)
    out: list[tuple] = []
    runs = [
        ("+3 days", timedelta(days=3, minutes=1)),
        ("+3 days again", timedelta(days=3, minutes=2)),
        ("+7 days", timedelta(days=7, minutes=1)),
        ("day before close", timedelta(days=13, minutes=1)),
    ]
    for label, after in runs:
        mail.outbox = []
        # The query log keeps the last 9,000 queries: emptied first, so the count is exact.
        connection.queries_log.clear()
        started, cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            survey_reminders_send(wave.launched_at + after)  # type: ignore[attr-defined]
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        out.append((label, seconds, cpu, len(mail.outbox), len(queries.captured_queries)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--invitations", type=int, default=10_000)
    parser.add_argument("--answered", type=float, default=0.3)
    parser.add_argument("--postgres", help="also on PostgreSQL: a server URL (a scratch db)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        for row in measure(args.child, args):
            print("ROW", *row, sep="\t")
        return
    import _django

    with tempfile.TemporaryDirectory() as tmp:
        targets: list[tuple[str, str | None]] = [
            ("SQLite", f"sqlite:///{Path(tmp) / 'reminders.sqlite3'}")
        ]
        if args.postgres:
            targets.append(("PostgreSQL", _django.scratch_postgres(args.postgres)))
        print(
            f"{'database':<11} {'run':<17} {'seconds':>8} {'cpu s':>7} {'emails':>7} {'queries':>8}"
            f"   ({args.invitations:,} invitations, {args.answered:.0%} answered)"
        )
        for label, url in targets:
            if url is None:
                print(f"{label:<11} not reachable: skipped")
                continue
            result = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    url,
                    "--invitations",
                    str(args.invitations),
                    "--answered",
                    str(args.answered),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            for line in result.stdout.splitlines():
                if line.startswith("ROW\t"):
                    _, run, seconds, cpu, emails, queries = line.split("\t")
                    print(
                        f"{label:<11} {run:<17} {float(seconds):>8.2f} {float(cpu):>7.2f} "
                        f"{int(emails):>7} {int(queries):>8}"
                    )


if __name__ == "__main__":
    main()
