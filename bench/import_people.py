"""How fast the HR import takes a large file, and how much memory it needs.

    python bench/import_people.py [--rows 100000] [--postgres URL]

Generates an HR export of --rows people (realistic names in 47 countries, six divisions,
reporting lines six levels deep), then for SQLite and PostgreSQL, each in a fresh process and
a scratch database: the dry run (read + check), the import (write, with audit history), and a
re-import of the same file (which must change nothing). Prints a table; targets: the import
of 100,000 rows in under 30 s and under 500 MB peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def generate(rows: int, path: Path) -> None:
    import _django

    _django.setup(f"sqlite:///{path.parent / 'gen.sqlite3'}")
    from amplify.demo.employees import as_csv, build_company
    from amplify.people.models import Country

    names = dict(Country.objects.values_list("code", "name"))
    company = build_company(count=rows, seed=7, country_names=names)
    path.write_bytes(as_csv(company))


def measure(database_url: str, csv_path: str) -> dict[str, float]:
    """Runs in a child process, so its peak memory is the import's alone."""
    import _django

    _django.setup(database_url)
    from django.utils import timezone
    from django.utils.text import slugify

    from amplify.accounts.services import user_create
    from amplify.demo.organisation import DIVISIONS
    from amplify.people.importing import check as checking
    from amplify.people.importing import database
    from amplify.people.importing.reader import read_table
    from amplify.people.models import Division, Person

    for name, _ in DIVISIONS:
        Division.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
    user = user_create(email="bench@example.com", role="programme_manager")
    content = Path(csv_path).read_bytes()
    out: dict[str, float] = {"bytes": len(content)}

    def dry_run() -> checking.Plan:
        table = read_table(content, "bench.csv")
        return checking.check(
            table,
            reference=database.load_reference(),
            snapshot=database.load_snapshot(),
            estimated_rows=content.count(b"\n"),
        )

    started = time.perf_counter()
    plan = dry_run()
    out["check_s"] = time.perf_counter() - started
    assert plan.ok, plan.errors[:3]
    out["rows"] = len(plan.rows)
    started = time.perf_counter()
    database.apply(plan, user=user, now=timezone.now(), reason="bench")
    out["apply_s"] = time.perf_counter() - started
    out["people"] = Person.objects.count()
    out["history"] = Person.history.count()
    del plan
    started = time.perf_counter()
    again = dry_run()
    out["recheck_s"] = time.perf_counter() - started
    out["recheck_changes"] = len(again.creates) + len(again.updates)
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/amplify"),
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(*args.child)))
        return

    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "people.csv"
        print(f"Generating an HR export of {args.rows:,} people…", flush=True)
        started = time.perf_counter()
        generate_in_child(args.rows, csv_path)
        print(f"  {csv_path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - started:.0f} s")
        targets = [("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")]
        import _django

        pg = _django.scratch_postgres(args.postgres)
        targets.append(("PostgreSQL", pg) if pg else ("PostgreSQL", None))
        rows = []
        for label, url in targets:
            if url is None:
                rows.append((label, None))
                continue
            print(f"Importing into {label}…", flush=True)
            result = subprocess.run(
                [sys.executable, __file__, "--child", url, str(csv_path)],
                capture_output=True,
                text=True,
                check=True,
            )
            rows.append((label, json.loads(result.stdout.strip().splitlines()[-1])))
    print()
    print(
        f"{'database':<11} {'rows':>8} {'dry run s':>10} {'import s':>9} {'rows/s':>8} "
        f"{'re-check s':>11} {'changes':>8} {'peak MB':>8}  target: import < 30 s, < 500 MB"
    )
    for label, r in rows:
        if r is None:
            print(f"{label:<11} not reachable: skipped")
            continue
        total = r["check_s"] + r["apply_s"]
        ok = "ok" if total < 30 and r["peak_mb"] < 500 else "MISSED"
        print(
            f"{label:<11} {int(r['rows']):>8,} {r['check_s']:>10.1f} {r['apply_s']:>9.1f} "
            f"{r['rows'] / total:>8,.0f} {r['recheck_s']:>11.1f} {int(r['recheck_changes']):>8} "
            f"{r['peak_mb']:>8.0f}  {ok} ({total:.1f} s)"
        )
    print("\nrows/s counts the dry run and the import together; the re-import must find 0 changes.")


def generate_in_child(rows: int, path: Path) -> None:
    code = (
        f"import sys; sys.path.insert(0, {str(HERE)!r}); import import_people; "
        f"import_people.generate({rows}, __import__('pathlib').Path({str(path)!r}))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


if __name__ == "__main__":
    main()
