"""The database side of an import: what Amplify holds now, and writing a checked plan."""

from __future__ import annotations

import uuid
import zoneinfo
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from amplify.core.hierarchy import layers
from amplify.people.importing.check import Existing, Plan, Reference, Row, Snapshot
from amplify.people.models import Country, Division, Language, Person

BATCH = 2000
_FIELD_ATTR = {"country": "country_id", "manager": "manager_id"}


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
) -> None:
    """Write a checked plan in one transaction: all of it or nothing."""
    assert plan.ok, "apply() needs a plan without errors"
    total = len(plan.creates) + len(plan.updates)
    done = 0

    def step(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(done, total)

    with transaction.atomic():
        pk_of = {eid: old.pk for eid, old in ((r.employee_id, o) for r, o, _ in plan.updates)}
        for eid, pk in (
            Person.objects.employees()
            .filter(employee_id__in=_needed_managers(plan))
            .values_list("employee_id", "pk")
        ):
            pk_of[str(eid)] = pk
        _release_changed_emails(plan)
        _create(plan, pk_of, user=user, now=now, reason=reason, step=step)
        _update(plan, pk_of, user=user, now=now, reason=reason, step=step)


def _needed_managers(plan: Plan) -> set[str]:
    return {r.manager for r in plan.creates if r.manager} | {
        r.manager for r, _, changed in plan.updates if r.manager and "manager" in changed
    }


def _release_changed_emails(plan: Plan) -> None:
    # Two people may swap emails in one file; the unique index would reject the first
    # update, so moving emails first go to placeholders.
    moving = [old.pk for row, old, changed in plan.updates if "email" in changed]
    for start in range(0, len(moving), BATCH):
        batch = [
            Person(pk=pk, email=f"moving-{uuid.uuid4().hex}@invalid")
            for pk in moving[start : start + BATCH]
        ]
        Person.objects.bulk_update(batch, ["email"])


def _create(
    plan: Plan,
    pk_of: dict[str, int],
    *,
    user: Any,
    now: datetime,
    reason: str,
    step: Callable[[int], None],
) -> None:
    by_id = {r.employee_id: r for r in plan.creates}
    managers = {r.employee_id: r.manager for r in plan.creates}
    for layer in layers(managers, by_id):
        for start in range(0, len(layer), BATCH):
            rows = [by_id[eid] for eid in layer[start : start + BATCH]]
            people = [_new_person(r, pk_of, now) for r in rows]
            created = bulk_create_with_history(
                people,
                Person,
                batch_size=BATCH,
                default_user=user,
                default_change_reason=reason,
                default_date=now,
            )
            pk_of.update((p.employee_id, p.pk) for p in created)
            step(len(rows))


def _new_person(row: Row, pk_of: dict[str, int], now: datetime) -> Person:
    return Person(
        employee_id=row.employee_id,
        name=row.name,
        email=row.email,
        country_id=row.country,
        division_id=row.division_id,
        job_title=row.job_title,
        manager_id=pk_of.get(row.manager) if row.manager else None,
        languages=row.languages,
        time_zone=row.time_zone,
        created_at=now,
        updated_at=now,
    )


def _update(
    plan: Plan,
    pk_of: dict[str, int],
    *,
    user: Any,
    now: datetime,
    reason: str,
    step: Callable[[int], None],
) -> None:
    for start in range(0, len(plan.updates), BATCH):
        batch = plan.updates[start : start + BATCH]
        people = Person.objects.in_bulk([old.pk for _, old, _ in batch])
        fields: set[str] = {"updated_at"}
        changed_people = []
        for row, old, changed in batch:
            person = people[old.pk]
            for name in changed:
                attr = _FIELD_ATTR.get(name, name)
                fields.add(attr)
                value = getattr(row, name)
                if name == "manager":
                    value = pk_of[value] if value else None
                setattr(person, attr, value)
            # The placeholder from _release_changed_emails must not survive.
            person.email = row.email
            fields.add("email")
            person.updated_at = now
            changed_people.append(person)
        bulk_update_with_history(
            changed_people,
            Person,
            sorted(fields),
            batch_size=BATCH,
            default_user=user,
            default_change_reason=reason,
            default_date=now,
        )
        step(len(batch))
