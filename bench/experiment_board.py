"""Server time of a cohort's experiment board, with thousands of experiments.

    python bench/experiment_board.py [--requests 100] [--experiments 2000] [--postgres URL]

Builds a scratch database with one running leadership cohort of --experiments participants,
each with one experiment (stages, themes, countries and divisions mixed as a real cohort's
are) and its evidence and comments, signs in as the programme manager and times --requests
requests of the board page (whole page, an htmx filter by theme, by country) and of the
board API, in-process on one persistent connection. On SQLite and on PostgreSQL when
reachable. Prints queries, median and p95 server time per page.
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


def _build(n: int) -> tuple:
    import random
    from datetime import timedelta

    from django.utils import timezone

    from amplify.accounts.models import User
    from amplify.experiments.models import Comment, Evidence, Experiment, Stage, Theme
    from amplify.people.models import Country, Division, Person
    from amplify.programmes.models import Cohort, Enrolment, Programme

    rng = random.Random(11)
    today = timezone.localdate()
    manager = User.objects.create_user("pm@sony.example", "x", role="programme_manager")
    me = Person.objects.create(name="Max", email=manager.email, user=manager)
    programme = Programme.objects.create(name="Amplify", slug="amplify", kind="leadership")
    programme.managers.add(me)
    cohort = Cohort.objects.create(
        programme=programme,
        name="Amplify bench",
        number=1,
        starts_on=today - timedelta(days=90),
        ends_on=today + timedelta(days=120),
        status="running",
    )
    countries = list(Country.objects.values_list("code", flat=True)[:40])
    divisions = [
        Division.objects.get_or_create(name=f"Division {i}", slug=f"division-{i}")[0]
        for i in range(8)
    ]
    people = Person.objects.bulk_create(
        Person(
            employee_id=f"p{i}",
            name=f"Participant {i}",
            email=f"p{i}@sony.example",
            country_id=rng.choice(countries),
            division=rng.choice(divisions),
            languages=["en"],
            time_zone="Europe/London",
        )
        for i in range(n)
    )
    sponsors = Person.objects.bulk_create(
        Person(
            employee_id=f"s{i}", name=f"Sponsor {i}", email=f"s{i}@sony.example", country_id="GB"
        )
        for i in range(20)
    )
    Enrolment.objects.bulk_create(
        [Enrolment(cohort=cohort, person=p, role="participant") for p in people]
        + [Enrolment(cohort=cohort, person=p, role="sponsor") for p in sponsors]
    )
    stages, themes = list(Stage), list(Theme.values)
    made = Experiment.objects.bulk_create(
        (
            Experiment(
                cohort=cohort,
                owner=p,
                sponsor=sponsors[i % len(sponsors)],
                title=f"Experiment {i}: the smallest test that could tell",
                stage=rng.choice(stages),
                themes=rng.sample(themes, k=rng.randint(1, 3)),
                country_id=p.country_id,
                division=p.division,
                hypothesis="We believe that " * 10,
            )
            for i, p in enumerate(people)
        ),
        batch_size=1000,
    )
    Evidence.objects.bulk_create(
        (
            Evidence(experiment=e, title="Results", link="https://example.com", added_by=e.owner)
            for e in made
        ),
        batch_size=1000,
    )
    Comment.objects.bulk_create(
        (Comment(experiment=e, author=e.sponsor, body="Go.") for e in made), batch_size=1000
    )
    return manager, cohort, rng.choice(countries)


def measure(database_url: str, args: argparse.Namespace) -> list[tuple]:
    import _django

    _django.setup(database_url)
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from amplify.accounts.services import api_token_create

    settings.ALLOWED_HOSTS = ["*"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    manager, cohort, country = _build(args.experiments)
    TOTP.activate(manager, generate_totp_secret())
    client = Client()
    client.force_login(manager)
    token = api_token_create(user=manager, name="bench")[1]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    base = f"/experiments/cohorts/{cohort.pk}/board/"
    pages = [
        ("board page", client, base, {}),
        ("board htmx theme", client, base + "?theme=data", {"HTTP_HX_REQUEST": "true"}),
        ("board htmx country", client, base + f"?country={country}", {"HTTP_HX_REQUEST": "true"}),
        ("board API", api, f"/api/experiments/cohorts/{cohort.pk}/board", {}),
    ]
    out: list[tuple] = []
    for label, browser, url, headers in pages:
        assert browser.get(url, **headers).status_code == 200
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            browser.get(url, **headers)
        # Counted now: each request that follows starts by emptying the query log.
        query_count = len(queries.captured_queries)
        times = []
        for _ in range(args.requests):
            started = time.perf_counter()
            browser.get(url, **headers)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        out.append((label, query_count, statistics.median(times), p95))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--experiments", type=int, default=2000)
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/amplify_experiments"
        ),
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        for row in measure(args.child, args):
            print("ROW", *row, sep="\t")
        return
    import _django

    with tempfile.TemporaryDirectory() as tmp:
        targets = [
            ("SQLite", f"sqlite:///{Path(tmp) / 'board.sqlite3'}"),
            ("PostgreSQL", _django.scratch_postgres(args.postgres)),
        ]
        print(
            f"{'database':<11} {'page':<20} {'queries':>8} {'median ms':>10} {'p95 ms':>8}"
            f"   ({args.experiments:,} experiments, {args.requests} requests)"
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
                    "--experiments",
                    str(args.experiments),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            for line in result.stdout.splitlines():
                if line.startswith("ROW\t"):
                    _, page, queries, median, p95 = line.split("\t")
                    print(
                        f"{label:<11} {page:<20} {int(queries):>8} {float(median):>10.1f} "
                        f"{float(p95):>8.1f}"
                    )


if __name__ == "__main__":
    main()
