"""The demo's benefits register: what seed 002 says the group added for its people and its
talent, country by country.

Life insurance in Brazil, the Czech Republic, Estonia, Greece, Indonesia, New Zealand,
Nigeria and Poland; enhanced medical cover in Australia and Thailand; expanded well-being
reimbursement in the US and Canada; flexible time off in the US; financial counselling for US
employees and their loved ones; and, in every country, free counselling for artists and
songwriters in more than seventy languages, with confidential help finding doctors and
managing bills. The start dates are the demo's (the seed gives none).
"""

from __future__ import annotations

from datetime import date

from amplify.benefits.models import Audience, Benefit, Kind
from amplify.demo.programmes import Demo

LIFE_INSURANCE = ("BR", "CZ", "EE", "GR", "ID", "NZ", "NG", "PL")

# country (None: everywhere), kind, title, description, audience, languages, enhanced, start
BENEFITS: tuple[tuple[str | None, str, str, str, str, int | None, bool, date], ...] = (
    *(
        (
            code,
            Kind.LIFE_INSURANCE,
            "Life insurance",
            "Group life insurance for every permanent employee, paid by the company.",
            Audience.EMPLOYEES,
            None,
            False,
            date(2023, 1, 1) if i % 2 else date(2022, 7, 1),
        )
        for i, code in enumerate(LIFE_INSURANCE)
    ),
    *(
        (
            code,
            Kind.MEDICAL,
            "Enhanced medical cover",
            "Higher limits, outpatient and mental-health care added to the medical plan.",
            Audience.EMPLOYEES,
            None,
            True,
            date(2023, 1, 1),
        )
        for code in ("AU", "TH")
    ),
    *(
        (
            code,
            Kind.WELLBEING,
            "Expanded well-being reimbursement",
            "A larger yearly allowance for fitness, mindfulness and well-being costs.",
            Audience.EMPLOYEES,
            None,
            True,
            date(2022, 10, 1),
        )
        for code in ("US", "CA")
    ),
    (
        "US",
        Kind.FLEXIBLE_TIME_OFF,
        "Flexible time off",
        "Time off agreed with your manager, without a fixed yearly allowance.",
        Audience.EMPLOYEES,
        None,
        False,
        date(2022, 4, 1),
    ),
    (
        "US",
        Kind.FINANCIAL_COUNSELLING,
        "Financial counselling",
        "Free, confidential sessions with a financial counsellor, for employees and their "
        "loved ones.",
        Audience.FAMILIES,
        None,
        False,
        date(2023, 3, 1),
    ),
    (
        None,
        Kind.COUNSELLING,
        "Counselling for artists and songwriters",
        "Counselling at no cost, in more than seventy languages.",
        Audience.TALENT,
        70,
        False,
        date(2022, 5, 1),
    ),
    (
        None,
        Kind.OTHER,
        "Everyday support for artists and songwriters",
        "Free, confidential help finding doctors, managing bills and troubleshooting issues.",
        Audience.TALENT,
        None,
        False,
        date(2023, 6, 1),
    ),
)


def build_benefits(d: Demo) -> dict[str, int]:
    for country, kind, title, description, audience, languages, enhanced, starts in BENEFITS:
        Benefit.objects.create(
            country_id=country,
            kind=kind,
            title=title,
            description=description,
            audience=audience,
            languages=languages,
            enhanced=enhanced,
            starts_on=starts,
        )
    return {"benefits": len(BENEFITS)}
