"""Runs snapshotted before background became per-run opaque tokens held readable values
("gender:woman") in their inputs, and named the small fairness groups they hid: rewrite them
in the new form. Each run gets its own random key, used once and not kept, so equal values
stay equal within the run (re-scoring a swap still works) and mean nothing outside it."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django.db import migrations


# The readable values a grouping run could hold (DiversityProfile.Gender, as of 0001).
GENDERS = {"woman", "man", "non_binary", "self_described"}


def _token(key: bytes, value: str) -> str:
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:16]


def _hide_small_cells(result: dict[str, Any]) -> bool:
    groups = result.get("fairness", {}).get("groups", {})
    changed = False
    for name, cells in groups.items():
        shown = [c for c in cells if c.get("people") is not None]
        hidden = [{"value": None, "people": None} for c in cells if c.get("people") is None]
        if shown + hidden != cells:
            groups[name] = shown + hidden
            changed = True
    return changed


def forwards(apps: Any, schema_editor: Any) -> None:
    MatchingRun = apps.get_model("matching", "MatchingRun")
    GroupingRun = apps.get_model("matching", "GroupingRun")
    for run in MatchingRun.objects.all().iterator():
        key = secrets.token_bytes(32)
        changed = _hide_small_cells(run.result or {})
        for side, field in (("mentors", "attributes"), ("mentees", "wants")):
            for profile in (run.inputs or {}).get(side, []):
                values = profile.get(field) or []
                if any(":" in v for v in values):
                    profile[field] = sorted(_token(key, v) if ":" in v else v for v in values)
                    changed = True
        if changed:
            MatchingRun.objects.filter(pk=run.pk).update(inputs=run.inputs, result=run.result)
    for grouping in GroupingRun.objects.all().iterator():
        key = secrets.token_bytes(32)
        changed = False
        for member in (grouping.inputs or {}).get("members", []):
            gender = member.get("attributes", {}).get("gender")
            if gender in GENDERS:
                member["attributes"]["gender"] = _token(key, f"gender:{gender}")
                changed = True
        if changed:
            GroupingRun.objects.filter(pk=grouping.pk).update(inputs=grouping.inputs)


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
