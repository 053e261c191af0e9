"""Server time of the organisation roll-up (page and API) over a large organisation.

    python bench/impact_rollup.py [--scale 1.0] [--requests 10] [--sqlite PATH]
                                  [--postgres URL] [--reuse]

Builds, at --scale 1, 100,000 people in 2,000 cohorts of 20 programmes (under the MILES
pillars, 40 countries, 8 divisions), four survey waves per cohort (pre, mid, post,
follow-up) with the seed's three items and 1,000,000 answers, outcomes and experiments,
with the default indicator library (bulk inserts in batches). The SQLite file is
var/bench_impact_rollup.sqlite3 by default; PostgreSQL is a scratch database next to
--postgres, when reachable. --reuse keeps a database already built at the same scale.
Signs in as an impact admin and times --requests GETs of the organisation page and of
/api/impact/organisation, in-process on one persistent connection. Prints queries, median
and p95 seconds per database and request.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
BATCH = 5000


def _build(scale: float) -> None:
    import random
    import uuid
    from datetime import date, datetime, timedelta

    from amplify.experiments.models import Experiment, Stage
    from amplify.impact.library import indicators_install
    from amplify.outcomes.models import Kind, Outcome
    from amplify.people.models import Country, Division, Person
    from amplify.programmes.models import Cohort, Enrolment, Pillar, Programme
    from amplify.surveys.models import Answer, Item, Mode, Phase, Response, Wave, WaveQuestion

    rng = random.Random(11)
    people_n = int(100_000 * scale)
    cohorts_n = max(20, int(2_000 * scale))
    answers_n = int(1_000_000 * scale)
    indicators_install()
    items = list(
        Item.objects.filter(
            key__in=["barriers_understood", "would_continue_meeting", "career_paths_understood"]
        )
    )
    pillars = [
        Pillar.objects.get_or_create(code=code, defaults={"name": name, "position": i})[0]
        for i, (code, name) in enumerate(
            [
                ("M", "Mobility"),
                ("I", "Impact"),
                ("L", "Leadership"),
                ("E", "Equity"),
                ("S", "Safety"),
            ]
        )
    ]
    countries = list(Country.objects.values_list("code", flat=True)[:40])
    divisions = [
        Division.objects.get_or_create(name=f"Division {i}", slug=f"division-{i}")[0]
        for i in range(8)
    ]
    programmes = []
    for i in range(20):
        kind = "leadership" if i % 4 == 0 else "mentoring"
        programme = Programme.objects.create(
            name=f"Programme {i}", slug=f"programme-{i}", kind=kind
        )
        programme.pillars.set(rng.sample(pillars, k=rng.randint(1, 2)))
        programmes.append(programme)
    cohorts = Cohort.objects.bulk_create(
        (
            Cohort(
                programme=programmes[i % 20],
                name=f"{programmes[i % 20].name} cohort {i // 20 + 1}",
                number=i // 20 + 1,
                starts_on=date(2018 + (i // 20) % 8, 1 + i % 12, 1),
                ends_on=date(2018 + (i // 20) % 8, 1 + i % 12, 1) + timedelta(days=300),
                status="closed",
            )
            for i in range(cohorts_n)
        ),
        batch_size=BATCH,
    )
    print(f"  {len(cohorts)} cohorts", file=sys.stderr)
    people = Person.objects.bulk_create(
        (
            Person(
                employee_id=f"e{i}",
                name=f"Person {i}",
                email=f"p{i}@sony.example",
                country_id=rng.choice(countries),
                division=rng.choice(divisions),
                languages=["en"],
                time_zone="Europe/London",
            )
            for i in range(people_n)
        ),
        batch_size=BATCH,
    )
    print(f"  {len(people)} people", file=sys.stderr)
    per_cohort = max(1, people_n // cohorts_n)
    statuses = ["completed"] * 7 + ["withdrawn"] + ["active"] * 2
    enrolments = []
    for c, cohort in enumerate(cohorts):
        members = people[c * per_cohort : (c + 1) * per_cohort]
        leadership = cohort.programme.kind == "leadership"
        for j, person in enumerate(members):
            role = "participant" if leadership else ("mentor" if j % 2 else "mentee")
            if j == 0:
                role = "coach" if leadership else "mentor"
            enrolments.append(
                Enrolment(cohort=cohort, person=person, role=role, status=rng.choice(statuses))
            )
    Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)
    print(f"  {len(enrolments)} enrolments", file=sys.stderr)
    now = datetime(2025, 1, 1, tzinfo=UTC)
    waves = Wave.objects.bulk_create(
        (
            Wave(
                cohort=cohort,
                title=f"{phase} survey",
                phase=phase,
                audience=["mentor", "mentee", "participant"],
                mode=Mode.CONFIDENTIAL,
                opens_at=now,
                closes_at=now + timedelta(days=14),
                launched_at=now,
            )
            for cohort in cohorts
            for phase in (Phase.PRE, Phase.MID, Phase.POST, Phase.FOLLOW_UP)
        ),
        batch_size=BATCH,
    )
    WaveQuestion.objects.bulk_create(
        (
            WaveQuestion(wave=w, item=item, position=i)
            for w in waves
            for i, item in enumerate(items)
        ),
        batch_size=BATCH,
    )
    by_cohort = {}
    for e in enrolments:
        by_cohort.setdefault(e.cohort_id, []).append(e)
    responses_n = answers_n // len(items)
    per_wave, extra = divmod(responses_n, len(waves))
    made = 0
    answers: list[Answer] = []
    responses: list[Response] = []
    for w_index, w in enumerate(waves):
        members = by_cohort.get(w.cohort_id, [])
        for e in members[: per_wave + (1 if w_index < extra else 0)]:
            response = Response(
                id=uuid.uuid4(),
                wave=w,
                role=e.role,
                pseudonym=uuid.uuid4().hex,
                country_id=e.person.country_id,
                division_id=e.person.division_id,
                submitted_on=date(2025, 1, 5),
            )
            responses.append(response)
            for item in items:
                value = rng.randint(0, 1) if item.kind == "yes_no" else rng.randint(1, 5)
                answers.append(Answer(response=response, item=item, number=float(value)))
        if len(answers) >= 50_000:
            Response.objects.bulk_create(responses, batch_size=BATCH)
            Answer.objects.bulk_create(answers, batch_size=BATCH)
            made += len(answers)
            answers, responses = [], []
    Response.objects.bulk_create(responses, batch_size=BATCH)
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    made += len(answers)
    print(f"  {made} answers", file=sys.stderr)
    kinds = list(Kind.values)
    Outcome.objects.bulk_create(
        (
            Outcome(
                person=e.person,
                cohort_id=e.cohort_id,
                kind=rng.choice(kinds),
                happened_on=date(2024, 6, 1),
            )
            for e in enrolments[::10]
        ),
        batch_size=BATCH,
    )
    stages = list(Stage.values)
    Experiment.objects.bulk_create(
        (
            Experiment(
                cohort_id=e.cohort_id,
                owner=e.person,
                title="Experiment",
                stage=rng.choice(stages),
            )
            for e in enrolments
            if e.role == "participant"
        ),
        batch_size=BATCH,
    )


def measure(database_url: str, args: argparse.Namespace) -> list[tuple]:
    import _django

    _django.setup(database_url)
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from amplify.accounts.models import User
    from amplify.accounts.services import api_token_create
    from amplify.people.models import Person

    settings.ALLOWED_HOSTS = ["*"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    admin = User.objects.filter(email="impact@sony.example").first()
    if admin is None:
        started = time.perf_counter()
        _build(args.scale)
        print(f"  built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        admin = User.objects.create_user("impact@sony.example", "x", role="impact_admin")
        Person.objects.create(name="Ina", email=admin.email, user=admin, country_id="GB")
        TOTP.activate(admin, generate_totp_secret())
    client = Client()
    client.force_login(admin)
    token = api_token_create(user=admin, name="bench")[1]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    pages = [
        ("page", client, "/impact/"),
        ("API", api, "/api/impact/organisation"),
        (
            "page, one programme",
            client,
            "/impact/?programme="
            + str(
                __import__("amplify.programmes.models", fromlist=["Programme"])
                .Programme.objects.order_by("pk")
                .values_list("pk", flat=True)[1]
            ),
        ),
    ]
    out: list[tuple] = []
    for label, browser, url in pages:
        response = browser.get(url)
        assert response.status_code == 200, response.content[:500]
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            browser.get(url)
        query_count = len(queries.captured_queries)
        times = []
        for _ in range(args.requests):
            started = time.perf_counter()
            browser.get(url)
            times.append(time.perf_counter() - started)
        times.sort()
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        out.append((label, query_count, statistics.median(times), p95))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 100,000 people")
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument(
        "--sqlite", default=str(HERE.parent / "var" / "bench_impact_rollup.sqlite3")
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/amplify_rollup"),
    )
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep a database already built")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        for row in measure(args.child, args):
            print("ROW", *row, sep="\t")
        return
    import _django

    targets: list[tuple[str, str | None]] = []
    if not args.no_sqlite:
        sqlite = Path(args.sqlite)
        sqlite.parent.mkdir(parents=True, exist_ok=True)
        if not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{sqlite}{suffix}").unlink(missing_ok=True)
        targets.append(("SQLite", f"sqlite:///{sqlite}"))
    if not args.no_postgres:
        targets.append(("PostgreSQL", _django.scratch_postgres(args.postgres, reuse=args.reuse)))
    print(
        f"{'database':<11} {'request':<22} {'queries':>8} {'median s':>9} {'p95 s':>7}"
        f"   (scale {args.scale}: {int(100_000 * args.scale):,} people, "
        f"{max(20, int(2_000 * args.scale)):,} cohorts, {int(1_000_000 * args.scale):,} answers;"
        f" {args.requests} requests)"
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
                "--scale",
                str(args.scale),
            ],
            capture_output=True,
            text=True,
        )
        if result.returncode:
            print(f"{label:<11} failed:\n{result.stderr[-3000:]}")
            continue
        sys.stderr.write(result.stderr)
        for line in result.stdout.splitlines():
            if line.startswith("ROW\t"):
                _, page, queries, median, p95 = line.split("\t")
                print(
                    f"{label:<11} {page:<22} {int(queries):>8} {float(median):>9.2f} "
                    f"{float(p95):>7.2f}"
                )


if __name__ == "__main__":
    main()
