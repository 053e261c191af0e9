"""Every table of ours sits directly in a `.table-wrap`, the one rule (amplify/static/amplify/
app.css) that lets a table wider than a phone scroll inside its own box instead of making
the whole page scroll sideways. The admin's own templates follow the admin's layout."""

from __future__ import annotations

import re
from pathlib import Path

import amplify

ROOT = Path(amplify.__file__).parent
TEMPLATES = sorted(
    p for p in ROOT.rglob("templates/**/*.html") if "templates/admin/" not in p.as_posix()
)
WRAPPED = re.compile(r'<div class="table-wrap[^"]*">\s*$')


def test_every_table_is_in_a_scroll_container() -> None:
    bare = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<table\b", text):
            if not WRAPPED.search(text[: match.start()]):
                line = text.count("\n", 0, match.start()) + 1
                bare.append(f"{path.relative_to(ROOT)}:{line}")
    assert bare == []


def test_it_finds_the_tables() -> None:
    # A guard that the walk above sees templates at all.
    assert sum("<table" in p.read_text(encoding="utf-8") for p in TEMPLATES) > 15
