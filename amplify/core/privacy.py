"""Small-group suppression: a count describing fewer than `threshold` people is never shown,
because with a handful of people a count identifies them."""

from __future__ import annotations

SMALL_GROUP = 5


def suppress(count: int, *, threshold: int = SMALL_GROUP) -> int | None:
    """The count, or None when it describes 1 to threshold-1 people (zero is safe to show)."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    return None if 0 < count < threshold else count


def share(part: int, whole: int, *, threshold: int = SMALL_GROUP) -> float | None:
    """part/whole as a percentage, or None when either side is a small group."""
    if whole <= 0 or suppress(whole, threshold=threshold) is None:
        return None
    if (
        suppress(part, threshold=threshold) is None
        or suppress(whole - part, threshold=threshold) is None
    ):
        return None
    return round(100 * part / whole, 1)
