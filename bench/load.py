"""The production server under load: signed-in people using the main pages and the API.

    python bench/load.py [--users 100] [--duration 60] [--think 5] [--workers 2]
                         [--threads 4] [--postgres URL] [--max-requests 20000] [--reuse]

Builds a scratch PostgreSQL database with the demo organisation (the real `demo_load`;
--reuse keeps the one of the last run), gives exactly --users enrolled people an account, a
signed-in session and an API token (or stops, saying how many the demo has), starts
gunicorn on 127.0.0.1 (the documented production set-up: gunicorn + whitenoise, DEBUG off,
docs/operations.md) and lets one thread per person browse for --duration seconds.

The load model is a person at work: each visitor opens a page (or makes an API call) of her
role, waits for the answer, then reads it for a think time drawn uniformly between 0.5x and
1.5x of --think (5 s by default: a page of Amplify is read, not skimmed) before the next
click, and keeps the cookies the server sets (session, CSRF) as a browser does. People
arrive over the first --think seconds, not all at once. 100 people thinking 5 s offer about
20 requests/s; `--think 1` is a stress run (every visitor clicking once a second), which
shows the capacity of the machine rather than a realistic day.
Managers (one visitor in ten) browse cohort pages, the directory and search; members their
home, cohort, profile, matches and events. Traffic goes to 127.0.0.1 only; the run is
bounded by --duration and --max-requests and stops by itself.

Prints, overall and per route: requests, req/s, p50/p95/p99/max latency and errors; the
server's CPU time per request (gunicorn workers plus the PostgreSQL backends serving them,
from /proc), the load client's own CPU, and the machine's load average (os.getloadavg())
before and during the run with its CPU pressure: on a shared 2-core machine, read latency
against that load. bench/server_cost.py measures the cost of each route without the noise.
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
from http.cookies import SimpleCookie
from pathlib import Path
from typing import TYPE_CHECKING

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

if TYPE_CHECKING:
    from _visitors import Visitor

SECRET_KEY = "bench-only-secret-key-0123456789-abcdefghijklmnop"


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


def prepare(database_url: str, users: int, seed: int) -> list[Visitor]:
    """Load the demo and sign people in; return what each visitor needs."""
    import _django

    os.environ["DEBUG"] = "0"
    _django.setup(database_url)
    from _visitors import sign_in_visitors
    from django.core.management import call_command

    from amplify.programmes.models import Programme

    started = time.perf_counter()
    if not Programme.objects.exists():
        call_command("demo_load", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"demo loaded and static collected in {time.perf_counter() - started:.0f} s")
    return sign_in_visitors(users, rng=random.Random(seed))


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process on this machine (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_pids(master: int, database: str) -> list[int]:
    """gunicorn's master and workers, and the PostgreSQL backends of the bench database."""
    pids = [master]
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        backend = cmdline.startswith(b"postgres: ") and f" {database} ".encode() in cmdline
        if int(stat[1]) == master or backend:
            pids.append(int(entry.name))
    return pids


def cpu_pressure() -> str:
    """The kernel's share of the last minute in which some runnable task waited for a core."""
    try:
        some = Path("/proc/pressure/cpu").read_text().splitlines()[0].split()
    except (OSError, IndexError):
        return "CPU pressure unknown"
    return f"CPU pressure (tasks waiting for a core) {some[2].split('=')[1]}% of the last minute"


class LoadSampler(threading.Thread):
    """The 1-minute load average, once a second, while the run lasts."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.values: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(1.0):
            self.values.append(os.getloadavg()[0])


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
    # Her browser's cookie jar: the session, then whatever the server sets (CSRF token).
    jar = SimpleCookie(visitor.cookie)
    # People arrive over the first think time rather than all at once.
    time.sleep(rng.uniform(0, think))
    while time.monotonic() < deadline and budget.acquire(blocking=False):
        label, path = rng.choice(visitor.routes)
        headers = {"Host": "127.0.0.1"}
        if label.startswith("api"):
            headers["Authorization"] = f"Bearer {visitor.token}"
        else:
            headers["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in jar.items())
        started = time.perf_counter()
        error = None
        try:
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
            except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected):
                # The server closed the kept-alive connection while she was reading
                # (gunicorn's --keep-alive is seconds): a browser reconnects and resends.
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
            response.read()
            if response.status != 200:
                error = f"{response.status} on {path}"
            if not label.startswith("api"):
                for value in response.headers.get_all("Set-Cookie") or []:
                    jar.load(value)
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
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog=__doc__.split("\n\n", 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--users", type=int, default=100, help="people signed in at once")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of browsing")
    parser.add_argument(
        "--think",
        type=float,
        default=5.0,
        help="mean seconds a person reads before her next click (0.5x-1.5x); 1 = stress run",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--max-requests", type=int, default=20000, help="stop after this many")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the scratch database of the last run"
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/amplify"),
    )
    args = parser.parse_args()

    from _django import scratch_postgres
    from _visitors import NotEnoughPeople

    database_url = scratch_postgres(args.postgres, reuse=args.reuse)
    if database_url is None:
        print(f"PostgreSQL is not reachable at {args.postgres}", file=sys.stderr)
        return 2
    try:
        visitors = prepare(database_url, args.users, args.seed)
    except NotEnoughPeople as exc:
        print(exc, file=sys.stderr)
        return 2
    from django.db import connections

    connections.close_all()  # the bench's own connection is not the server's
    database = database_url.rpartition("/")[2]
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
        for visitor in visitors[: args.workers * args.threads * 2]:
            for _label, path in visitor.routes[:3]:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path, headers={"Cookie": visitor.cookie})
                conn.getresponse().read()
                conn.close()
        print(
            f"{len(visitors)} signed-in people on gunicorn ({args.workers} workers × "
            f"{args.threads} threads), {args.duration:.0f} s, think {args.think} s "
            f"(0.5x-1.5x); load average before: {os.getloadavg()[0]:.2f}"
        )
        tally = Tally()
        budget = threading.Semaphore(args.max_requests)
        sampler = LoadSampler()
        pids = server_pids(server.pid, database)
        cpu_before = {pid: cpu_seconds(pid) for pid in pids}
        client_before = time.process_time()
        sampler.start()
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
        elapsed = time.monotonic() - started
        sampler.stop.set()
        client_cpu = time.process_time() - client_before
        pids = server_pids(server.pid, database)  # backends opened during the run too
        server_cpu = sum(cpu_seconds(pid) - cpu_before.get(pid, 0.0) for pid in pids)
        report(tally, elapsed)
        loads = sampler.values or [os.getloadavg()[0]]
        requests = max(1, tally.count)
        print(
            f"\nserver CPU {1000 * server_cpu / requests:.1f} ms per request (gunicorn and "
            f"its PostgreSQL backends; {server_cpu / elapsed:.2f} of 2 cores); load client "
            f"CPU {1000 * client_cpu / requests:.1f} ms per request"
        )
        print(
            f"load average during the run: min {min(loads):.2f}, mean "
            f"{statistics.mean(loads):.2f}, max {max(loads):.2f} (2 cores, shared); "
            f"{cpu_pressure()}"
        )
        return 0 if not tally.errors else 1
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
