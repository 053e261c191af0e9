"""Server time of the cohort health page, and the cost of the meetings' periodic job.

    python bench/meetings.py [--requests 100] [--pairs 1000] [--meetings 20000]
                             [--job-pairs 10000] [--part all|pages|job] [--postgres URL]

Builds a scratch database with one running cohort of --pairs mentoring pairs and
--meetings logged meetings between them (a realistic mix: most pairs meet fortnightly,
some stopped), signs in as its programme manager and times --requests requests of the
health page in-process (one persistent database connection). Then builds a second cohort
for --job-pairs active pairs in all (half with a recurring slot) and runs the periodic job
twice: the first run sends the nudges, alerts and reminders due, the second finds them sent.
On SQLite and on PostgreSQL when reachable. Prints median and p95 server time and queries
per page, and seconds, queries and notices per run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _people(n: int, prefix: str, external: bool) -> list:
    from amplify.people.models import Person

    return Person.objects.bulk_create(
        Person(
            employee_id=None if external else f"{prefix}{i}",
            name=f"{prefix.capitalize()} {i}",
            email=f"{prefix}{i}@{'example.com' if external else 'sony.example'}",
            country_id="GB",
            languages=["en"],
            time_zone="Europe/London",
        )
        for i in range(n)
    )


def _cohort(programme, number: int, started_days_ago: int):
    from datetime import timedelta

    from django.utils import timezone

    from amplify.programmes.models import Cohort

    today = timezone.localdate()
    return Cohort.objects.create(
        programme=programme,
        name=f"Cohort {number}",
        number=number,
        starts_on=today - timedelta(days=started_days_ago),
        ends_on=today + timedelta(days=120),
        status="running",
    )


def _pairs(cohort, n: int, prefix: str) -> list:
    from amplify.programmes.models import Pairing

    mentors = _people(n, f"{prefix}mentor", False)
    mentees = _people(n, f"{prefix}mentee", True)
    return Pairing.objects.bulk_create(
        Pairing(cohort=cohort, kind="mentoring", mentor=a, mentee=b, started_on=cohort.starts_on)
        for a, b in zip(mentors, mentees, strict=True)
    )


def _meetings(pairs: list, total: int) -> int:
    """About total/len(pairs) meetings a pair, fortnightly back from a recent day; one pair
    in five stopped meeting a while ago (at risk, stalled)."""
    import random
    from datetime import timedelta

    from django.utils import timezone

    from amplify.meetings.models import Meeting

    rng = random.Random(7)
    today = timezone.localdate()
    each = max(1, total // len(pairs))
    rows = []
    for i, p in enumerate(pairs):
        quiet = rng.choice([0, 0, 0, 0, 25, 35]) if i % 5 == 0 else rng.randint(0, 10)
        for k in range(each):
            day = today - timedelta(days=quiet + 14 * k + rng.randint(0, 3) * (k > 0))
            if day < p.started_on:
                break
            rows.append(
                Meeting(
                    pairing=p,
                    held_on=day,
                    duration_minutes=60,
                    mode="remote",
                    topics=["goals"],
                    logged_by_id=p.mentee_id,
                )
            )
    Meeting.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return Meeting.objects.count()


def measure(database_url: str, args: argparse.Namespace) -> list[tuple]:
    import _django

    _django.setup(database_url)
    from datetime import UTC, datetime, timedelta
    from datetime import time as clock

    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.core import mail
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from amplify.accounts.models import User
    from amplify.meetings.models import CadenceNotice, MeetingSlot
    from amplify.meetings.periodic import BATCH, cadence_notices_send
    from amplify.people.models import Person
    from amplify.programmes.models import Programme

    settings.ALLOWED_HOSTS = ["*"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    manager = User.objects.create_user("pm@sony.example", "x", role="programme_manager")
    TOTP.activate(manager, generate_totp_secret())
    me = Person.objects.create(name="Harriet", email=manager.email, user=manager)
    programme = Programme.objects.create(name="Positive Influence", slug="pi", kind="mentoring")
    programme.managers.add(me)
    cohort = _cohort(programme, 7, 300)
    pairs = _pairs(cohort, args.pairs, "a")
    held = _meetings(pairs, args.meetings)

    client = Client()
    client.force_login(manager)
    out: list[tuple] = []
    base = f"/meetings/cohorts/{cohort.pk}/"
    pages = [
        ("health page", base),
        ("health, by last", base + "?sort=last&dir=desc&status=open"),
        ("health htmx filter", base + "?status=stalled&q=mentor"),
        ("health API", f"/api/meetings/cohorts/{cohort.pk}/health"),
    ]
    for label, url in pages if args.part != "job" else []:
        headers = {"HTTP_HX_REQUEST": "true"} if "htmx" in label else {}
        client.get(url, **headers)
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, **headers).status_code == 200
        query_count = len(queries.captured_queries)
        times = []
        for _ in range(args.requests):
            started = time.perf_counter()
            client.get(url, **headers)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        out.append(("page", label, query_count, statistics.median(times), p95, held))

    if args.part == "pages":
        return out
    # The periodic job over --job-pairs active pairs in all.
    more = max(0, args.job_pairs - args.pairs)
    second = _cohort(programme, 8, 60)
    extra = _pairs(second, more, "b")
    _meetings(extra, more * 3)
    everyone = pairs + extra
    today = timezone.localdate()
    MeetingSlot.objects.bulk_create(
        MeetingSlot(
            pairing=p,
            starts_at=datetime.combine(today + timedelta(days=1 + i % 14), clock(18), tzinfo=UTC),
            time_zone="Europe/London",
            every_days=14,
            duration_minutes=60,
            until=p.cohort.ends_on,
        )
        for i, p in enumerate(everyone[::2])
    )
    now = timezone.now()
    for run in ("first run", "second run"):
        mail.outbox = []
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            sent = cadence_notices_send(now)
            seconds = time.perf_counter() - started
        batches = -(-len(everyone) // BATCH)
        out.append(
            (
                "job",
                run,
                len(queries.captured_queries),
                seconds,
                sum(sent.values()),
                len(mail.outbox),
                batches,
            )
        )
    assert CadenceNotice.objects.count() == out[-2][4]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--meetings", type=int, default=20000)
    parser.add_argument("--job-pairs", type=int, default=10000)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/amplify"),
    )
    parser.add_argument("--part", choices=["all", "pages", "job"], default="all")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        for row in measure(args.child, args):
            print("ROW", *row, sep="\t")
        return
    import _django

    with tempfile.TemporaryDirectory() as tmp:
        targets = [
            ("SQLite", f"sqlite:///{Path(tmp) / 'meetings.sqlite3'}"),
            ("PostgreSQL", _django.scratch_postgres(args.postgres)),
        ]
        print(
            f"{'database':<11} {'page':<20} {'queries':>8} {'median ms':>10} {'p95 ms':>8}"
            f"   ({args.pairs:,} pairs, {args.meetings:,} meetings, {args.requests} requests)"
        )
        jobs = []
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
                    "--requests",
                    str(args.requests),
                    "--pairs",
                    str(args.pairs),
                    "--meetings",
                    str(args.meetings),
                    "--job-pairs",
                    str(args.job_pairs),
                    "--part",
                    args.part,
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            for line in result.stdout.splitlines():
                if not line.startswith("ROW\t"):
                    continue
                row = line.split("\t")[1:]
                if row[0] == "page":
                    _, page, queries, median, p95, _held = row
                    print(
                        f"{label:<11} {page:<20} {int(queries):>8} {float(median):>10.1f} "
                        f"{float(p95):>8.1f}"
                    )
                else:
                    jobs.append((label, *row[1:]))
        print()
        print(
            f"{'database':<11} {'periodic job':<12} {'seconds':>8} {'queries':>8} "
            f"{'batches':>8} {'notices':>8} {'emails':>8}   ({args.job_pairs:,} active pairs)"
        )
        for label, run, queries, seconds, notices, emails, batches in jobs:
            print(
                f"{label:<11} {run:<12} {float(seconds):>8.2f} {int(queries):>8} "
                f"{int(batches):>8} {int(notices):>8} {int(emails):>8}"
            )


if __name__ == "__main__":
    main()
