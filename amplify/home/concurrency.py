"""Two people writing at once: version tokens against lost updates, and unique rows against
races.

**Lost updates.** Every edit form and every API update says which version of the object its
author saw. A version is computed from the object's editable values, so it needs no column
and no migration: one keyed hash (HMAC with the secret key) per field, so that a conflict can
say *which* fields changed while the token itself reveals no value to anyone without the key.
The service re-reads the row with `select_for_update()`, compares, and raises `EditConflict`
if someone else saved in between: the API answers 409, a page shows its form again with each
changed field's current value and a fresh token (saving again then replaces them on purpose).
A save over exactly the values its author saw loses nothing, so equal values are one version.

API GETs send the version as an `ETag`; updates must send it back in `If-Match` (428 if they
do not; `If-Match: *` means "whatever is there"). Creating something that does not exist yet
needs no `If-Match`.

**Races on unique rows.** Numbers (a cohort's, a run's) are allocated under a lock on the
parent row, taken in one order everywhere — programme, then cohort, then its runs, then their
pairs — so two writers queue instead of colliding or deadlocking. Where there is nothing to
lock (a new email, a new programme name) the database's unique constraint decides, and
`unique_fields` turns its IntegrityError into a ValidationError naming the field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

# The version of an object that does not exist yet (a profile nobody has filled in).
ABSENT = "new"
# `If-Match: *`: the caller accepts whatever version is there.
ANY = "*"
_SEGMENT = 8  # hex digits per field: a missed conflict needs a 1 in 4 billion collision


class EditConflict(ValidationError):
    """Someone else saved the object after the caller read it. `changed` maps each field
    that differs to its current value, as a person reads it; `current` is the new version."""

    def __init__(self, *, current: str, changed: Mapping[str, str], labels: Mapping[str, str]):
        self.current = current
        self.changed = dict(changed)
        names = ", ".join(str(labels[f]) for f in changed) or _("this record")
        summary = _(
            "Someone else saved a change since you opened this (%(fields)s). "
            "Their values are shown below; save again to replace them with yours."
        ) % {"fields": names}
        errors: dict[str, list[str]] = {NON_FIELD_ERRORS: [summary]}
        for field, value in changed.items():
            errors[field] = [_("Now “%(value)s” (changed by someone else).") % {"value": value}]
        super().__init__(errors)

    def show_on(self, form: forms.BaseForm, *, field: str | None = None) -> None:
        """Attach the messages to the form and give it the current version (in its `field`,
        VERSION_FIELD unless said), so that saving again is a deliberate overwrite of what
        the author has now seen."""
        data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict or a dict
        data[field or VERSION_FIELD] = self.current
        form.data = data
        for name, messages in self.message_dict.items():
            target = name if name in form.fields else None
            for message in messages:
                if target is None and name != NON_FIELD_ERRORS:
                    message = f"{name.replace('_', ' ').capitalize()}: {message}"
                form.add_error(target, message)


class PreconditionRequired(Exception):
    """An API update arrived without `If-Match`: answered 428."""


# ---------- Versions ----------


def _plain(instance: models.Model, name: str) -> Any:
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return sorted(getattr(instance, name).values_list("pk", flat=True))
    if field.is_relation:
        return getattr(instance, field.attname)  # type: ignore[union-attr]
    value = getattr(instance, name)
    if isinstance(value, datetime):
        # The same moment read back from the database may carry another zone.
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize())
    return value


def _segments(instance: models.Model | None, fields: Sequence[str]) -> list[str]:
    if instance is None:
        return []
    label = f"{instance._meta.label_lower}:{instance.pk}"
    out = []
    for name in fields:
        plain = json.dumps(_plain(instance, name), sort_keys=True, default=str)
        digest = salted_hmac("amplify.version", f"{label}:{name}:{plain}", algorithm="sha256")
        out.append(digest.hexdigest()[:_SEGMENT])
    return out


def version_of(instance: models.Model | None, fields: Sequence[str]) -> str:
    """The version token of these fields of the object (ABSENT if there is none)."""
    return ".".join(_segments(instance, fields)) if instance is not None else ABSENT


def _display(instance: models.Model, name: str) -> str:
    field = instance._meta.get_field(name)
    if field.many_to_many:
        value: Any = ", ".join(str(o) for o in getattr(instance, name).all())
    elif getattr(field, "choices", None) and not field.is_relation:
        value = getattr(instance, f"get_{name}_display")()
    else:
        value = getattr(instance, name)
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    elif isinstance(value, bool):
        value = "yes" if value else "no"
    elif isinstance(value, datetime):
        value = value.isoformat(timespec="minutes")
    text = "" if value is None else str(value)
    if not text:
        return "(empty)"
    return text if len(text) <= 200 else text[:199] + "…"


def _label(instance: models.Model | None, name: str) -> str:
    if instance is None:
        return name.replace("_", " ")
    return str(instance._meta.get_field(name).verbose_name)  # type: ignore[union-attr]


def check_version(
    instance: models.Model | None, *, fields: Sequence[str], expected: str | None
) -> None:
    """Raise EditConflict unless the object (freshly read, under a lock) is still at the
    version the caller saw. `expected=None` (internal callers) and ANY skip the check."""
    if expected is None or expected == ANY:
        return
    if not expected:
        # A page from before versions, or a form tampered with: nothing to compare.
        raise ValidationError(_("This page is out of date: reload it and make your change again."))
    current = version_of(instance, fields)
    if expected == current:
        return
    changed: dict[str, str] = {}
    if instance is not None:
        seen = expected.split(".") if expected != ABSENT else []
        now = _segments(instance, fields)
        for i, name in enumerate(fields):
            if len(seen) != len(now) or seen[i] != now[i]:
                changed[name] = _display(instance, name)
    labels = {name: _label(instance, name) for name in fields}
    if instance is None:
        # It was deleted since (withdrawn consent, say): nothing to show.
        raise EditConflict(current=current, changed={}, labels=labels)
    raise EditConflict(current=current, changed=changed, labels=labels)


# ---------- Pages ----------

VERSION_FIELD = "version"


class VersionField(forms.CharField):
    """The hidden version token an edit form carries from the page it was shown on."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("max_length", 400)
        # Not required here: an empty one reaches the service, which says the page is out of
        # date as a form error (the errors of hidden fields are not shown).
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


# ---------- API ----------

_TAG = re.compile(r'\s*(?:W/)?"?([^",\s]*)"?\s*')


def if_match(request: HttpRequest, *, required: bool = True) -> str | None:
    """The version the caller saw, from `If-Match`. Without the header: PreconditionRequired
    (when `required`), or None."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        if required:
            raise PreconditionRequired
        return None
    match = _TAG.fullmatch(header.split(",")[0])
    return match.group(1) if match and match.group(1) else header


def set_version(response: HttpResponse, token: str) -> None:
    """Send the object's version as its ETag (a strong one: it changes with every value)."""
    response["ETag"] = f'"{token}"'


# ---------- Unique rows ----------

_PG_KEY = re.compile(r"Key \((.+?)\)=")
_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: (.+)")


def violated_columns(exc: IntegrityError) -> set[str]:
    """The columns of the unique constraint an IntegrityError broke (empty if it was
    another kind of integrity error)."""
    cause = exc.__cause__
    detail = getattr(getattr(cause, "diag", None), "message_detail", None) or ""
    found = _PG_KEY.search(detail)
    if found:
        return {c.strip().strip('"') for c in found.group(1).split(",")}
    found = _SQLITE_UNIQUE.search(str(exc))
    if found:
        return {c.strip().rsplit(".", 1)[-1] for c in found.group(1).split(",")}
    return set()


@contextmanager
def unique_fields(messages: Mapping[str, str]) -> Iterator[None]:
    """Run the block in a savepoint; if it breaks the unique constraint on one of these
    columns (someone saved the same value at the same moment), raise a ValidationError
    naming the field, as the check before it would have done a moment later."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        for column in sorted(violated_columns(exc)):
            field = column.removesuffix("_id")
            if field in messages:
                raise ValidationError({field: messages[field]}) from exc
        raise
