"""The MILES diversity framework's pillars. Idempotent; the data migration and
`demo_load --reset` both call it."""

from __future__ import annotations

from typing import Any

PILLARS = [
    ("M", "Mobility", "Careers that move: access, progression and movement across the business."),
    ("I", "Impact", "Reaching communities and under-represented talent outside the company."),
    ("L", "Leadership", "Diverse leaders, and leaders who include."),
    ("E", "Equity", "Fair pay, fair process and equal access to opportunity."),
    ("S", "Safety", "Workplaces where everyone is safe to be themselves."),
]


def load_pillars(apps: Any) -> None:
    """`apps` is a migration's app registry, or django.apps.apps."""
    Pillar = apps.get_model("programmes", "Pillar")
    for position, (code, name, description) in enumerate(PILLARS):
        Pillar.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "position": position}
        )
