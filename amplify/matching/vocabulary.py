"""The shared words people describe themselves with for matching."""

from __future__ import annotations

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

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
    AR = "a&r", _("A&R and artist development")
    MARKETING = "marketing", _("Marketing")
    DIGITAL = "digital", _("Digital and streaming")
    COMMERCIAL = "commercial", _("Sales and partnerships")
    CATALOGUE = "catalogue", _("Catalogue and rights")
    DATA = "data", _("Data and insight")
    TECHNOLOGY = "technology", _("Technology and product")
    FINANCE = "finance", _("Finance")
    LEGAL = "legal", _("Legal and business affairs")
    PEOPLE = "people", _("People and culture")
    COMMUNICATIONS = "communications", _("Communications")
    CREATIVE = "creative", _("Creative, sync and content")
    OPERATIONS = "operations", _("Operations")


class Seniority(models.IntegerChoices):
    STUDENT = 0, _("Student or starting out")
    ENTRY = 1, _("Entry level")
    EXECUTIVE = 2, _("Executive")
    MANAGER = 3, _("Manager")
    SENIOR_MANAGER = 4, _("Senior manager")
    DIRECTOR = 5, _("Director")
    EXECUTIVE_LEADER = 6, _("Executive leader")


DAYS = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]
PARTS = [_("morning"), _("afternoon"), _("evening")]
# Weekly slots 0..20: day * 3 + part of day, in the person's own time zone.
SLOTS = [
    (d * 3 + p, format_lazy(_("{day} {part}"), day=DAYS[d], part=PARTS[p]))
    for d in range(7)
    for p in range(3)
]
