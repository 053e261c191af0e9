"""The index of a book, without a database."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from amplify.core.bookindex import book_order, index_by


def _entry(i: int, name: str, country: str) -> dict[str, str]:
    return {"anchor": f"p{i}", "name": name, "country": country}


def test_it_indexes_people_under_their_country_by_name() -> None:
    entries = [_entry(1, "Zoe", "Sweden"), _entry(2, "ana", "Japan"), _entry(3, "Bo", "Sweden")]
    assert index_by(entries, lambda e: [e["country"]]) == [
        ("Japan", ["p2"]),
        ("Sweden", ["p3", "p1"]),
    ]


def test_it_leaves_out_an_empty_heading() -> None:
    assert index_by([_entry(1, "A", "")], lambda e: [e["country"]]) == []


@given(
    st.lists(
        st.tuples(st.text(max_size=8), st.sampled_from(["", "Japan", "Sweden", "Brazil"])),
        max_size=30,
    )
)
def test_it_lists_every_indexed_person_once_per_heading(rows: list[tuple[str, str]]) -> None:
    entries = [_entry(i, name, country) for i, (name, country) in enumerate(rows)]
    groups = index_by(entries, lambda e: [e["country"], e["country"]])
    listed = [a for _, anchors in groups for a in anchors]
    assert sorted(listed) == sorted(e["anchor"] for e in entries if e["country"])
    assert len(book_order(entries)) == len(entries)
