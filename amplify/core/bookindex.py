"""The talent book's index: who is where, by country, division and theme.

Pure: entries are plain mappings (the book's stored snapshot), so the index of an issued
book is computed the same way for its web edition and its PDF, without a database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

IndexGroup = tuple[str, list[str]]  # a heading and the anchors of the people under it


def _name_key(entry: Mapping[str, Any]) -> tuple[str, str]:
    return (str(entry.get("name", "")).casefold(), str(entry.get("anchor", "")))


def index_by(
    entries: Iterable[Mapping[str, Any]], keys_of: Any, *, label_of: Any = None
) -> list[IndexGroup]:
    """Headings (sorted, case-insensitively, by their label) each with the anchors of the
    people under them, sorted by name. `keys_of(entry)` gives an entry's keys (none: the
    entry is not indexed under this heading); `label_of(key)` the heading shown."""
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for entry in entries:
        for key in dict.fromkeys(k for k in keys_of(entry) if k):
            groups.setdefault(key, []).append(entry)
    label = label_of or (lambda key: key)
    ordered = sorted(groups, key=lambda key: (str(label(key)).casefold(), key))
    return [
        (key, [str(e["anchor"]) for e in sorted(groups[key], key=_name_key)]) for key in ordered
    ]


def book_order(entries: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The order of the spreads: by name, so a reader finds a person as in a directory."""
    return sorted(entries, key=_name_key)
