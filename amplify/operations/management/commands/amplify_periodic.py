"""Run the periodic jobs that are due, once: for cron, or by hand. Safe to run twice at once."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from amplify.operations import periodic


class Command(BaseCommand):
    help = "Run the periodic jobs (retention, stopped-job sweep, …) that are due."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--only", help="Run only this job (if it is due).")
        parser.add_argument("--list", action="store_true", help="List the registered jobs.")

    def handle(self, *, only: str | None, list: bool, **options: Any) -> None:
        # The registry is read when the command runs, not bound when it is first imported.
        registry = periodic.REGISTRY
        if list:
            for job in registry.values():
                self.stdout.write(f"{job.name}\tevery {job.every}")
            return
        if only is not None and only not in registry:
            raise CommandError(f"No periodic job is called “{only}”.")
        ran = periodic.periodic_run_due(only=only)
        self.stdout.write(f"Ran {len(ran)} periodic job(s): {', '.join(ran) or 'none due'}.")
