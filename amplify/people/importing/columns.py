"""The columns an HR export may have, and how header cells are recognised."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool
    aliases: tuple[str, ...] = ()
    help: str = ""


COLUMNS: tuple[Column, ...] = (
    Column(
        "employee_id",
        "employee_id",
        True,
        ("employee_number", "emp_id", "staff_id"),
        "The HR system's id; re-importing updates the person with this id.",
    ),
    Column(
        "name",
        "name",
        True,
        ("full_name", "display_name", "employee_name"),
        "Full name as the person writes it.",
    ),
    Column("email", "email", True, ("email_address", "work_email", "e_mail")),
    Column(
        "country",
        "country",
        True,
        ("country_code", "country_iso"),
        "ISO 3166-1 alpha-2 code, e.g. GB, US, BR.",
    ),
    Column(
        "division",
        "division",
        False,
        ("business_unit", "company"),
        "One of the divisions set up in Amplify.",
    ),
    Column("job_title", "job_title", False, ("title", "position", "role_title")),
    Column(
        "manager_employee_id",
        "manager_employee_id",
        False,
        ("manager_id", "manager", "line_manager_id", "manager_employee_number"),
        "The manager's employee_id, in this file or already in Amplify.",
    ),
    Column(
        "languages",
        "languages",
        False,
        ("language", "spoken_languages"),
        "ISO 639-1 codes or English names, separated by ; or ,",
    ),
    Column(
        "time_zone",
        "time_zone",
        False,
        ("timezone", "tz", "time_zone_name"),
        "IANA name, e.g. Europe/London.",
    ),
)
REQUIRED = tuple(c.key for c in COLUMNS if c.required)
_LOOKUP = {alias: c.key for c in COLUMNS for alias in (c.key, *c.aliases)}


def normalise_header(cell: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", cell.strip().lower()).strip("_")


def match_headers(headers: list[str]) -> tuple[dict[str, int], list[str], list[str]]:
    """Map column keys to positions. Returns (positions, duplicated, unknown) header cells."""
    positions: dict[str, int] = {}
    duplicated: list[str] = []
    unknown: list[str] = []
    for index, cell in enumerate(headers):
        key = _LOOKUP.get(normalise_header(cell))
        if key is None:
            if cell.strip():
                unknown.append(cell.strip())
        elif key in positions:
            duplicated.append(cell.strip())
        else:
            positions[key] = index
    return positions, duplicated, unknown
