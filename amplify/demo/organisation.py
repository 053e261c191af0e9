"""The shape of the demo company: countries, divisions, job families and names.

A global entertainment group of a few thousand people in 47 countries, modelled on the seeds:
a recorded-music company in 40+ countries, and UK divisions that mentor young people.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    code: str
    weight: int
    locale: str | None  # a Faker locale with Latin-script names, or None for NAMES below
    time_zone: str
    languages: tuple[str, ...]
    city: str


PLACES: tuple[Place, ...] = (
    Place("US", 14, "en_US", "America/New_York", ("en",), "New York"),
    Place("GB", 11, "en_GB", "Europe/London", ("en",), "London"),
    Place("DE", 6, "de_DE", "Europe/Berlin", ("de", "en"), "Berlin"),
    Place("FR", 5, "fr_FR", "Europe/Paris", ("fr", "en"), "Paris"),
    Place("JP", 5, "ja_JP", "Asia/Tokyo", ("ja", "en"), "Tokyo"),
    Place("BR", 4, "pt_BR", "America/Sao_Paulo", ("pt", "en"), "São Paulo"),
    Place("MX", 3, "es_MX", "America/Mexico_City", ("es", "en"), "Mexico City"),
    Place("ES", 3, "es_ES", "Europe/Madrid", ("es", "en"), "Madrid"),
    Place("IT", 3, "it_IT", "Europe/Rome", ("it", "en"), "Milan"),
    Place("NL", 3, "nl_NL", "Europe/Amsterdam", ("nl", "en"), "Amsterdam"),
    Place("SE", 3, "sv_SE", "Europe/Stockholm", ("sv", "en"), "Stockholm"),
    Place("AU", 3, "en_AU", "Australia/Sydney", ("en",), "Sydney"),
    Place("CA", 2, "en_CA", "America/Toronto", ("en", "fr"), "Toronto"),
    Place("IN", 2, "en_IN", "Asia/Kolkata", ("hi", "en"), "Mumbai"),
    Place("CN", 2, "zh_CN", "Asia/Shanghai", ("zh", "en"), "Shanghai"),
    Place("KR", 2, None, "Asia/Seoul", ("ko", "en"), "Seoul"),
    Place("NO", 2, "no_NO", "Europe/Oslo", ("no", "en"), "Oslo"),
    Place("DK", 2, "da_DK", "Europe/Copenhagen", ("da", "en"), "Copenhagen"),
    Place("FI", 1, "fi_FI", "Europe/Helsinki", ("fi", "en"), "Helsinki"),
    Place("PL", 1, "pl_PL", "Europe/Warsaw", ("pl", "en"), "Warsaw"),
    Place("CZ", 1, "cs_CZ", "Europe/Prague", ("cs", "en"), "Prague"),
    Place("AT", 1, "de_AT", "Europe/Vienna", ("de", "en"), "Vienna"),
    Place("CH", 1, "de_CH", "Europe/Zurich", ("de", "fr", "en"), "Zurich"),
    Place("BE", 1, "nl_BE", "Europe/Brussels", ("nl", "fr", "en"), "Brussels"),
    Place("PT", 1, "pt_PT", "Europe/Lisbon", ("pt", "en"), "Lisbon"),
    Place("IE", 1, "en_IE", "Europe/Dublin", ("en", "ga"), "Dublin"),
    Place("GR", 1, None, "Europe/Athens", ("el", "en"), "Athens"),
    Place("TR", 1, "tr_TR", "Europe/Istanbul", ("tr", "en"), "Istanbul"),
    Place("ZA", 1, "zu_ZA", "Africa/Johannesburg", ("en", "zu"), "Johannesburg"),
    Place("NG", 1, "yo_NG", "Africa/Lagos", ("en", "yo"), "Lagos"),
    Place("KE", 1, "sw", "Africa/Nairobi", ("en", "sw"), "Nairobi"),
    Place("AE", 1, None, "Asia/Dubai", ("ar", "en"), "Dubai"),
    Place("SG", 1, None, "Asia/Singapore", ("en", "zh", "ms"), "Singapore"),
    Place("MY", 1, None, "Asia/Kuala_Lumpur", ("ms", "en"), "Kuala Lumpur"),
    Place("ID", 1, "id_ID", "Asia/Jakarta", ("id", "en"), "Jakarta"),
    Place("TH", 1, None, "Asia/Bangkok", ("th", "en"), "Bangkok"),
    Place("PH", 1, None, "Asia/Manila", ("tl", "en"), "Manila"),
    Place("HK", 1, None, "Asia/Hong_Kong", ("zh", "en"), "Hong Kong"),
    Place("TW", 1, "zh_TW", "Asia/Taipei", ("zh", "en"), "Taipei"),
    Place("NZ", 1, "en_NZ", "Pacific/Auckland", ("en", "mi"), "Auckland"),
    Place("AR", 1, "es_AR", "America/Argentina/Buenos_Aires", ("es", "en"), "Buenos Aires"),
    Place("CO", 1, "es_CO", "America/Bogota", ("es", "en"), "Bogotá"),
    Place("CL", 1, "es_CL", "America/Santiago", ("es", "en"), "Santiago"),
    Place("PE", 1, "es_ES", "America/Lima", ("es",), "Lima"),
    Place("HU", 1, "hu_HU", "Europe/Budapest", ("hu", "en"), "Budapest"),
    Place("RO", 1, "ro_RO", "Europe/Bucharest", ("ro", "en"), "Bucharest"),
    Place("RU", 1, None, "Europe/Moscow", ("ru", "en"), "Moscow"),
)

# Romanised names where Faker has no Latin-script locale: HR systems hold them this way.
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    # (female first names, male first names, family names)
    "KR": (
        ("Ji-woo", "Seo-yeon", "Min-ji", "Ha-eun", "Soo-ah", "Yuna", "Da-eun"),
        ("Min-jun", "Seo-jun", "Ji-ho", "Hyun-woo", "Do-yoon", "Jae-won", "Tae-yang"),
        ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"),
    ),
    "GR": (
        ("Eleni", "Maria", "Katerina", "Sofia", "Dimitra", "Ioanna"),
        ("Giorgos", "Nikos", "Kostas", "Yannis", "Dimitris", "Alexandros"),
        ("Papadopoulos", "Georgiou", "Nikolaou", "Pappas", "Oikonomou", "Vlachos"),
    ),
    "AE": (
        ("Fatima", "Mariam", "Aisha", "Noor", "Layla", "Hessa"),
        ("Omar", "Khalid", "Ahmed", "Rashid", "Yousef", "Saeed"),
        ("Al Mansouri", "Al Hashimi", "Haddad", "Khoury", "Nasser", "Al Falasi"),
    ),
    "SG": (
        ("Wei Ling", "Priya", "Nurul", "Mei Xin", "Siti", "Charlotte"),
        ("Jun Jie", "Ravi", "Hafiz", "Wei Ming", "Daniel", "Arjun"),
        ("Tan", "Lim", "Ng", "Wong", "Nair", "Rahman", "Goh", "Chua"),
    ),
    "MY": (
        ("Nur Aisyah", "Siti Hajar", "Mei Ling", "Kavitha", "Farah"),
        ("Muhammad Amir", "Hafiz", "Wei Jie", "Ganesh", "Azlan"),
        ("Abdullah", "Ismail", "Lim", "Tan", "Krishnan", "Hassan"),
    ),
    "TH": (
        ("Ploy", "Nok", "Fah", "Mint", "Pim", "Kanya"),
        ("Somchai", "Anan", "Krit", "Niran", "Thanawat", "Prasert"),
        ("Saetang", "Wongsawat", "Srisuk", "Chaiyaporn", "Boonmee", "Rattanakul"),
    ),
    "PH": (
        ("Maria Clara", "Andrea", "Bea", "Kristine", "Angelica", "Joy"),
        ("Jose Miguel", "Paolo", "Carlo", "Rafael", "Mark Anthony", "Jericho"),
        ("Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Dela Cruz"),
    ),
    "HK": (
        ("Ka Yan", "Wing Sze", "Hoi Ying", "Mandy", "Cherry"),
        ("Chi Wai", "Ka Ho", "Tsz Hin", "Kelvin", "Raymond"),
        ("Chan", "Wong", "Leung", "Cheung", "Lau", "Ho", "Yip"),
    ),
    "RU": (
        ("Anastasia", "Daria", "Ekaterina", "Olga", "Polina"),
        ("Alexei", "Dmitri", "Ivan", "Sergei", "Mikhail"),
        ("Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Volkov"),
    ),
}

# Each division, and the countries where it employs people (None = everywhere).
DIVISIONS: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("Sony Music Entertainment", None),
    ("Sony Music UK", ("GB",)),
    (
        "Sony Music Publishing",
        (
            "US",
            "GB",
            "DE",
            "FR",
            "JP",
            "BR",
            "MX",
            "ES",
            "IT",
            "NL",
            "SE",
            "AU",
            "CA",
            "NO",
            "DK",
            "KR",
            "SG",
            "ZA",
            "AR",
            "IN",
        ),
    ),
    ("Sony Pictures", ("US", "GB", "JP", "IN", "DE", "FR", "ES", "MX", "BR", "AU", "KR")),
    ("Sony Electronics", ("US", "JP", "GB", "DE", "CN", "CA")),
    ("Sony Interactive Entertainment", ("US", "GB", "JP", "DE", "FR", "NL", "AU")),
)
DIVISION_WEIGHTS = {
    "Sony Music Entertainment": 10,
    "Sony Music UK": 4,
    "Sony Music Publishing": 3,
    "Sony Pictures": 2,
    "Sony Electronics": 2,
    "Sony Interactive Entertainment": 2,
}

# Job families and what people in them are called.
FAMILIES: dict[str, tuple[str, ...]] = {
    "A&R": ("A&R", "Artist Development", "Talent Scouting"),
    "Marketing": ("Marketing", "Digital Marketing", "Brand Partnerships", "Streaming Marketing"),
    "Commercial": ("Sales", "Commercial Partnerships", "Business Development"),
    "Catalogue": ("Catalogue", "Legacy Recordings", "Rights Management"),
    "Data": ("Data & Analytics", "Consumer Insight", "Data Science"),
    "Technology": ("Technology", "Product", "Engineering", "Information Security"),
    "Finance": ("Finance", "Royalties", "Financial Planning"),
    "Legal": ("Legal & Business Affairs", "Licensing"),
    "People": ("People & Culture", "Learning & Development", "Talent Acquisition"),
    "Communications": ("Communications", "Social Impact", "Publicity"),
    "Operations": ("Operations", "Supply Chain", "Production"),
    "Creative": ("Creative", "Sync", "Video Production", "Content"),
}
LEVELS = ("Coordinator", "Executive", "Manager", "Senior Manager", "Director")

# The people behind the demo logins, built into the company so their pages are full.
DEMO_PEOPLE: dict[str, dict[str, str]] = {
    "admin": {
        "name": "Tomás Becker",
        "country": "DE",
        "division": "Sony Music Entertainment",
        "job_title": "HR Systems Administrator",
        "tz": "Europe/Berlin",
        "langs": "de; en",
    },
    "pm": {
        "name": "Harriet Okafor",
        "country": "GB",
        "division": "Sony Music UK",
        "job_title": "Head of Learning & Development",
        "tz": "Europe/London",
        "langs": "en",
    },
    "impact": {
        "name": "Maya Richardson",
        "country": "US",
        "division": "Sony Music Entertainment",
        "job_title": "VP, Global Impact & Inclusion",
        "tz": "America/New_York",
        "langs": "en; es",
    },
    "participant": {
        "name": "Lucía Fernández",
        "country": "ES",
        "division": "Sony Music Entertainment",
        "job_title": "Senior Manager, Streaming Marketing",
        "tz": "Europe/Madrid",
        "langs": "es; en; pt",
    },
    "coach": {
        "name": "Daniel Mensah",
        "country": "GB",
        "division": "Sony Music Entertainment",
        "job_title": "Senior HR Business Partner",
        "tz": "Europe/London",
        "langs": "en",
    },
    "sponsor": {
        "name": "Sofia Lindqvist",
        "country": "SE",
        "division": "Sony Music Entertainment",
        "job_title": "Managing Director, Nordics",
        "tz": "Europe/Stockholm",
        "langs": "sv; en; no",
    },
    "mentor": {
        "name": "Alessia Romano",
        "country": "GB",
        "division": "Sony Music UK",
        "job_title": "Senior Manager, Artist Development",
        "tz": "Europe/London",
        "langs": "en; it",
    },
}
PARTNER = {
    "name": "Creative Mentor Network",
    "slug": "creative-mentor-network",
    "website": "https://creativementornetwork.example",
    "contact_email": "partnerships@creativementor.example",
}
EXTERNAL_DEMO = {
    "mentee": {"name": "Jade Campbell", "email": "mentee@example.com", "country": "GB"},
    "partner": {"name": "Ellie Turner", "email": "partner@creativementor.example", "country": "GB"},
    # Positive Influence's designated safeguarding lead, a professional it contracts.
    "safeguarding": {
        "name": "Grace Adeyemi",
        "email": "safeguarding@creativementor.example",
        "country": "GB",
    },
}
EMAIL_DOMAIN = "sony.example"
DEMO_PASSWORD = "amplify-demo-2026"
