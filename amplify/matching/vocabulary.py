"""The shared words people describe themselves with for matching."""

from __future__ import annotations

from django.db import models

TAGS = [
    "A&R",
    "Artist development",
    "Streaming",
    "Playlisting",
    "Sync",
    "Podcasts",
    "Live music",
    "Touring",
    "Merchandise",
    "Brand partnerships",
    "Social media",
    "Short-form video",
    "Film",
    "TV",
    "Games",
    "Esports",
    "Data and analytics",
    "AI",
    "Product",
    "Software",
    "Design",
    "Photography",
    "Copyright",
    "Licensing",
    "Royalties",
    "Finance",
    "Law",
    "Marketing",
    "Press and PR",
    "Journalism",
    "Radio",
    "DJing",
    "Music production",
    "Songwriting",
    "Fashion",
    "Community",
    "Charity",
    "Entrepreneurship",
    "Public speaking",
    "Leadership",
]


class JobFamily(models.TextChoices):
    AR = "a&r", "A&R and artist development"
    MARKETING = "marketing", "Marketing"
    DIGITAL = "digital", "Digital and streaming"
    COMMERCIAL = "commercial", "Sales and partnerships"
    CATALOGUE = "catalogue", "Catalogue and rights"
    DATA = "data", "Data and insight"
    TECHNOLOGY = "technology", "Technology and product"
    FINANCE = "finance", "Finance"
    LEGAL = "legal", "Legal and business affairs"
    PEOPLE = "people", "People and culture"
    COMMUNICATIONS = "communications", "Communications"
    CREATIVE = "creative", "Creative, sync and content"
    OPERATIONS = "operations", "Operations"


class Seniority(models.IntegerChoices):
    STUDENT = 0, "Student or starting out"
    ENTRY = 1, "Entry level"
    EXECUTIVE = 2, "Executive"
    MANAGER = 3, "Manager"
    SENIOR_MANAGER = 4, "Senior manager"
    DIRECTOR = 5, "Director"
    EXECUTIVE_LEADER = 6, "Executive leader"


DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
PARTS = ["morning", "afternoon", "evening"]
# Weekly slots 0..20: day * 3 + part of day, in the person's own time zone.
SLOTS = [(d * 3 + p, f"{DAYS[d]} {PARTS[p]}") for d in range(7) for p in range(3)]
