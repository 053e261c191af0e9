"""Load the demo organisation: `manage.py demo_load [--reset]`."""

from __future__ import annotations

import time
from typing import Any

from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from amplify.people.reference import load_reference_data
from amplify.programmes.models import Programme
from amplify.programmes.pillars import load_pillars


class Command(BaseCommand):
    help = "Build the demo organisation: people, programmes since 2013, events and logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty the database first (everything in it is lost).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing, successfully, when data is already loaded.",
        )
        parser.add_argument("--employees", type=int, default=3000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        from amplify.demo.build import build

        if options["employees"] < 500:
            raise CommandError("The demo needs at least 500 employees to staff its cohorts.")
        if Programme.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Demo data is already loaded (demo_load --reset rebuilds it).")
                self._logins()
                return
            if not options["reset"]:
                raise CommandError("The database already holds data; use --reset to rebuild it.")
            call_command("flush", interactive=False, verbosity=0)
        # Idempotent; flush (or a hand-emptied database) loses what the data migrations loaded.
        load_reference_data(apps)
        load_pillars(apps)
        started = time.monotonic()
        # The notices that building the history would send (invitations, nudges, decisions)
        # are kept in memory, not printed: the demo's people are fictional, and a wall of
        # MIME would bury the logins.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            mail.outbox = []
            counts = build(
                seed=options["seed"],
                employees=options["employees"],
                say=lambda text: self.stdout.write(text),
            )
            held = len(mail.outbox)
        took = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo organisation loaded in {took:.0f} s: "
                + ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in counts.items())
            )
        )
        self.stdout.write(f"({held:,} notices the history would have emailed were not sent.)")
        self._logins()

    def _logins(self) -> None:
        from amplify.demo.build import LOGINS
        from amplify.demo.organisation import DEMO_PASSWORD

        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for _, email, label, _ in LOGINS:
            self.stdout.write(f"  {label:<26} {email}")
