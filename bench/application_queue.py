"""Server time of the application review queue with 1,000 applications, and of an offer.

    python bench/application_queue.py [--requests 100] [--applications 1000] [--postgres URL]

Builds a scratch database with one recruiting mentoring cohort and --applications submitted
applications (most eligible, some ineligible, a third referred by two partners), signs in
as its programme manager and times, in-process (no network, one persistent database
connection): the queue page unfiltered, filtered (eligible, from one partner) and on its
last page, one application's page, and the offer action (POST, each request offering a
different eligible application; the offer email goes to Django's in-memory outbox). Runs on
SQLite and on PostgreSQL when reachable; prints median and 95th percentile server time and
the queries per request.
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


def measure(
    database_url: str, applications: int, requests: int
) -> list[tuple[str, int, float, float]]:
    import _django

    _django.setup(database_url)
    from datetime import date

    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from amplify.accounts.models import User
    from amplify.applications.models import Application, Stage
    from amplify.people.models import Partner, Person
    from amplify.programmes.models import Cohort, Programme

    settings.ALLOWED_HOSTS = ["*"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    manager = User.objects.create_user("pm@sony.example", "x", role="programme_manager")
    TOTP.activate(manager, generate_totp_secret())
    me = Person.objects.create(name="Harriet", email=manager.email, user=manager)
    programme = Programme.objects.create(name="Positive Influence", slug="pi", kind="mentoring")
    programme.managers.add(me)
    cohort = Cohort.objects.create(
        programme=programme,
        name="Cohort 8",
        number=8,
        starts_on=date(2027, 4, 12),
        ends_on=date(2027, 10, 8),
        status="recruiting",
    )
    partners = [
        Partner.objects.create(name="Creative Mentor Network", slug="cmn"),
        Partner.objects.create(name="Youth Music", slug="youth-music"),
    ]
    now = timezone.now()
    Application.objects.bulk_create(
        Application(
            cohort=cohort,
            stage=Stage.INELIGIBLE if i % 7 == 0 else Stage.ELIGIBLE,
            name=f"Applicant {i}",
            email=f"a{i}@example.com",
            postcode="SE1",
            right_to_take_part=True,
            interests=["A&R", "Streaming"],
            career_aspiration="marketing",
            languages=["en"],
            availability=[12, 13],
            heard_from="partner",
            language="en",
            consent_given_at=now,
            complete=True,
            submitted_at=now,
            eligible=i % 7 != 0,
            failures=[{"code": "too_old", "params": {"min_age": 18, "max_age": 25}}]
            if i % 7 == 0
            else [],
            criteria_met=[] if i % 7 == 0 else ["free_school_meals"],
            referred_by=partners[i % 2] if i % 3 == 0 else None,
        )
        for i in range(applications)
    )
    eligible = list(
        Application.objects.filter(cohort=cohort, stage=Stage.ELIGIBLE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    client = Client()
    client.force_login(manager)
    queue = f"/applications/cohort/{cohort.pk}/"
    last_page = (applications + 49) // 50
    gets = [
        ("queue", queue),
        ("queue, filtered", f"{queue}?eligible=yes&partner={partners[0].pk}"),
        ("queue, last page", f"{queue}?page={last_page}"),
        ("one application", f"/applications/{eligible[-1]}/"),
    ]
    out = []
    for label, url in gets:
        client.get(url)
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        query_count = len(queries.captured_queries)
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        out.append((label, query_count, *_stats(times)))
    # The offer: each request a different eligible application (a repeat changes nothing).
    targets = iter(eligible)

    def offer() -> int:
        pk = next(targets)
        return client.post(f"/applications/{pk}/decide/", {"action": "offer"}).status_code

    assert offer() == 302  # warm up
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        assert offer() == 302
    query_count = len(queries.captured_queries)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        offer()
        times.append((time.perf_counter() - started) * 1000)
    offered = Application.objects.filter(cohort=cohort, stage=Stage.OFFERED).count()
    assert offered == requests + 2, offered
    out.append(("offer (POST)", query_count, *_stats(times)))
    return out


def _stats(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[max(0, round(0.95 * len(times)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/amplify"),
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        for row in measure(args.child, args.applications, args.requests):
            print("ROW", *row, sep="\t")
        return
    import _django

    with tempfile.TemporaryDirectory() as tmp:
        targets = [
            ("SQLite", f"sqlite:///{Path(tmp) / 'queue.sqlite3'}"),
            ("PostgreSQL", _django.scratch_postgres(args.postgres)),
        ]
        print(
            f"{'database':<11} {'request':<18} {'queries':>8} {'median ms':>10} {'p95 ms':>8}"
            f"   ({args.applications:,} applications, {args.requests} requests each)"
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
                    "--requests",
                    str(args.requests),
                    "--applications",
                    str(args.applications),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            for line in result.stdout.splitlines():
                if line.startswith("ROW\t"):
                    _, page, queries, median, p95 = line.split("\t")
                    print(
                        f"{label:<11} {page:<18} {int(queries):>8} {float(median):>10.1f} "
                        f"{float(p95):>8.1f}"
                    )


if __name__ == "__main__":
    main()
