"""What each request of the load bench costs the server, measured in-process.

    python bench/server_cost.py [--users 100] [--rounds 20] [--postgres URL | --sqlite]
                                [--database URL] [--profile N] [--queries LABEL]

Wall-clock time on a shared 2-core machine says more about the neighbours than about the
code, so this counts what a request *costs*: the CPU time of the Django process
(time.process_time, which does not grow while the process waits for a core), the CPU time of
the PostgreSQL backend that served it (from /proc, when the database is on this machine),
and its SQL queries. Each route of bench/load.py is requested --rounds times per visitor
sample through Django's WSGI handler with the full middleware stack, DEBUG off, one
persistent database connection (as gunicorn with DB_CONN_MAX_AGE), the same signed-in
sessions and API tokens as the load bench.

--database uses an existing database that holds the demo (nothing is dropped); otherwise a
scratch one is built (PostgreSQL `<name>_bench`, or a temporary SQLite file with --sqlite or
when PostgreSQL is not reachable).
--profile N prints the N heaviest functions (cProfile, by own time and cumulative time) over
one more pass of every route (CPU time, not wall-clock); --queries LABEL prints the SQL of one
request of that route (`all`: of every route).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

SAMPLE_VISITORS = 5  # per route: different people, different cohorts


def backend_cpu_seconds(pid: int | None) -> float:
    """utime + stime of a local process (the PostgreSQL backend), or 0 when unknown."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Requester:
    """Sends GET requests through Django's WSGI handler, like gunicorn would."""

    def __init__(self) -> None:
        from django.core.handlers.wsgi import WSGIHandler

        self.handler = WSGIHandler()

    def get(self, path: str, headers: dict[str, str]) -> int:
        from io import BytesIO

        path_info, _, query = path.partition("?")
        environ: dict[str, Any] = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path_info,
            "QUERY_STRING": query,
            "SCRIPT_NAME": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        for name, value in headers.items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        status: list[str] = []

        def start_response(s: str, _headers: Any, _exc: Any = None) -> None:
            status.append(s)

        body = self.handler(environ, start_response)
        try:
            for _chunk in body:
                pass
        finally:
            close = getattr(body, "close", None)
            if close:
                close()
        return int(status[0].split()[0])


def headers_for(visitor: Any, label: str) -> dict[str, str]:
    if label.startswith("api"):
        return {"Authorization": f"Bearer {visitor.token}"}
    return {"Cookie": visitor.cookie}


@contextmanager
def counting_queries() -> Iterator[list[str]]:
    from django.db import connection

    queries: list[str] = []

    def wrapper(
        execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield queries


def setup_database(args: argparse.Namespace) -> str:
    import _django

    if args.database:
        url = args.database
    elif args.sqlite:
        url = f"sqlite:///{tempfile.mkdtemp(prefix='amplify-cost-')}/bench.sqlite3"
    else:
        scratch = _django.scratch_postgres(args.postgres)
        if scratch is None:
            print(f"PostgreSQL is not reachable at {args.postgres}: measuring on SQLite")
            scratch = f"sqlite:///{tempfile.mkdtemp(prefix='amplify-cost-')}/bench.sqlite3"
        url = scratch
    os.environ["DEBUG"] = "0"
    os.environ["DB_CONN_MAX_AGE"] = "600"
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1"
    _django.setup(url)
    from django.core.management import call_command

    from amplify.programmes.models import Programme

    if not Programme.objects.exists():
        started = time.perf_counter()
        call_command("demo_load", verbosity=0)
        print(f"demo loaded in {time.perf_counter() - started:.0f} s")
    return url


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=100, help="people signed in (as load.py)")
    parser.add_argument("--rounds", type=int, default=20, help="requests per visitor and route")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/amplify"),
    )
    parser.add_argument("--sqlite", action="store_true", help="a scratch SQLite file instead")
    parser.add_argument("--database", help="an existing database with the demo loaded")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--queries", metavar="LABEL")
    parser.add_argument("--dump", metavar="FILE", help="with --profile: save the pstats")
    parser.add_argument("--callers", metavar="REGEX", help="with --profile: who calls these")
    parser.add_argument("--only", metavar="REGEX", help="measure only the routes matching")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    url = setup_database(args)
    from _visitors import sign_in_visitors
    from django.db import connection

    rng = random.Random(args.seed)
    visitors = sign_in_visitors(args.users, rng=rng)
    # (label, is a manager's) -> visitors having that route; the same label ("home",
    # "cohort") is a different page for a manager and a member, so they are kept apart.
    by_route: dict[str, list[tuple[Any, str]]] = {}
    # Each visitor of load.py picks one of her routes at random at each click.
    weights: dict[str, float] = {}
    for visitor in visitors:
        manager = "api people" in {label for label, _ in visitor.routes}
        for label, path in visitor.routes:
            key = f"{label} (manager)" if manager and label in ("home", "cohort") else label
            by_route.setdefault(key, []).append((visitor, path))
            weights[key] = weights.get(key, 0.0) + 1 / len(visitor.routes)
    samples = {
        key: rng.sample(entries, min(SAMPLE_VISITORS, len(entries)))
        for key, entries in sorted(by_route.items())
        if not args.only or re.search(args.only, key)
    }

    requester = Requester()
    connection.ensure_connection()
    backend_pid: int | None = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend_pid = int(cursor.fetchone()[0])
        if not Path(f"/proc/{backend_pid}").exists():
            backend_pid = None  # the database is on another machine

    def label_of(key: str) -> str:
        return key.removesuffix(" (manager)")

    # Warm up: templates, URL resolvers, the first session write of each visitor.
    for key, entries in samples.items():
        for visitor, path in entries:
            for _ in range(2):
                status = requester.get(path, headers_for(visitor, label_of(key)))
                if status != 200:
                    print(f"warning: {key} {path} answered {status}", file=sys.stderr)

    if args.queries:
        for key, entries in samples.items():
            if args.queries in ("all", key, label_of(key)):
                visitor, path = entries[0]
                with counting_queries() as queries:
                    requester.get(path, headers_for(visitor, label_of(key)))
                print(f"\n{key} {path}: {len(queries)} queries")
                for sql in queries:
                    print("  ", sql[:300])

    rows = []
    for key, entries in samples.items():
        wall = db = 0.0
        cpus: list[float] = []
        counts: list[int] = []
        n = 0
        for _ in range(args.rounds):
            for visitor, path in entries:
                headers = headers_for(visitor, label_of(key))
                with counting_queries() as queries:
                    db0, cpu0, wall0 = (
                        backend_cpu_seconds(backend_pid),
                        time.process_time(),
                        time.perf_counter(),
                    )
                    requester.get(path, headers)
                    cpus.append(time.process_time() - cpu0)
                    wall += time.perf_counter() - wall0
                    db += backend_cpu_seconds(backend_pid) - db0
                counts.append(len(queries))
                n += 1
        # The median: a request that lost its core to a neighbour mid-way costs more CPU
        # (cold caches), and the mean would carry that noise.
        cpu_ms = 1000 * statistics.median(cpus)
        rows.append((key, n, cpu_ms, 1000 * db / n, 1000 * wall / n, counts))

    print(
        f"\n{connection.vendor}, {len(visitors)} signed-in people, {args.rounds} rounds × "
        f"{SAMPLE_VISITORS} visitors per route; load average {os.getloadavg()[0]:.2f}"
    )
    print(
        f"{'route':<28}{'requests':>9}{'app CPU ms':>11}{'db CPU ms':>10}{'wall ms':>9}"
        f"{'queries':>9}"
    )
    for key, n, cpu_ms, db_ms, wall_ms, counts in rows:
        spread = f"{min(counts)}" if min(counts) == max(counts) else f"{min(counts)}-{max(counts)}"
        db_text = f"{db_ms:>10.1f}" if backend_pid else f"{'-':>10}"
        print(f"{key:<28}{n:>9}{cpu_ms:>11.1f}{db_text}{wall_ms:>9.1f}{spread:>9}")
    total = sum(weights.values())
    if not args.only:
        mix = [sum(row[i] * weights[row[0]] / total for row in rows) for i in (2, 3)]
        db_mix = f"{mix[1]:>10.1f}" if backend_pid else f"{'-':>10}"
        print(f"{'load mix (weighted)':<28}{'':>9}{mix[0]:>11.1f}{db_mix}")

    if args.profile:
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(max(1, args.rounds // 4)):
            for key, entries in samples.items():
                for visitor, path in entries:
                    requester.get(path, headers_for(visitor, label_of(key)))
        profiler.disable()
        for order in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(args.profile)
            print(f"\ncProfile by {order}:")
            print("\n".join(out.getvalue().splitlines()[6:]))
        if args.dump:
            profiler.dump_stats(args.dump)
        if args.callers:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_callers(args.callers)
            print(out.getvalue())
    if not args.database and url.startswith("postgres"):
        connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
