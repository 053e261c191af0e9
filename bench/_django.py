"""Setting up Django for a bench script against a scratch database of its own."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(database_url: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amplify.settings")
    os.environ.setdefault("SECURE_SSL", "0")  # in-process requests are plain HTTP
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnop")
    os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def scratch_postgres(url: str, *, reuse: bool = False) -> str | None:
    """A fresh database on the server at `url` (its name suffixed _bench), or None.
    With `reuse`, an existing one is kept as it is."""
    try:
        import psycopg
    except ImportError:
        return None
    base, _, name = url.rpartition("/")
    scratch = f"{name or 'amplify'}_bench"
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [scratch])
            if reuse and exists.fetchone():
                return f"{base}/{scratch}"
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{scratch}"')
    except psycopg.OperationalError:
        return None
    return f"{base}/{scratch}"
