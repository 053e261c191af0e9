"""Reference data every installation needs: regions, ISO 3166-1 countries and ISO 639-1
languages (from amplify/people/data/). Idempotent; the data migration and `demo_load --reset`
both call it."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
REGIONS = {
    "EMEA": "Europe, Middle East and Africa",
    "NA": "North America",
    "LATAM": "Latin America",
    "APAC": "Asia Pacific",
}


def load_reference_data(apps: Any) -> None:
    """`apps` is a migration's app registry, or django.apps.apps."""
    Region = apps.get_model("people", "Region")
    Country = apps.get_model("people", "Country")
    Language = apps.get_model("people", "Language")
    for code, name in REGIONS.items():
        Region.objects.update_or_create(code=code, defaults={"name": name})
    with open(DATA / "countries.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            Country.objects.update_or_create(
                code=row["code"], defaults={"name": row["name"], "region_id": row["region"]}
            )
    with open(DATA / "languages.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            Language.objects.update_or_create(code=row["code"], defaults={"name": row["name"]})
