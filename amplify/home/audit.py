"""Reading the audit trail that django-simple-history keeps for people, cohorts, enrolments
and the rest: who changed what, when, from which value to which."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

HIDDEN_FIELDS = {"updated_at", "created_at", "password", "last_login", "content"}
ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def actor(record: Any) -> str:
    """Who made a recorded change, as the product's pages and the admin both say it. No
    account means Amplify itself (the worker, a periodic job, a data migration), unless the
    record names its author (amplify/home/history_actor.py): then the account was deleted
    after the change, and the record says who she was."""
    recorded = getattr(record, "history_actor", "")
    if record.history_user_id is None:
        if recorded:
            return _("%(author)s, account deleted") % {"author": recorded}
        return _("Amplify (automatic)")
    user = record.history_user
    if user is not None:
        return str(user)
    if recorded:
        return _("%(author)s, account deleted") % {"author": recorded}
    return deleted_label(settings.AUTH_USER_MODEL)


def deleted_label(model: Any) -> str:
    """What a history entry says of a record that no longer exists."""
    label = model if isinstance(model, str) else model._meta.label
    if label == settings.AUTH_USER_MODEL:
        return _("a deleted account")
    return _("a deleted %(thing)s") % {"thing": model._meta.verbose_name}


@dataclass
class Change:
    when: datetime
    who: str
    action: str
    subject: str
    reason: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)


def changes_of(obj: models.Model, *, limit: int = 50) -> list[Change]:
    return changes_in([obj.history.all()], limit=limit)  # type: ignore[attr-defined]


def changes_in(histories: list[models.QuerySet[Any]], *, limit: int = 100) -> list[Change]:
    """The newest `limit` changes across several history querysets, newest first.

    Query count is bounded by the number of querysets (records, their predecessors, and the
    values of changed foreign keys), not by the number of changes.
    """
    records: list[Any] = []
    for history in histories:
        records += list(history.select_related("history_user").order_by("-history_date")[:limit])
    records.sort(key=lambda r: r.history_date, reverse=True)
    records = records[:limit]
    previous = _predecessors(records)
    labels = _foreign_key_labels(records, previous)
    out = []
    for record in records:
        change = Change(
            when=record.history_date,
            who=actor(record),
            action=ACTIONS.get(record.history_type, record.history_type),
            subject=_subject(record, labels),
            reason=record.history_change_reason or "",
        )
        before = previous.get((type(record), record.history_id))
        if record.history_type == "~" and before is not None:
            delta = record.diff_against(before)
            for item in delta.changes:
                if item.field in HIDDEN_FIELDS:
                    continue
                model_field = record.instance_type._meta.get_field(item.field)
                change.fields.append(
                    (
                        str(model_field.verbose_name),
                        _show(model_field, item.old, labels),
                        _show(model_field, item.new, labels),
                    )
                )
            if not change.fields:
                continue
        out.append(change)
    return out


def _predecessors(records: list[Any]) -> dict[tuple[type, int], Any]:
    """For each record, the record of the same object just before it."""
    by_model: dict[type[Any], set[Any]] = defaultdict(set)
    for record in records:
        by_model[type(record)].add(record.id)
    out: dict[tuple[type, int], Any] = {}
    for model, ids in by_model.items():
        last: dict[Any, Any] = {}
        for record in model.objects.filter(id__in=ids).order_by("history_date", "history_id"):
            if record.id in last:
                out[(model, record.history_id)] = last[record.id]
            last[record.id] = record
    return out


def _foreign_key_labels(
    records: list[Any], previous: dict[tuple[type, int], Any]
) -> dict[tuple[type, Any], str]:
    wanted: dict[type[Any], set[Any]] = defaultdict(set)
    for record in [*records, *previous.values()]:
        for model_field in record.instance_type._meta.concrete_fields:
            if model_field.is_relation and model_field.name not in HIDDEN_FIELDS:
                value = getattr(record, model_field.attname, None)
                if value is not None:
                    wanted[model_field.related_model].add(value)
    labels: dict[tuple[type, Any], str] = {}
    for model, ids in wanted.items():
        for obj in model._default_manager.filter(pk__in=ids):
            labels[(model, obj.pk)] = str(obj)
    return labels


def _subject(record: Any, labels: dict[tuple[type, Any], str]) -> str:
    """A readable name for the changed object, built from the record and the labels already
    loaded (str() of a rebuilt instance could query its relations once per row)."""
    meta = record.instance_type._meta
    parts = []
    for name in ("person", "mentor", "mentee", "event"):
        try:
            model_field = meta.get_field(name)
        except FieldDoesNotExist:
            continue
        value = getattr(record, model_field.attname)
        parts.append(labels.get((model_field.related_model, value), f"#{value}"))
    if parts:
        label = " → ".join(parts)
        if hasattr(record, "get_role_display"):
            label += f" ({record.get_role_display().lower()})"
    else:
        label = next(
            (str(getattr(record, a)) for a in ("title", "name", "email") if getattr(record, a, "")),
            f"#{record.id}",
        )
    return f"{str(meta.verbose_name).capitalize()}: {label}"


def _show(model_field: Any, value: Any, labels: dict[tuple[type, Any], str]) -> str:
    if value is None or value == "":
        return "—"
    if model_field.is_relation:
        return labels.get((model_field.related_model, value), f"#{value}")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)
