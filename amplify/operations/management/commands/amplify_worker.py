"""The background worker: django-tasks-db's worker, made to outlive a database outage, and
running the periodic jobs so no extra service (cron) is needed.

`db_worker` dies on the first OperationalError that is not a lock; here the loop closes its
connections, waits (1 s, 2 s, 4 s … up to `--max-backoff`) and goes on.
"""

from __future__ import annotations

import logging
import random
import time
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django_tasks_db.management.commands import db_worker

from amplify.operations.periodic import periodic_run_due

logger = logging.getLogger("amplify.worker")


class _QuietDrains(logging.Filter):
    """The parent says "Starting worker" and "exiting gracefully" each time batch mode
    drains the queue; this worker neither starts again nor exits, so those lines would only
    fill the log every interval. The first start is kept."""

    def __init__(self) -> None:
        super().__init__()
        self.started = False

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Starting worker"):
            started, self.started = self.started, True
            return not started
        return "exiting gracefully" not in message


class ResilientWorker(db_worker.Worker):
    def __init__(self, *, periodic_every: float, max_backoff: float, **kwargs: Any) -> None:
        # The parent's batch mode drains the queue and returns: this loop then sleeps, runs
        # the periodic jobs when due, and drains again.
        super().__init__(batch=True, **kwargs)
        self.idle = kwargs["interval"]
        self.periodic_every = periodic_every
        self.max_backoff = max_backoff
        self.next_periodic = 0.0

    def step(self) -> None:
        if self.periodic_every and time.monotonic() >= self.next_periodic:
            periodic_run_due()
            self.next_periodic = time.monotonic() + self.periodic_every
        super().run()  # the parent's loop, in batch mode: drain the queue

    def run(self) -> None:
        if self.startup_delay and self.idle:
            time.sleep(random.random())
        self.startup_delay = False  # the parent would wait again on every drain
        backoff = 0.0
        while self.running:
            try:
                self.step()
            except (OperationalError, InterfaceError) as exc:
                backoff = min(self.max_backoff, backoff * 2 or 1.0)
                logger.warning("The database is unavailable (%s); retrying in %.0f s", exc, backoff)
                connections.close_all()
                time.sleep(backoff)
                continue
            backoff = 0.0
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.running:
                time.sleep(self.idle)


class Command(db_worker.Command):
    help = "Run the background worker (tasks and periodic jobs), surviving database outages."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--periodic-every",
            type=float,
            default=None,
            help="Seconds between runs of the periodic jobs; 0 turns them off "
            "(default: AMPLIFY_PERIODIC_EVERY).",
        )
        parser.add_argument(
            "--max-backoff",
            type=float,
            default=60.0,
            help="The longest wait between retries while the database is away (seconds).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The parent's options, less reloading (a worker in production is not reloaded, and
        # the demo restarts it by hand) and batch mode (this loop is the batch loop).
        self.configure_logging(options["verbosity"])
        db_worker.logger.addFilter(_QuietDrains())
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        periodic_every = options["periodic_every"]
        worker = ResilientWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            interval=options["interval"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            periodic_every=(
                settings.AMPLIFY_PERIODIC_EVERY if periodic_every is None else periodic_every
            ),
            max_backoff=options["max_backoff"],
        )
        worker.configure_signals()
        worker.run()
