"""Generating the demo company's HR export: people, jobs and reporting lines.

The export is loaded through the real importer (`amplify.people.importing`), exactly as a
programme manager's upload would be.
"""

from __future__ import annotations

import csv
import io
import random
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from faker import Faker

from amplify.demo.organisation import (
    DEMO_PEOPLE,
    DIVISION_WEIGHTS,
    DIVISIONS,
    EMAIL_DOMAIN,
    FAMILIES,
    LEVELS,
    NAMES,
    PLACES,
    Place,
)

LEVEL_WEIGHTS = (22, 30, 25, 14, 9)
DEMO_FAMILIES = {"participant": "Marketing", "mentor": "A&R"}
HEADER = [
    "employee_id",
    "name",
    "email",
    "country",
    "division",
    "job_title",
    "manager_employee_id",
    "languages",
    "time_zone",
]


@dataclass
class Employee:
    employee_id: str
    name: str
    email: str
    place: Place
    division: str
    family: str
    level: str
    job_title: str
    gender: str
    languages: list[str]
    manager: str | None = None
    reports: list[str] = field(default_factory=list)

    def row(self) -> list[str]:
        return [
            self.employee_id,
            self.name,
            self.email,
            self.place.code,
            self.division,
            self.job_title,
            self.manager or "",
            "; ".join(self.languages),
            self.place.time_zone,
        ]


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", ".", plain.lower()).strip(".")


class NameMaker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.fakers: dict[str, Faker] = {}

    def _faker(self, locale: str) -> Faker:
        if locale not in self.fakers:
            faker = Faker(locale)
            faker.seed_instance(self.rng.randint(0, 2**31))
            self.fakers[locale] = faker
        return self.fakers[locale]

    def name(self, place: Place, gender: str) -> str:
        if place.locale is None:
            women, men, families = NAMES[place.code]
            first = self.rng.choice(women if gender == "woman" else men)
            return f"{first} {self.rng.choice(families)}"
        faker = self._faker(place.locale)
        if hasattr(faker, "first_romanized_name"):
            return f"{faker.first_romanized_name()} {faker.last_romanized_name()}".title()
        female = gender == "woman"
        first = faker.first_name_female() if female else faker.first_name_male()
        try:
            last = faker.last_name_female() if female else faker.last_name_male()
        except AttributeError:
            last = faker.last_name()
        return f"{first} {last}"


def _title(family_title: str, level: str) -> str:
    if level in ("Coordinator", "Executive"):
        return f"{family_title} {level}"
    return f"{level}, {family_title}"


class Company:
    """Builds employees top-down so every reporting line ends at a division head."""

    def __init__(self, rng: random.Random, country_names: dict[str, str]) -> None:
        self.rng = rng
        self.names = NameMaker(rng)
        self.country_names = country_names
        self.people: dict[str, Employee] = {}
        self.emails: set[str] = set()
        self.places = {p.code: p for p in PLACES}
        self.next_id = 10001

    def _email(self, name: str, wanted: str | None = None) -> str:
        if wanted:
            self.emails.add(wanted)
            return wanted
        base = ascii_slug(name) or "person"
        email, n = f"{base}@{EMAIL_DOMAIN}", 2
        while email in self.emails:
            email, n = f"{base}{n}@{EMAIL_DOMAIN}", n + 1
        self.emails.add(email)
        return email

    def add(
        self,
        *,
        place: Place,
        division: str,
        family: str,
        level: str,
        job_title: str,
        manager: str | None,
        name: str | None = None,
        email: str | None = None,
        languages: list[str] | None = None,
    ) -> Employee:
        gender = self.rng.choices(["woman", "man", "non_binary"], [50, 49, 1])[0]
        name = name or self.names.name(place, gender)
        langs = languages or list(place.languages)
        if languages is None and self.rng.random() < 0.15:
            extra = self.rng.choice(["fr", "es", "de", "pt", "it", "ja"])
            if extra not in langs:
                langs.append(extra)
        person = Employee(
            f"E{self.next_id}",
            name,
            self._email(name, email),
            place,
            division,
            family,
            level,
            job_title,
            gender,
            langs,
            manager,
        )
        self.next_id += 1
        self.people[person.employee_id] = person
        if manager:
            self.people[manager].reports.append(person.employee_id)
        return person


def build_company(*, count: int, seed: int, country_names: dict[str, str]) -> Company:
    rng = random.Random(seed)
    company = Company(rng, country_names)
    places = company.places
    regions = {
        "EMEA": "Europe, Middle East & Africa",
        "NA": "North America",
        "LATAM": "Latin America",
        "APAC": "Asia Pacific",
    }
    region_of = {p.code: _region(p.code) for p in PLACES}

    heads: dict[str, Employee] = {}
    for division, _countries in DIVISIONS:
        home = places["GB"] if division == "Sony Music UK" else places["US"]
        heads[division] = company.add(
            place=home,
            division=division,
            family="Executive",
            level="Chairman & CEO",
            job_title=f"Chairman & CEO, {division}",
            manager=None,
        )
    presidents: dict[tuple[str, str], Employee] = {}
    for division, countries in DIVISIONS:
        if division == "Sony Music UK":
            continue
        present = {region_of[c] for c in (countries or [p.code for p in PLACES])}
        for region in sorted(present):
            home_code = {"EMEA": "GB", "NA": "US", "LATAM": "MX", "APAC": "JP"}[region]
            if countries and home_code not in countries:
                home_code = next(c for c in countries if region_of[c] == region)
            presidents[(division, region)] = company.add(
                place=places[home_code],
                division=division,
                family="Executive",
                level="President",
                job_title=f"President, {regions[region]}",
                manager=heads[division].employee_id,
            )

    # Who works where: a weighted country, then a division present there.
    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    demo_slots = {(d["country"], d["division"]): key for key, d in DEMO_PEOPLE.items()}
    remaining = max(0, count - len(company.people))
    weights = [p.weight for p in PLACES]
    for _ in range(remaining):
        place = rng.choices(PLACES, weights)[0]
        options = [d for d, cs in DIVISIONS if cs is None or place.code in cs]
        division = rng.choices(options, [DIVISION_WEIGHTS[d] for d in options])[0]
        family = rng.choice(list(FAMILIES))
        level = rng.choices(LEVELS, LEVEL_WEIGHTS)[0]
        groups[(place.code, division)].append((family, level))
    for slot in demo_slots:
        groups.setdefault(slot, [])

    for (code, division), members in sorted(groups.items()):
        place = places[code]
        if division == "Sony Music UK":
            top = heads[division]
        else:
            top = presidents[(division, region_of[code])]
        sponsor = DEMO_PEOPLE["sponsor"]
        md_spec = sponsor if (code, division) == (sponsor["country"], sponsor["division"]) else None
        md = company.add(
            place=place,
            division=division,
            family="Executive",
            level="Managing Director",
            job_title=md_spec["job_title"]
            if md_spec
            else f"Managing Director, {company.country_names.get(code, code)}",
            manager=top.employee_id,
            name=md_spec["name"] if md_spec else None,
            email=f"sponsor@{EMAIL_DOMAIN}" if md_spec else None,
            languages=md_spec["langs"].split("; ") if md_spec else None,
        )
        by_level: dict[str, list[str]] = defaultdict(list)
        members.sort(key=lambda m: -LEVELS.index(m[1]))
        for family, level in members:
            above = [e for lv in LEVELS[LEVELS.index(level) + 1 :] for e in by_level[lv]]
            manager = rng.choice(above[-12:]) if above else md.employee_id
            person = company.add(
                place=place,
                division=division,
                family=family,
                level=level,
                job_title=_title(rng.choice(FAMILIES[family]), level),
                manager=manager,
            )
            by_level[level].append(person.employee_id)
        for key, spec in DEMO_PEOPLE.items():
            if key == "sponsor" or (spec["country"], spec["division"]) != (code, division):
                continue
            managers = by_level["Director"] or by_level["Senior Manager"] or [md.employee_id]
            company.add(
                place=place,
                division=division,
                family=DEMO_FAMILIES.get(key, "People"),
                level="Senior Manager",
                job_title=spec["job_title"],
                manager=rng.choice(managers),
                name=spec["name"],
                email=f"{key}@{EMAIL_DOMAIN}",
                languages=spec["langs"].split("; "),
            )
    return company


def _region(code: str) -> str:
    if code in ("US", "CA"):
        return "NA"
    if code in ("MX", "BR", "AR", "CO", "CL", "PE"):
        return "LATAM"
    if code in ("JP", "CN", "KR", "AU", "NZ", "IN", "SG", "MY", "ID", "TH", "PH", "HK", "TW"):
        return "APAC"
    return "EMEA"


def as_csv(company: Company) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for person in company.people.values():
        writer.writerow(person.row())
    return out.getvalue().encode("utf-8")
