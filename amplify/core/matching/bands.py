"""Region bands for home groups: groups meet in shared working hours, so each is formed
within one band of neighbouring time zones."""

from __future__ import annotations

from amplify.core.matching.groups import group_sizes
from amplify.core.privacy import SMALL_GROUP

REGIONS = {
    "EMEA": "Europe, Middle East & Africa",
    "NA": "North America",
    "LATAM": "Latin America",
    "APAC": "Asia Pacific",
}


def bands(regions: dict[str, str], offsets: dict[str, int | None], min_size: int) -> dict[str, str]:
    """Each person's band: her region, except that a region too small to make a group joins
    the region nearest to it in time (by its people's median UTC offset), so nobody is left
    in a group below the minimum size."""
    members: dict[str, list[str]] = {}
    for key, region in regions.items():
        members.setdefault(region, []).append(key)

    def centre(band: str) -> float:
        known = sorted(o for k in members[band] if (o := offsets.get(k)) is not None)
        return float(known[len(known) // 2]) if known else 0.0

    while len(members) > 1:
        small = min(members, key=lambda b: (len(members[b]), b))
        if len(members[small]) >= min_size:
            break
        nearest = min(
            (b for b in members if b != small),
            key=lambda b: (abs(centre(b) - centre(small)), len(members[b]), b),
        )
        merged = "+".join(sorted(set(nearest.split("+")) | set(small.split("+"))))
        members[merged] = members.pop(nearest) + members.pop(small)
    return {key: band for band, keys in members.items() for key in keys}


def band_name(band: str) -> str:
    return " and ".join(REGIONS.get(part, part) for part in band.split("+"))


def small_bands(
    band_of: dict[str, str], *, min_size: int, max_size: int, target_size: int
) -> set[str]:
    """Bands where some group would hold fewer than SMALL_GROUP people (the sizes are the
    engine's, and depend only on how many people a band has)."""
    people: dict[str, int] = {}
    for band in band_of.values():
        people[band] = people.get(band, 0) + 1
    return {
        band
        for band, n in people.items()
        if min(group_sizes(n, min_size, max_size, target_size)) < SMALL_GROUP
    }
