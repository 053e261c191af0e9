"""Server time of the cohort pages with 1,000 enrolments.

    python bench/cohort_page.py [--requests 100] [--enrolments 1000] [--postgres URL]

Builds a scratch database with one cohort of --enrolments people (plus 2,000 more people in
the directory), signs in as its programme manager and times --requests requests per page
in-process (no network, one persistent database connection), on SQLite and on PostgreSQL
when reachable. Prints the median and 95th percentile server time and the queries per page.
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
    database_url: str, enrolments: int, requests: int
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
    from django.utils.text import slugify

    from amplify.accounts.models import User
    from amplify.people.models import Division, Person
    from amplify.programmes.models import Cohort, Enrolment, Programme

    settings.ALLOWED_HOSTS = ["*"]
    # Keep one connection across requests, as a server with DB_CONN_MAX_AGE set does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    division = Division.objects.create(name="Sony Music UK", slug=slugify("Sony Music UK"))
    people = Person.objects.bulk_create(
        Person(
            employee_id=f"E{i}",
            name=f"Person {i}",
            email=f"p{i}@sony.example",
            country_id="GB",
            division=division,
            job_title="Manager",
            languages=["en"],
        )
        for i in range(enrolments + 2000)
    )
    manager = User.objects.create_user("pm@sony.example", "x", role="programme_manager")
    TOTP.activate(manager, generate_totp_secret())
    me = Person.objects.create(name="Harriet", email=manager.email, user=manager)
    programme = Programme.objects.create(name="Positive Influence", slug="pi", kind="mentoring")
    programme.managers.add(me)
    cohort = Cohort.objects.create(
        programme=programme,
        name="Cohort 7",
        number=7,
        starts_on=date(2026, 9, 1),
        ends_on=date(2027, 3, 1),
        status="running",
    )
    Enrolment.objects.bulk_create(
        Enrolment(cohort=cohort, person=p, role="mentor" if i % 2 else "mentee")
        for i, p in enumerate(people[:enrolments])
    )
    client = Client()
    client.force_login(manager)
    pages = [
        ("cohort overview", f"/programmes/cohorts/{cohort.pk}/"),
        ("cohort people", f"/programmes/cohorts/{cohort.pk}/people/"),
        ("people directory", "/people/"),
        ("home", "/"),
    ]
    out = []
    for label, url in pages:
        client.get(url)
        connection.queries_log.clear()  # a capped deque: set-up filled it
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        # Read now: later requests reset the query log.
        query_count = len(queries.captured_queries)
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        out.append((label, query_count, statistics.median(times), p95))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--enrolments", type=int, default=1000)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/amplify"),
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        for row in measure(args.child, args.enrolments, args.requests):
            print("ROW", *row, sep="\t")
        return
    import _django

    with tempfile.TemporaryDirectory() as tmp:
        targets = [
            ("SQLite", f"sqlite:///{Path(tmp) / 'page.sqlite3'}"),
            ("PostgreSQL", _django.scratch_postgres(args.postgres)),
        ]
        print(
            f"{'database':<11} {'page':<18} {'queries':>8} {'median ms':>10} {'p95 ms':>8}"
            f"   ({args.enrolments:,} enrolments, {args.requests} requests each)"
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
                    "--enrolments",
                    str(args.enrolments),
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
