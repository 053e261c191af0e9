"""The statistics behind every published figure: the Wilson score interval for a share, and
the two paired tests for pre/post change on linked (confidential) answers.

SciPy does the distributions; nothing here knows about Django or surveys.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import stats

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


def wilson(successes: int, n: int, *, z: float = Z95) -> Interval:
    """The Wilson score interval for successes/n, as fractions in [0, 1]. Unlike the
    textbook p ± z·se it stays inside [0, 1] and behaves at 0% and 100%."""
    if n <= 0:
        raise ValueError("n must be positive")
    if not 0 <= successes <= n:
        raise ValueError("successes must lie between 0 and n")
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    # Exactly 0 and 1 at the edges (rounding would otherwise give 1e-17).
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return Interval(low, high)


@dataclass(frozen=True)
class PairedTest:
    """A paired pre/post comparison: `pairs` linked people, and the test's two-sided p."""

    test: str  # "mcnemar" or "wilcoxon"
    pairs: int
    improved: int
    worsened: int
    unchanged: int
    p_value: float | None  # None when no pair changed: there is nothing to test


def mcnemar_exact(pairs: Sequence[tuple[bool, bool]]) -> PairedTest:
    """The exact McNemar test on (before, after) yes/no pairs: a two-sided binomial test of
    the discordant pairs against a fair coin."""
    improved = sum(1 for before, after in pairs if not before and after)
    worsened = sum(1 for before, after in pairs if before and not after)
    discordant = improved + worsened
    p = None
    if discordant:
        p = float(stats.binomtest(improved, discordant, 0.5).pvalue)
    return PairedTest("mcnemar", len(pairs), improved, worsened, len(pairs) - discordant, p)


def wilcoxon_signed_rank(pairs: Sequence[tuple[float, float]]) -> PairedTest:
    """The Wilcoxon signed-rank test on (before, after) scale answers (zero differences are
    dropped, as Wilcoxon did; exact for small samples, normal approximation otherwise)."""
    differences = [after - before for before, after in pairs]
    improved = sum(1 for d in differences if d > 0)
    worsened = sum(1 for d in differences if d < 0)
    p = None
    if improved + worsened:
        p = float(stats.wilcoxon(differences, zero_method="wilcox").pvalue)
    return PairedTest(
        "wilcoxon", len(pairs), improved, worsened, len(pairs) - improved - worsened, p
    )
