"""Statistical disclosure control for every published figure: the one module that decides
what a page, an API answer, an export or a PDF may show.

Three rules, applied in this order:

1. **Primary suppression.** A cell counting 1 to `threshold - 1` people is hidden (5 by
   default; 10 for free-text answers, `TEXT_THRESHOLD`). Zero is shown: nobody is exposed by it.
2. **Complementary suppression.** When a breakdown has exactly one hidden cell, its value
   could be recovered as the total minus the visible cells, so the smallest other non-zero
   cell is hidden too. Repeated until no breakdown has a lone hidden cell.
3. **Refused isolation.** A filter whose population is a small group is refused outright
   (`isolates`), so two reports subtracted from one another cannot reveal a hidden cell.

A share (numerator of n) is shown only when n, the numerator and n minus the numerator are
each safe: "100% of 4" would tell that every one of the four agreed.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

SMALL_GROUP = 5
TEXT_THRESHOLD = 10

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Cell:
    """One count of a table as published: `value` is None when it is hidden."""

    value: int | None
    reason: str = ""  # "" shown, "small" primary, "complementary" hidden to protect another

    @property
    def hidden(self) -> bool:
        return self.value is None


def is_small(count: int, *, threshold: int = SMALL_GROUP) -> bool:
    if count < 0:
        raise ValueError("a count cannot be negative")
    return 0 < count < threshold


def isolates(population: int, *, threshold: int = SMALL_GROUP) -> bool:
    """True when a filter or drill-down would describe a small group: it must be refused."""
    return is_small(population, threshold=threshold)


def protect(counts: Mapping[K, int], *, threshold: int = SMALL_GROUP) -> dict[K, Cell]:
    """One breakdown (cells that add up to a shown total), with primary and complementary
    suppression applied."""
    hidden: dict[K, str] = {
        k: "small" for k, v in counts.items() if is_small(v, threshold=threshold)
    }
    if len(hidden) == 1:
        candidates = sorted((v, str(k), k) for k, v in counts.items() if k not in hidden and v > 0)
        if candidates:
            hidden[candidates[0][2]] = "complementary"
    return {k: Cell(None, hidden[k]) if k in hidden else Cell(v) for k, v in counts.items()}


def protect_table(
    counts: Mapping[tuple[K, K], int], *, threshold: int = SMALL_GROUP
) -> dict[tuple[K, K], Cell]:
    """A two-way table (row, column) whose row and column totals are shown: hides small
    cells, then complements until no row or column has a lone hidden cell."""
    hidden: dict[tuple[K, K], str] = {
        k: "small" for k, v in counts.items() if is_small(v, threshold=threshold)
    }
    changed = True
    while changed:
        changed = False
        for axis in (0, 1):
            lines: dict[K, list[tuple[K, K]]] = {}
            for key in counts:
                lines.setdefault(key[axis], []).append(key)
            for keys in lines.values():
                if sum(1 for k in keys if k in hidden) != 1:
                    continue
                others = sorted(
                    (counts[k], str(k), k) for k in keys if k not in hidden and counts[k] > 0
                )
                if others:
                    hidden[others[0][2]] = "complementary"
                    changed = True
    return {k: Cell(None, hidden[k]) if k in hidden else Cell(v) for k, v in counts.items()}


def count(value: int, *, threshold: int = SMALL_GROUP) -> Cell:
    """A lone count (no breakdown around it)."""
    return Cell(None, "small") if is_small(value, threshold=threshold) else Cell(value)


def share_shown(numerator: int, n: int, *, threshold: int = SMALL_GROUP) -> bool:
    """Whether "numerator of n" may be published: n, the numerator and the rest all safe."""
    if not 0 <= numerator <= n:
        raise ValueError("the numerator must lie between 0 and n")
    if n == 0:
        return False
    return not (
        is_small(n, threshold=threshold)
        or is_small(numerator, threshold=threshold)
        or is_small(n - numerator, threshold=threshold)
    )
