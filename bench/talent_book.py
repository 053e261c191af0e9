"""The talent book's PDF for 130 participants: seconds and peak memory (RSS).

    .venv/bin/python bench/talent_book.py [--people 130] [--no-photos]

Typesets a book of N people, each with a photo (a 600×800 JPEG), every text field and an
experiment with its cards, results, two outcomes and a story, through the same renderer the
worker uses (amplify.talentbook.render.book_pdf), its photos read from Django's storage.
Target on the 2-core machine: under 60 s and under 1 GB. Prints a table.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOREM = (
    "We tried the smallest thing that could prove the idea, with the people closest to "
    "the customer, and measured what changed. "
)


def _person(i: int, photo: str) -> dict:
    return {
        "person_id": i,
        "anchor": f"p{i}",
        "name": f"Participant {i:03d}",
        "job_title": "Senior manager",
        "cohort": "Amplify 2015",
        "country_code": "SE",
        "country": ["Sweden", "Japan", "Brazil", "United Kingdom", "Germany"][i % 5],
        "division": ["Recorded Music", "Publishing", "Visual Media"][i % 3],
        "photo": photo,
        "about": LOREM * 3,
        "stands_for": LOREM * 2,
        "strengths": "Listening; data; patience; courage.",
        "experiment": {
            "title": f"Experiment {i}",
            "stage": "decided",
            "hypothesis": LOREM,
            "test": LOREM,
            "metric": "Sign-ups in a month",
            "criterion": "One in five",
            "believed": LOREM,
            "observed": LOREM,
            "learned": LOREM,
            "therefore": LOREM,
            "decision": "scale_up",
            "themes": ["streaming", "partnerships"],
        },
        "results": {"result": LOREM, "criterion_met": True},
        "outcomes": [
            {
                "kind": "promotion",
                "happened_on": "2015-06-01",
                "organisation": "Sony Music",
                "description": "Head of streaming",
                "confirmed": True,
            },
            {
                "kind": "deal",
                "happened_on": "2015-09-01",
                "organisation": "A partner",
                "description": "",
                "confirmed": False,
            },
        ],
        "story": {"title": "A story", "tried": LOREM, "happened": LOREM, "quote": "Act small."},
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=130)
    parser.add_argument("--no-photos", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amplify.settings_test")
    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from PIL import Image

    from amplify.talentbook.render import book_pdf

    photo = ""
    if not args.no_photos:
        buffer = io.BytesIO()
        Image.new("RGB", (600, 800), (40, 30, 90)).save(buffer, format="JPEG", quality=85)
        photo = default_storage.save("bench/photo.jpg", ContentFile(buffer.getvalue()))

    class Book:
        title = "The Little Black Book of Talent: bench"
        issued_at = None
        pk = 1

    people = [_person(i, photo) for i in range(args.people)]
    snapshot = {
        "title": Book.title,
        "version": 1,
        "scope_name": "Bench",
        "programme": "Amplify",
        "people": people,
    }
    stages: list[tuple[str, int]] = []
    started = time.perf_counter()
    pdf = book_pdf(Book(), snapshot, progress=lambda s, p: stages.append((s, p)))
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [
        ("people", f"{args.people}"),
        ("photos", "no" if args.no_photos else "yes (600×800 JPEG each)"),
        ("PDF size", f"{len(pdf) / 1e6:.1f} MB"),
        ("progress reports", f"{len(stages)}"),
        ("seconds", f"{seconds:.1f}  (target < 60)"),
        ("peak RSS", f"{peak_mb:.0f} MB  (target < 1024)"),
    ]
    width = max(len(k) for k, _ in rows)
    print(f"{'measure':<{width}} | value")
    print(f"{'-' * width}-+-{'-' * 30}")
    for key, value in rows:
        print(f"{key:<{width}} | {value}")


if __name__ == "__main__":
    main()
