"""A real worker process for the tests, which can be made to stall at a chosen point of a job
(then killed with SIGKILL, or let go on as a "zombie").

    python -m amplify.operations.tests.stalling_worker <point> <signal-file> [worker options]

At the point it touches `<signal-file>`, then waits until `<signal-file>.go` exists. The
points: `claimed` (just after taking a job), `writing` (inside the import's writing
transaction, the people written but not committed), `applying` (an import checked again,
before it writes), `matching` (inside the solver). `none` stalls nowhere.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any


def _stall(signal: Path) -> None:
    signal.touch()
    go = signal.with_name(signal.name + ".go")
    while not go.exists():
        time.sleep(0.05)


def _install(point: str, signal: Path) -> None:
    from amplify.operations import heartbeat
    from amplify.people.importing import database

    if point == "claimed":
        real_claim = heartbeat.job_claim

        def claim(job: Any, **kwargs: Any) -> bool:
            taken = real_claim(job, **kwargs)
            if taken:
                _stall(signal)
            return taken

        heartbeat.job_claim = claim  # type: ignore[assignment]
    elif point == "writing":
        real_write = database._Writer.write

        def write(self: Any) -> None:
            real_write(self)
            _stall(signal)

        database._Writer.write = write  # type: ignore[method-assign]
    elif point == "applying":
        real_apply = database.apply

        def apply(*args: Any, **kwargs: Any) -> None:
            _stall(signal)
            real_apply(*args, **kwargs)

        database.apply = apply  # type: ignore[assignment]
    elif point == "matching":
        from amplify.matching.services import execution

        real_match = execution.engine.match

        def match(*args: Any, **kwargs: Any) -> Any:
            _stall(signal)
            return real_match(*args, **kwargs)

        execution.engine.match = match  # type: ignore[assignment]
    elif point != "none":
        raise SystemExit(f"unknown point {point}")


def main() -> None:
    point, signal, *options = sys.argv[1:]
    os.environ["DJANGO_SETTINGS_MODULE"] = "amplify.operations.tests.settings_worker"
    import django

    django.setup()
    _install(point, Path(signal))
    from django.core.management import call_command

    call_command("amplify_worker", *options)


if __name__ == "__main__":
    main()
