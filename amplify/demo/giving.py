"""The demo's giving ledger: three funds, labelled illustrative, and their lines since 2020.

Seed 002 quotes the group's giving since 2020 as three pairs — more than $30 million
committed to nearly 450 organisations; $6.5 million to nearly 500; $4.5 million to more than
230. The funds' names here are made up and marked `illustrative`; the lines are generated so
that, summed and counted in the database, each fund gives its pair: every line is money
committed (its status says whether it has been paid yet), in US dollars, the group's
reporting currency, to a recipient organisation with a charity number.

The ledger is raw data, written in bulk like an import of last year's spreadsheet would be.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from amplify.accounts.models import User
from amplify.demo.organisation import EMAIL_DOMAIN, PARTNER
from amplify.demo.programmes import Demo
from amplify.giving.models import Fund, Gift, InputType, Recipient, Status
from amplify.programmes.models import Pillar, Programme

CURRENCY = "USD"
SINCE = date(2020, 1, 1)
UNTIL = date(2023, 12, 31)
# Lines from here on are committed and partly not paid yet.
PAYING = date(2023, 7, 1)


@dataclass(frozen=True)
class FundSpec:
    name: str
    description: str
    total: tuple[int, int]  # whole dollars: the ledger's sum falls between
    recipients: tuple[int, int]  # distinct organisations supported: between
    causes: tuple[str, ...]
    countries: tuple[tuple[str, int], ...]  # where its recipients are, with weights
    pillars: tuple[str, ...]


FUNDS = (
    FundSpec(
        "Social Justice Fund (illustrative)",
        "Grants to organisations working for racial justice, education and social mobility. "
        "Illustrative: a demo fund whose totals follow the figures quoted in seed 002.",
        (30_150_000, 30_900_000),
        (441, 449),
        (
            "Racial justice",
            "Education and social mobility",
            "Disability inclusion",
            "LGBTQ+ support",
            "Youth and community",
        ),
        (("US", 60), ("GB", 15), ("BR", 5), ("ZA", 5), ("FR", 4), ("DE", 4), ("AU", 4), ("NG", 3)),
        ("E", "I"),
    ),
    FundSpec(
        "Global Relief Fund (illustrative)",
        "Humanitarian aid after disasters and for people displaced by war. Illustrative: a "
        "demo fund whose totals follow the figures quoted in seed 002.",
        (6_460_000, 6_540_000),
        (491, 499),
        (
            "Ukraine relief",
            "Pakistan flood relief",
            "Earthquake relief",
            "Refugee support",
            "Disaster recovery",
        ),
        (("PL", 20), ("UA", 15), ("PK", 15), ("TR", 10), ("US", 15), ("GB", 10), ("DE", 8)),
        ("I", "S"),
    ),
    FundSpec(
        "Creative Futures Fund (illustrative)",
        "Music education, artist development and songwriters' health. Illustrative: a demo "
        "fund whose totals follow the figures quoted in seed 002.",
        (4_460_000, 4_540_000),
        (232, 239),
        ("Music education", "Artist development", "Songwriter health", "Creative careers"),
        (("GB", 35), ("US", 25), ("ES", 8), ("JP", 8), ("DE", 8), ("FR", 8), ("MX", 8)),
        ("M", "I", "E"),
    ),
)
# Shared by two funds now and then: a food bank helped by social justice and by relief.
SHARED = 24

FIRST = (
    "Bright", "Open", "Common", "New", "Rising", "Shared", "Future", "Fair", "Next", "True",
    "Urban", "Harbour", "Northern", "Southern", "Golden", "Green", "Blue", "Kind", "Brave",
    "Clear", "Little", "Grand", "Quiet", "Loud",
)  # fmt: skip
SECOND = (
    "Futures", "Voices", "Ground", "Horizons", "Steps", "Roots", "Bridges", "Pathways",
    "Sound", "Rhythm", "Light", "Hands", "Hearts", "Circle", "Chorus", "Harvest", "Compass",
    "Spark", "Lantern", "Tide", "Table", "Shelter",
)  # fmt: skip
KINDS = (
    "Trust", "Foundation", "Project", "Collective", "Network", "Alliance", "Initiative",
    "Centre", "Fund", "Society",
)  # fmt: skip
INPUT_TYPES: tuple[str, ...] = (
    InputType.CASH,
    InputType.TIME,
    InputType.IN_KIND,
    InputType.MANAGEMENT,
)
INPUT_WEIGHTS = (78, 9, 8, 5)


def _charity_number(rng: random.Random, country: str) -> str:
    if country == "GB":
        return f"1{rng.randint(0, 999_999):06d}"  # England and Wales register
    if country == "US":
        return f"{rng.randint(10, 99)}-{rng.randint(0, 9_999_999):07d}"  # EIN
    return f"{country}-{rng.randint(0, 9_999_999):07d}"


def _recipients(rng: random.Random, count: int) -> list[Recipient]:
    names = rng.sample([f"{a} {b} {k}" for a in FIRST for b in SECOND for k in KINDS], count)
    # Countries are set per fund below; numbers drawn once per organisation.
    return [Recipient(name=name) for name in names]


def _amounts(rng: random.Random, kinds: list[str], total: int) -> list[Decimal]:
    """Cents adding up to exactly `total` dollars: most lines tens of thousands, a few
    large grants; time and in kind smaller."""
    weights = [
        rng.lognormvariate(0, 1.1) * (1.0 if kind == InputType.CASH else 0.3) for kind in kinds
    ]
    scale = total * 100 / sum(weights)
    cents = [max(25_000, round(w * scale)) for w in weights]
    cents[cents.index(max(cents))] += total * 100 - sum(cents)
    return [Decimal(c) / 100 for c in cents]


def _day(rng: random.Random) -> date:
    return SINCE + timedelta(days=rng.randint(0, (UNTIL - SINCE).days))


def build_giving(d: Demo) -> dict[str, int]:
    rng = random.Random("giving")
    pm = d.by
    approver = User.objects.get(email=f"impact@{EMAIL_DOMAIN}")
    pillars = {p.code: p for p in Pillar.objects.all()}
    mentoring = Programme.objects.get(slug="positive-influence")
    wanted = [rng.randint(*spec.recipients) for spec in FUNDS]
    pool = _recipients(rng, sum(wanted) - SHARED * (len(FUNDS) - 1) - 1)
    # The outreach partner, funded for the mentoring programme's outreach.
    partner = Recipient(name=PARTNER["name"], charity_number="1170000")
    per_fund: list[list[Recipient]] = []
    start = 0
    for i, count in enumerate(wanted):
        if i == len(FUNDS) - 1:
            per_fund.append([partner, *pool[start : start + count - 1]])
        else:
            per_fund.append(pool[start : start + count])
            start += count - SHARED
    for spec, recipients in zip(FUNDS, per_fund, strict=True):
        codes, weights = zip(*spec.countries, strict=True)
        for r in recipients:
            if r.country_id is None and r is not partner:
                r.country_id = rng.choices(codes, weights)[0]
                r.charity_number = _charity_number(rng, r.country_id)
    partner.country_id = "GB"
    Recipient.objects.bulk_create([partner, *pool])
    lines: list[Gift] = []
    for spec, recipients in zip(FUNDS, per_fund, strict=True):
        fund = Fund.objects.create(name=spec.name, description=spec.description, illustrative=True)
        planned: list[tuple[Recipient, str, date]] = []
        for r in recipients:
            for _ in range(rng.choices((1, 2, 3, 4), (50, 30, 15, 5))[0]):
                kind = rng.choices(INPUT_TYPES, INPUT_WEIGHTS)[0]
                planned.append((r, kind, _day(rng)))
        total = rng.randint(*spec.total)
        amounts = _amounts(rng, [kind for _, kind, _ in planned], total)
        for (r, kind, on), amount in zip(planned, amounts, strict=True):
            paid = on < PAYING or rng.random() < 0.4
            lines.append(
                Gift(
                    given_on=on,
                    fund=fund,
                    amount=amount,
                    currency=CURRENCY,
                    status=Status.PAID if paid else Status.COMMITTED,
                    input_type=kind,
                    recipient=r,
                    cause=rng.choice(spec.causes),
                    country_id=r.country_id,
                    programme=mentoring if r is partner else None,
                    pillar=pillars.get(rng.choice(spec.pillars)),
                    evidence_link=(
                        f"https://giving.example/evidence/{len(lines) + 1}"
                        if rng.random() < 0.3
                        else ""
                    ),
                    approved_by=approver,
                    recorded_by=pm,
                    recorded_at=timezone.make_aware(
                        datetime.combine(on + timedelta(days=rng.randint(1, 20)), time(11))
                    ),
                )
            )
    Gift.objects.bulk_create(lines)
    return {"funds": len(FUNDS), "recipients": len(pool) + 1, "gifts": len(lines)}
