"""The decisions behind an indicator's figure, from counts alone: what a share, a mean or a
ratio may show, whether a before-and-after change may be claimed, whether free-text
answers may be listed, and which groups of a breakdown may show their share.

The Django layer (amplify/impact/compute.py) counts in the database and passes the counts
here; nothing in this module sees a record, a name or the clock.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from amplify.core import disclosure
from amplify.core.statistics import PairedTest, mcnemar_exact, wilcoxon_signed_rank, wilson

# A before-and-after test on fewer linked pairs says nothing and would describe a small group.
MIN_PAIRS = disclosure.SMALL_GROUP

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Result:
    """A figure's publishable numbers: `value` is None when hidden, and `suppressed` says
    why ("small", "no_data")."""

    value: float | None
    numerator: int | None = None
    n: int | None = None
    ci_low: float | None = None  # percent
    ci_high: float | None = None
    suppressed: str = ""

    @property
    def shown(self) -> bool:
        return self.value is not None


def share(numerator: int, n: int) -> Result:
    """numerator of n as a percent with its Wilson 95% interval, or hidden when n, the
    numerator or the rest is a small group ("100% of 4" tells what each of the four said)."""
    if n == 0:
        return Result(None, suppressed="no_data")
    if not disclosure.share_shown(numerator, n):
        return Result(None, suppressed="small")
    interval = wilson(numerator, n)
    return Result(
        100 * numerator / n,
        numerator=numerator,
        n=n,
        ci_low=100 * interval.low,
        ci_high=100 * interval.high,
    )


def mean(total: float, n: int) -> Result:
    """The mean of n answers summing to `total`, hidden for a small group."""
    if n < 0:
        raise ValueError("n cannot be negative")
    if n == 0:
        return Result(None, suppressed="no_data")
    if disclosure.is_small(n):
        return Result(None, suppressed="small")
    return Result(total / n, n=n)


def ratio(held: int, expected: int, *, group: int) -> Result:
    """Meetings held as a percent of those expected, over `group` pairs; hidden when the
    pairs are a small group, no data when nothing was expected yet."""
    if held < 0 or expected < 0 or group < 0:
        raise ValueError("counts cannot be negative")
    if expected == 0 or group == 0:
        return Result(None, suppressed="no_data")
    if disclosure.is_small(group):
        return Result(None, suppressed="small")
    return Result(100 * held / expected, numerator=held, n=expected)


@dataclass(frozen=True)
class Paired:
    """A before-and-after change on linked answers, or why none is reported."""

    test: PairedTest | None
    reason: str = ""  # "", "too_few_pairs" or "unlinked"


def paired_change(
    cells: Mapping[tuple[float, float], int],
    *,
    counted: Collection[float] | None = None,
    linkable: bool = True,
) -> Paired:
    """The change between linked (before, after) answers, given as how many people gave each
    (before, after) pair. With `counted` (the answers a share counts, e.g. agree and strongly
    agree) it is the exact McNemar test on counted/not counted; without, the Wilcoxon
    signed-rank test on the scale. Nothing is claimed when the answers cannot be linked
    (anonymous) or fewer than MIN_PAIRS people answered both."""
    if not linkable:
        return Paired(None, "unlinked")
    total = sum(cells.values())
    if total < MIN_PAIRS:
        return Paired(None, "too_few_pairs")
    if counted is not None:
        success = {float(v) for v in counted}
        bools = [
            (before in success, after in success)
            for (before, after), times in cells.items()
            for _ in range(times)
        ]
        return Paired(mcnemar_exact(bools))
    pairs = [pair for pair, times in cells.items() for _ in range(times)]
    return Paired(wilcoxon_signed_rank(pairs))


def free_text_shown(respondents: int) -> bool:
    """Free-text answers are listed only for groups of TEXT_THRESHOLD (10) or more."""
    return respondents >= disclosure.TEXT_THRESHOLD


def filter_refused(filtered: int, total: int) -> bool:
    """A filter is refused when the group it keeps, or the group it leaves out, is small:
    otherwise the unfiltered figure minus the filtered one describes that small group."""
    if not 0 <= filtered <= total:
        raise ValueError("a filtered count lies between 0 and the total")
    return disclosure.isolates(filtered) or disclosure.isolates(total - filtered)


@dataclass(frozen=True)
class GroupShare:
    """One group of a breakdown of a share: its respondents (a protected cell) and whether
    its share may be shown."""

    n: disclosure.Cell
    share_shown: bool


def protect_shares(groups: Mapping[K, tuple[int, int]]) -> dict[K, GroupShare]:
    """A breakdown of a share whose total (numerator of n) is published: each group's
    (numerator, n). The group sizes get primary and complementary suppression; a group's
    share is shown only when its size is shown and its split is safe, and when a single
    group's share is hidden the smallest other shown share is hidden too, so the total's
    numerator minus the visible numerators never gives one group's numerator."""
    cells = disclosure.protect({k: n for k, (_, n) in groups.items()})
    hidden = {
        k
        for k, (numerator, n) in groups.items()
        if n > 0 and (cells[k].hidden or not disclosure.share_shown(numerator, n))
    }
    if len(hidden) == 1:
        others = sorted((n, str(k), k) for k, (_, n) in groups.items() if k not in hidden and n > 0)
        if others:
            hidden.add(others[0][2])
    return {k: GroupShare(cells[k], k not in hidden and groups[k][1] > 0) for k in groups}
