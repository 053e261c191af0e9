# ruff: noqa: S608 -- table and column names come from the models; every value is a parameter.
"""The database side of an import: what Amplify holds now, and writing a checked plan."""

from __future__ import annotations

import uuid
import zoneinfo
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import connection, transaction

from amplify.home.history_actor import actor_label
from amplify.people.importing.check import (
    COLUMN_OF_FIELD,
    Existing,
    Plan,
    Reference,
    Row,
    Snapshot,
)
from amplify.people.models import Country, Division, Language, Person

BATCH = 2000


def load_reference() -> Reference:
    languages: dict[str, str] = {}
    for code, name in Language.objects.values_list("code", "name"):
        languages[code.lower()] = code
        languages.setdefault(name.lower(), code)
    divisions = dict(Division.objects.values_list("id", "name"))
    return Reference(
        countries=frozenset(Country.objects.values_list("code", flat=True)),
        languages=languages,
        divisions={name.lower(): pk for pk, name in divisions.items()},
        division_names=divisions,
        time_zones=frozenset(zoneinfo.available_timezones()),
    )


def load_snapshot() -> Snapshot:
    by_employee_id: dict[str, Existing] = {}
    rows = Person.objects.employees().values_list(
        "pk",
        "employee_id",
        "name",
        "email",
        "country_id",
        "division_id",
        "job_title",
        "manager__employee_id",
        "languages",
        "time_zone",
    )
    for pk, eid, name, email, country, division, title, manager, langs, tz in rows.iterator(
        chunk_size=BATCH
    ):
        assert eid is not None  # employees() has an employee id
        by_employee_id[eid] = Existing(
            pk, name, email, country, division, title, manager, langs or [], tz
        )
    email_owner = {
        email: eid if eid is not None else f"#{pk}"
        for pk, email, eid in Person.objects.values_list("pk", "email", "employee_id").iterator(
            chunk_size=BATCH
        )
    }
    return Snapshot(by_employee_id, email_owner)


def apply(
    plan: Plan,
    *,
    user: Any,
    now: datetime,
    reason: str,
    progress: Callable[[int, int], None] | None = None,
    then: Callable[[], None] | None = None,
) -> None:
    """Write a checked plan: all of it or nothing, without holding the database for long.
    `then` runs last inside the writing transaction (the import records its outcome there,
    so the people and the outcome are saved together; if it raises, neither is).

    A large HR file is written set-wise in SQL rather than through a model instance per row:
    on a 100,000-row file the ORM's per-object work costs ten times the database's own. New
    people get their ids up front, so each row goes in once with its manager already set;
    changed people go through a scratch table and one UPDATE; the audit history is one
    INSERT ... SELECT. The SQL is portable between SQLite and PostgreSQL, except that
    PostgreSQL loads rows with COPY.

    Why two phases rather than one transaction around everything: on SQLite a write
    transaction holds the database's only write lock, so every other writer (each signed-in
    request, the progress bar) would wait for the whole import. So the rows are first
    staged, batch by batch, in temporary tables, which belong to this connection alone:
    staging locks nothing others wait on, and each batch's progress (and heartbeat) commits
    and is seen at once. Then one short transaction copies the staged rows into the people
    table and writes their history. Nobody sees anything until it commits, and if it fails
    nothing is written: all or nothing, as before.
    """
    assert plan.ok, "apply() needs a plan without errors"
    writer = _Writer(
        now=now,
        user_id=getattr(user, "pk", None),
        actor=actor_label(user),
        reason=reason,
        progress=progress,
        total=len(plan.creates) + len(plan.updates),
    )
    with connection.cursor() as cursor:
        writer.cursor = cursor
        writer.create_scratch(plan)
        try:
            pk_of = dict(plan.known)
            pk_of.update(
                zip(
                    (r.employee_id for r in plan.creates),
                    writer.allocate_ids(len(plan.creates)),
                    strict=True,
                )
            )
            writer.stage_creates(plan.creates, pk_of)
            writer.stage_updates(plan, pk_of)
            with transaction.atomic():
                writer.release_moving_emails(plan)
                writer.write()
                writer.record_history()
                if then is not None:
                    then()
        finally:
            writer.drop_scratch()


# Scratch tables, temporary (this connection's alone): who is written and how ("+" created,
# "~" changed), new people's rows, and changed people's new values.
WRITTEN = "amplify_import_written"
NEW = "amplify_import_new"
CHANGES = "amplify_import_changes"
PERSON = Person._meta.db_table
INSERTED = (
    "id",
    "employee_id",
    "name",
    "preferred_name",
    "pronouns",
    "email",
    "country_id",
    "division_id",
    "job_title",
    "manager_id",
    "languages",
    "time_zone",
    "bio",
    "created_at",
    "updated_at",
)
# Plan field -> column, for the fields an HR file can change.
UPDATABLE = {
    "name": "name",
    "email": "email",
    "country": "country_id",
    "division_id": "division_id",
    "job_title": "job_title",
    "manager": "manager_id",
    "languages": "languages",
    "time_zone": "time_zone",
}


class _Writer:
    def __init__(
        self,
        *,
        now: datetime,
        user_id: int | None,
        actor: str,
        reason: str,
        progress: Callable[[int, int], None] | None,
        total: int,
    ) -> None:
        self.cursor: Any = None
        self.columns: tuple[str, ...] = ()
        self.user_id = user_id
        self.actor = actor
        self.reason = reason[:100]
        self.progress = progress
        self.total = total
        self.done = 0
        self.stamp = connection.ops.adapt_datetimefield_value(now)
        self.json = Person._meta.get_field("languages")

    def _step(self, count: int) -> None:
        self.done += count
        if self.progress:
            self.progress(self.done, self.total)

    def _value(self, field: str, row: Row, pk_of: dict[str, int]) -> Any:
        if field == "languages":
            return self.json.get_db_prep_save(row.languages, connection)
        if field == "manager":
            return pk_of[row.manager] if row.manager else None
        return getattr(row, field)

    def _batches(self, items: list[Any], width: int) -> Any:
        # As many rows per statement as the backend's parameter limit allows (SQLite may be
        # built with as few as 999), at most 1,000: one round trip per batch, not per row.
        limit = connection.features.max_query_params or 30_000
        size = max(1, min(1000, limit // width))
        for start in range(0, len(items), size):
            yield items[start : start + size]

    def _insert(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if connection.vendor == "postgresql":
            # COPY is PostgreSQL's bulk path: no statement to parse, no parameters to split.
            with self.cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        values = "(" + ", ".join(["%s"] * len(columns)) + ")"
        self.cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES " + ", ".join([values] * len(rows)),
            [value for row in rows for value in row],
        )

    def create_scratch(self, plan: Plan) -> None:
        self.columns = tuple(
            UPDATABLE[f] for f in UPDATABLE if COLUMN_OF_FIELD.get(f, f) in plan.columns
        )
        self.cursor.execute(
            f"CREATE TEMPORARY TABLE {WRITTEN} "
            "(person_id BIGINT PRIMARY KEY, kind CHAR(1) NOT NULL)"
        )
        self.cursor.execute(
            f"CREATE TEMPORARY TABLE {NEW} AS SELECT {', '.join(INSERTED)} FROM {PERSON} "
            "WHERE 1 = 0"
        )
        self.cursor.execute(
            f"CREATE TEMPORARY TABLE {CHANGES} AS SELECT id, "
            f"{', '.join(self.columns)} FROM {PERSON} WHERE 1 = 0"
        )
        self.cursor.execute(f"CREATE UNIQUE INDEX {CHANGES}_id ON {CHANGES} (id)")

    def drop_scratch(self) -> None:
        for table in (WRITTEN, NEW, CHANGES):
            self.cursor.execute(f"DROP TABLE IF EXISTS {table}")

    def allocate_ids(self, count: int) -> list[int]:
        """Ids for new people, taken before they are written (and never given to anyone
        else, even if the import then fails)."""
        if not count:
            return []
        if connection.vendor == "postgresql":
            self.cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [PERSON, count],
            )
            return [pk for (pk,) in self.cursor.fetchall()]
        # SQLite: the people table's AUTOINCREMENT counter plays the sequence. Moving it on
        # past our ids, in a short transaction, keeps them from anyone who adds a person
        # while the file is staged.
        with transaction.atomic():
            self.cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {PERSON}")
            (top,) = self.cursor.fetchone()
            self.cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [PERSON])
            row = self.cursor.fetchone()
            base = max(top, row[0] if row else 0)
            if row:
                self.cursor.execute(
                    "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [base + count, PERSON]
                )
            else:
                self.cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                    [PERSON, base + count],
                )
        return list(range(base + 1, base + 1 + count))

    def release_moving_emails(self, plan: Plan) -> None:
        # Two people may swap emails in one file; the unique index would reject the first
        # update, so emails that move go to placeholders first.
        moving = [
            (f"moving-{uuid.uuid4().hex}@invalid", old.pk)
            for _, old, changed in plan.updates
            if "email" in changed
        ]
        if moving:
            self.cursor.executemany(f"UPDATE {PERSON} SET email = %s WHERE id = %s", moving)

    def stage_creates(self, rows: list[Row], pk_of: dict[str, int]) -> None:
        for batch in self._batches(rows, len(INSERTED)):
            self._insert(
                NEW,
                INSERTED,
                [
                    (
                        pk_of[r.employee_id],
                        r.employee_id,
                        r.name,
                        "",
                        "",
                        r.email,
                        r.country,
                        r.division_id,
                        r.job_title,
                        self._value("manager", r, pk_of),
                        self._value("languages", r, pk_of),
                        r.time_zone,
                        "",
                        self.stamp,
                        self.stamp,
                    )
                    for r in batch
                ],
            )
            self._insert(
                WRITTEN, ("person_id", "kind"), [(pk_of[r.employee_id], "+") for r in batch]
            )
            self._step(len(batch))

    def stage_updates(self, plan: Plan, pk_of: dict[str, int]) -> None:
        """Changed people: their new values go to a scratch table shaped like the people
        table. Every column the file carries is set (unchanged ones to their own value), so
        one statement serves every row."""
        fields = [f for f in UPDATABLE if COLUMN_OF_FIELD.get(f, f) in plan.columns]
        for batch in self._batches(plan.updates, len(self.columns) + 1):
            self._insert(
                CHANGES,
                ("id", *self.columns),
                [(old.pk, *(self._value(f, row, pk_of) for f in fields)) for row, old, _ in batch],
            )
            self._insert(WRITTEN, ("person_id", "kind"), [(old.pk, "~") for _, old, _ in batch])
            self._step(len(batch))

    def write(self) -> None:
        """The staged rows, into the people table: a few set-wise statements."""
        self.cursor.execute(
            f"INSERT INTO {PERSON} ({', '.join(INSERTED)}) "
            f"SELECT {', '.join(INSERTED)} FROM {NEW} ORDER BY id"
        )
        if self.columns:
            copies = ", ".join(
                f"{c} = (SELECT n.{c} FROM {CHANGES} n WHERE n.id = {PERSON}.id)"
                for c in self.columns
            )
            self.cursor.execute(
                f"UPDATE {PERSON} SET {copies}, updated_at = %s "
                f"WHERE id IN (SELECT id FROM {CHANGES})",
                [self.stamp],
            )

    def record_history(self) -> None:
        history = Person.history.model
        tracked = [
            f.column for f in history._meta.concrete_fields if not f.column.startswith("history_")
        ]
        self.cursor.execute(
            f"INSERT INTO {history._meta.db_table} ({', '.join(tracked)}, history_date, "
            f"history_change_reason, history_type, history_user_id, history_actor) "
            f"SELECT {', '.join(f'p.{c}' for c in tracked)}, %s, %s, w.kind, %s, %s "
            f"FROM {PERSON} p JOIN {WRITTEN} w ON w.person_id = p.id ORDER BY p.id",
            [self.stamp, self.reason, self.user_id, self.actor],
        )
