"""The production server under load: 100 signed-in people using the main pages and the API.

    python bench/load.py [--users 100] [--duration 60] [--think 1.0] [--workers 3]
                         [--threads 4] [--postgres URL] [--max-requests 20000]

Builds a scratch PostgreSQL database with the demo organisation (the real `demo_load`), gives
--users enrolled people an account, a signed-in session and an API token, starts gunicorn on
127.0.0.1 (the documented production set-up: gunicorn + whitenoise, DEBUG off) and lets one
thread per person browse for --duration seconds: each picks a page or API call of her role,
waits for the answer, then thinks for about --think seconds (0.5x–1.5x, like a person reading).
Managers browse cohort people, the directory and search; members their home, cohort, profile,
matches and events. Traffic goes to 127.0.0.1 only; the run is bounded by --duration and
--max-requests and stops by itself.

Prints requests/s, p50/p95/p99/max latency and errors, overall and per route.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

SECRET_KEY = "bench-only-secret-key-0123456789-abcdefghijklmnop"


@dataclass
class Visitor:
    """One signed-in person: her cookie, her token and the routes she browses."""

    cookie: str
    token: str
    routes: list[tuple[str, str]]  # (label, path); labels starting "api" use the token


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    samples: list[str] = field(default_factory=list)
    count: int = 0

    def add(self, label: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.count += 1
            self.times[label].append(seconds)
            if error:
                self.errors[label] += 1
                if len(self.samples) < 10:
                    self.samples.append(f"{label}: {error}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(database_url: str, users: int) -> list[Visitor]:
    """Load the demo and sign people in; return what each visitor needs."""
    import _django

    os.environ["DEBUG"] = "0"
    _django.setup(database_url)
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.urls import reverse

    from amplify.accounts.middleware import SESSION_FLAG
    from amplify.accounts.models import User
    from amplify.accounts.services import api_token_create, user_create
    from amplify.people.models import Person
    from amplify.programmes.models import Cohort, Enrolment

    started = time.perf_counter()
    call_command("demo_load", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"demo loaded and static collected in {time.perf_counter() - started:.0f} s")

    def sign_in(user: User) -> tuple[str, str]:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        # A signed-in staff member has passed her second factor at login.
        session[SESSION_FLAG] = True
        session.create()
        _, raw = api_token_create(user=user, name="load test")
        return f"{settings.SESSION_COOKIE_NAME}={session.session_key}", raw

    visitors: list[Visitor] = []
    managers = list(User.objects.filter(role=User.Role.PROGRAMME_MANAGER).order_by("pk"))
    for i in range(max(1, users // 10) if managers else 0):
        user = managers[i % len(managers)]
        cookie, token = sign_in(user)
        cohort = random.choice(list(Cohort.objects.managed_by(user).order_by("pk")))
        routes = [
            ("home", reverse("home:index")),
            ("cohort", reverse("programmes:cohort", args=[cohort.pk])),
            ("cohort people", reverse("programmes:cohort-people", args=[cohort.pk])),
            ("directory", reverse("people:list")),
            ("directory search", reverse("people:list") + "?q=an"),
            ("api people", "/api/people?limit=50"),
            ("api cohort enrolments", f"/api/cohorts/{cohort.pk}/enrolments"),
        ]
        visitors.append(Visitor(cookie, token, routes))
    enrolments = (
        Enrolment.objects.filter(cohort__status=Cohort.Status.RUNNING)
        .select_related("person", "person__user")
        .order_by("pk")
    )
    seen: set[int] = set()
    for enrolment in enrolments:
        if len(visitors) >= users:
            break
        person: Person = enrolment.person
        if person.pk in seen:
            continue
        seen.add(person.pk)
        user = person.user
        if user is None:
            user = user_create(email=person.email, password=None)
            Person.objects.filter(pk=person.pk).update(user=user)
        if user.needs_mfa:
            continue
        cookie, token = sign_in(user)
        routes = [
            ("home", reverse("home:index")),
            ("my profile", reverse("people:detail", args=[person.pk])),
            ("cohort", reverse("programmes:cohort", args=[enrolment.cohort_id])),
            ("events", reverse("events:list")),
            ("api me", "/api/me"),
            ("api my matches", "/api/me/matches"),
            ("api cohort", f"/api/cohorts/{enrolment.cohort_id}"),
            ("api events", "/api/events"),
        ]
        visitors.append(Visitor(cookie, token, routes))
    return visitors


def browse(
    visitor: Visitor,
    port: int,
    deadline: float,
    think: float,
    tally: Tally,
    budget: threading.Semaphore,
    rng: random.Random,
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    # People arrive over the first few seconds rather than all at once.
    time.sleep(rng.uniform(0, min(5.0, think * 2)))
    while time.monotonic() < deadline and budget.acquire(blocking=False):
        label, path = rng.choice(visitor.routes)
        headers = {"Host": "127.0.0.1"}
        if label.startswith("api"):
            headers["Authorization"] = f"Bearer {visitor.token}"
        else:
            headers["Cookie"] = visitor.cookie
        started = time.perf_counter()
        error = None
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                error = f"{response.status} on {path}"
        except (OSError, http.client.HTTPException) as exc:
            error = f"{type(exc).__name__} on {path}"
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        tally.add(label, time.perf_counter() - started, error)
        time.sleep(think * rng.uniform(0.5, 1.5))
    conn.close()


def quantile(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1]


def report(tally: Tally, elapsed: float) -> None:
    every = [t for times in tally.times.values() for t in times]
    rows = [("all", every, sum(tally.errors.values()))] + [
        (label, times, tally.errors.get(label, 0)) for label, times in sorted(tally.times.items())
    ]
    print(
        f"\n{'route':<24}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'p99 ms':>8}{'max ms':>8}{'errors':>8}"
    )
    for label, times, errors in rows:
        if not times:
            continue
        print(
            f"{label:<24}{len(times):>9}{len(times) / elapsed:>8.1f}"
            f"{1000 * quantile(times, 0.50):>8.0f}{1000 * quantile(times, 0.95):>8.0f}"
            f"{1000 * quantile(times, 0.99):>8.0f}{1000 * max(times):>8.0f}{errors:>8}"
        )
    for sample in tally.samples:
        print("  error:", sample)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of browsing")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between clicks")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--max-requests", type=int, default=20000, help="stop after this many")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/amplify"),
    )
    args = parser.parse_args()

    from _django import scratch_postgres

    database_url = scratch_postgres(args.postgres)
    if database_url is None:
        print(f"PostgreSQL is not reachable at {args.postgres}", file=sys.stderr)
        return 2
    visitors = prepare(database_url, args.users)
    port = free_port()
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        SECRET_KEY=SECRET_KEY,
        DEBUG="0",
        SECURE_SSL="0",
        ALLOWED_HOSTS="127.0.0.1",
        DB_CONN_MAX_AGE="60",
        DJANGO_SETTINGS_MODULE="amplify.settings",
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "amplify.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        # Warm each worker (imports, template loading) before measuring.
        for visitor in visitors[: args.workers * 4]:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", visitor.routes[0][1], headers={"Cookie": visitor.cookie})
            conn.getresponse().read()
            conn.close()
        print(
            f"{len(visitors)} signed-in people on gunicorn ({args.workers} workers × "
            f"{args.threads} threads), {args.duration:.0f} s, think ~{args.think} s"
        )
        tally = Tally()
        budget = threading.Semaphore(args.max_requests)
        started = time.monotonic()
        deadline = started + args.duration
        threads = [
            threading.Thread(
                target=browse,
                args=(v, port, deadline, args.think, tally, budget, random.Random(i)),
                daemon=True,
            )
            for i, v in enumerate(visitors)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.duration + 60)
        report(tally, time.monotonic() - started)
        return 0 if not tally.errors else 1
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
