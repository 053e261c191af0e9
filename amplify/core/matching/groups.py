"""Home groups: a cohort's participants in small groups, each as mixed as the whole.

Within each band (a region or time-zone band: groups meet, so they share working hours),
people are split into groups whose sizes stay in the range asked (5-8 by default). Each
group should hold every attribute (function, country, gender where consented, seniority)
in the proportions of its band. Imbalance is the sum, over groups, attributes and values, of
(count - ideal)², where ideal = the band's count of that value × group size ÷ band size.
A group is perfectly balanced for an attribute when every count is the ideal rounded down or
up.

The method: place "keep together" sets first, deal everyone else round the groups in order
of their rarest attribute value, then swap people between groups while that lowers the
imbalance, many swaps at a time (vectorised), never putting a "keep apart" pair together.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

DEFAULT_ATTRIBUTES = ("function", "country", "gender", "seniority")


@dataclass(frozen=True)
class Member:
    key: str
    band: str
    attributes: Mapping[str, str | None]  # None: unknown or not consented; not balanced


@dataclass
class Group:
    band: str
    number: int  # 1.. within the band
    members: list[str]
    # attribute -> (counts by value, ideal counts by value)
    balance: dict[str, dict[str, tuple[int, float]]] = field(default_factory=dict)
    perfect: dict[str, bool] = field(default_factory=dict)


class Balance:
    PERFECT = "perfect"  # every group within one of the ideal, for every attribute
    IMPOSSIBLE = "impossible"  # proved: no partition is perfect (often: the constraints)
    BEST_FOUND = "best_found"  # not perfect; not proved impossible in the time given


# The warnings as English msgids with %(name)s parameters: the Django layer marks them for
# translation (amplify.matching.enginetext) and shows each in the reader's language.
BAND_BELOW_MINIMUM = "%(band)s: only %(people)s people, one group below the minimum of %(min)s."
BAND_UNEVEN = (
    "%(band)s: %(people)s people cannot all be in groups of %(min)s–%(max)s; sizes used: %(sizes)s."
)
WARNINGS = (BAND_BELOW_MINIMUM, BAND_UNEVEN)


@dataclass
class Grouping:
    groups: list[Group]
    imbalance: float
    random_imbalance: float  # the mean over random partitions with the same group sizes
    perfect: dict[str, bool]  # attribute -> every group perfectly balanced for it
    warnings: list[str]
    status: dict[str, str] = field(default_factory=dict)  # band -> Balance
    # No partition does better: every cell at its best rounding, ignoring how cells interact.
    lower_bound: float = 0.0
    # Each warning as (msgid, parameters), in the order of `warnings`.
    notices: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def improvement(self) -> float:
        """Share of the avoidable imbalance of a random partition that is removed: 1.0 means
        as balanced as the lower bound allows."""
        avoidable = self.random_imbalance - self.lower_bound
        if avoidable <= 0:
            return 1.0
        return max(0.0, 1 - (self.imbalance - self.lower_bound) / avoidable)


def group_sizes(n: int, min_size: int, max_size: int, target: int) -> list[int]:
    """Sizes for n people: as close to `target` as the range allows, differing by at most 1.
    When no split fits the range (3 people in groups of exactly 2), the fewest groups that do
    not exceed the maximum."""
    if n <= 0:
        return []
    if n < min_size:
        return [n]
    low, high = math.ceil(n / max_size), n // min_size
    count = min(max(round(n / target), low), max(high, low))
    base, extra = divmod(n, count)
    return [base + 1] * extra + [base] * (count - extra)


class _Band:
    """One band's people, their attribute values as columns, and the current partition."""

    def __init__(self, members: list[Member], attributes: Sequence[str], sizes: list[int]):
        self.members = members
        self.sizes = np.array(sizes)
        self.columns: dict[tuple[str, str], int] = {}
        for a in attributes:
            for value in sorted(
                {str(m.attributes.get(a)) for m in members if m.attributes.get(a) is not None}
            ):
                self.columns[(a, value)] = len(self.columns)
        self.attributes = list(attributes)
        # Each person's column per attribute (-1 when unknown): shape (people, attributes).
        self.value = np.full((len(members), len(attributes)), -1, dtype=np.int64)
        for p, m in enumerate(members):
            for k, a in enumerate(attributes):
                v = m.attributes.get(a)
                if v is not None:
                    self.value[p, k] = self.columns[(a, str(v))]
        width = len(self.columns)
        totals = np.zeros(width)
        for k in range(len(attributes)):
            known = self.value[:, k] >= 0
            np.add.at(totals, self.value[known, k], 1)
        self.ideal = np.outer(self.sizes / len(members), totals)  # (groups, columns)

    def counts(self, group: np.ndarray) -> np.ndarray:
        c = np.zeros((len(self.sizes), len(self.columns)))
        for k in range(len(self.attributes)):
            known = self.value[:, k] >= 0
            np.add.at(c, (group[known], self.value[known, k]), 1)
        return c

    def imbalance(self, group: np.ndarray) -> float:
        return float(((self.counts(group) - self.ideal) ** 2).sum())

    def lower_bound(self) -> float:
        """Each value's people spread over the groups by rounding ideals, best case."""
        total = 0.0
        for col in range(self.ideal.shape[1]):
            ideal = self.ideal[:, col]
            count = np.floor(ideal + 1e-9)
            rest = round(float(ideal.sum() - count.sum()))
            count[np.argsort(-(ideal - count), kind="stable")[:rest]] += 1
            total += float(((count - ideal) ** 2).sum())
        return total


def _partners(apart: set[tuple[int, int]]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = defaultdict(set)
    for p, q in apart:
        out[p].add(q)
        out[q].add(p)
    return out


def _deal(
    band: _Band, together: list[list[int]], apart: set[tuple[int, int]], rng: np.random.Generator
) -> np.ndarray:
    """A first partition: keep-together sets first, then everyone by rarest value, each to
    the group that needs that value most and has room."""
    n, g = len(band.members), len(band.sizes)
    group = np.full(n, -1, dtype=np.int64)
    room = band.sizes.copy()
    counts = np.zeros_like(band.ideal)
    frequency = band.ideal.sum(axis=0)
    partners = _partners(apart)

    def place(people: list[int]) -> None:
        need = np.zeros(g)
        for p in people:
            cols = band.value[p][band.value[p] >= 0]
            need += (band.ideal[:, cols] - counts[:, cols]).sum(axis=1)
        clash = np.zeros(g, dtype=bool)
        for p in people:
            for q in partners.get(p, ()):
                if group[q] >= 0:
                    clash[group[q]] = True
        fits = (room >= len(people)) & ~clash
        if not fits.any():
            fits = room >= len(people)
        if not fits.any():  # pragma: no cover - sizes always add up to n
            fits = room > 0
        choice = int(np.flatnonzero(fits)[np.argmax(need[fits] + room[fits] * 1e-6)])
        for p in people:
            group[p] = choice
            cols = band.value[p][band.value[p] >= 0]
            counts[choice, cols] += 1
        room[choice] -= len(people)

    for unit in sorted(together, key=len, reverse=True):
        place(unit)
    rest = [p for p in range(n) if group[p] < 0]
    rarity = [min((frequency[c] for c in band.value[p] if c >= 0), default=n) for p in rest]
    jitter = rng.random(len(rest))
    for _, _, p in sorted(zip(rarity, jitter, rest, strict=True)):
        place([p])
    return group


def _improve(
    band: _Band,
    group: np.ndarray,
    fixed: np.ndarray,
    apart: set[tuple[int, int]],
    rng: np.random.Generator,
    rounds: int = 3000,
    batch: int = 4096,
) -> np.ndarray:
    """Swap pairs of people in different groups while the imbalance falls. Half of each
    batch starts from someone whose group has too many of one of her values: that is where
    improving swaps are."""
    movable = np.flatnonzero(~fixed)
    if len(movable) < 2 or len(band.sizes) < 2:
        return group
    counts = band.counts(group)
    partners = _partners(apart)
    is_movable = ~fixed
    stale = 0
    for _ in range(rounds):
        dev = counts - band.ideal
        over = np.zeros(len(group), dtype=bool)
        for k in range(len(band.attributes)):
            known = band.value[:, k] >= 0
            over[known] |= dev[group[known], band.value[known, k]] >= 0.5
        crowded = np.flatnonzero(over & is_movable)
        if len(crowded):
            # Half the batch: someone crowded, with someone from a group short of one of her
            # values (a random attribute of hers, a random short group, a random member).
            p1 = crowded[rng.integers(0, len(crowded), batch // 2)]
            which = rng.integers(0, len(band.attributes), len(p1))
            col = band.value[p1, which]
            short = dev < -0.5
            target = np.full(len(p1), -1)
            has = col >= 0
            for c in np.unique(col[has]):
                needy = np.flatnonzero(short[:, c])
                if len(needy):
                    pick = has & (col == c)
                    target[pick] = needy[rng.integers(0, len(needy), int(pick.sum()))]
            order = np.argsort(group, kind="stable")
            start = np.searchsorted(group[order], np.arange(len(band.sizes)))
            size = np.bincount(group, minlength=len(band.sizes))
            aimed = target >= 0
            q1 = movable[rng.integers(0, len(movable), len(p1))]
            offset = (rng.random(int(aimed.sum())) * size[target[aimed]]).astype(np.int64)
            q1[aimed] = order[start[target[aimed]] + offset]
            p = np.concatenate([p1, movable[rng.integers(0, len(movable), batch - len(p1))]])
            q = np.concatenate([q1, movable[rng.integers(0, len(movable), batch - len(p1))]])
            keep = is_movable[q]
            p, q = p[keep], q[keep]
        else:
            p = movable[rng.integers(0, len(movable), batch)]
            q = movable[rng.integers(0, len(movable), batch)]
        a, b = group[p], group[q]
        ok = a != b
        p, q, a, b = p[ok], q[ok], a[ok], b[ok]
        delta = np.zeros(len(p))
        for k in range(len(band.attributes)):
            x, y = band.value[p, k], band.value[q, k]
            differ = x != y
            # Moving x from a to b and y from b to a: each cell changes by ±1, and
            # (d ± 1)² - d² = ±2d + 1.
            for cell_group, cell_value, sign in ((a, x, -1), (b, x, 1), (b, y, -1), (a, y, 1)):
                known = differ & (cell_value >= 0)
                gi, vi = cell_group[known], cell_value[known]
                delta[known] += sign * 2 * dev[gi, vi] + 1
        better = np.flatnonzero(delta < -1e-9)
        if not len(better):
            stale += 1
            if stale >= 30:
                break
            continue
        stale = 0
        used: set[int] = set()
        for i in better[np.argsort(delta[better])]:
            ga, gb, pp, qq = int(a[i]), int(b[i]), int(p[i]), int(q[i])
            if ga in used or gb in used:
                continue
            if any(group[o] == gb and o != qq for o in partners.get(pp, ())) or any(
                group[o] == ga and o != pp for o in partners.get(qq, ())
            ):
                continue
            used.update((ga, gb))
            for k in range(len(band.attributes)):
                x, y = band.value[pp, k], band.value[qq, k]
                if x >= 0:
                    counts[ga, x] -= 1
                    counts[gb, x] += 1
                if y >= 0:
                    counts[gb, y] -= 1
                    counts[ga, y] += 1
            group[pp], group[qq] = gb, ga
    return group


# Bands up to this size also get an exact search for a perfect partition (CP-SAT).
EXACT_BAND = 800
EXACT_BUDGET = 10.0  # CP-SAT deterministic time units (about seconds), per band


def _perfect(
    band: _Band, together: list[list[int]], apart: set[tuple[int, int]], hint: np.ndarray, seed: int
) -> tuple[np.ndarray | None, str]:
    """A partition with every cell within one of its ideal, or None: proved impossible, or not
    found within the (deterministic) budget. Single-threaded, so repeatable."""
    from ortools.sat.python import cp_model

    n, g = len(band.members), len(band.sizes)
    model = cp_model.CpModel()
    x = [[model.new_bool_var(f"x{p}_{k}") for k in range(g)] for p in range(n)]
    for p in range(n):
        model.add_exactly_one(x[p])
        for k in range(g):
            model.add_hint(x[p][k], int(hint[p] == k))
    for k in range(g):
        model.add(sum(x[p][k] for p in range(n)) == int(band.sizes[k]))
    holders: dict[int, list[int]] = defaultdict(list)
    for p in range(n):
        for col in band.value[p]:
            if col >= 0:
                holders[int(col)].append(p)
    for col, people in holders.items():
        for k in range(g):
            ideal = band.ideal[k, col]
            total = sum(x[p][k] for p in people)
            model.add(total >= math.floor(ideal + 1e-9))
            model.add(total <= math.ceil(ideal - 1e-9))
    for p, q in apart:
        for k in range(g):
            model.add(x[p][k] + x[q][k] <= 1)
    for unit in together:
        for p in unit[1:]:
            for k in range(g):
                model.add(x[p][k] == x[unit[0]][k])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = EXACT_BUDGET
    status = solver.solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return np.array(
            [next(k for k in range(g) if solver.value(x[p][k])) for p in range(n)]
        ), Balance.PERFECT
    if status == cp_model.INFEASIBLE:
        return None, Balance.IMPOSSIBLE
    return None, Balance.BEST_FOUND


def _is_perfect(band: _Band, group: np.ndarray) -> bool:
    dev = band.counts(group)
    return bool(((dev >= np.floor(band.ideal + 1e-9)) & (dev <= np.ceil(band.ideal - 1e-9))).all())


def form_groups(
    members: Sequence[Member],
    *,
    min_size: int = 5,
    max_size: int = 8,
    target_size: int = 6,
    attributes: Sequence[str] = DEFAULT_ATTRIBUTES,
    keep_together: Iterable[tuple[str, str]] = (),
    keep_apart: Iterable[tuple[str, str]] = (),
    seed: int = 0,
    baseline_samples: int = 20,
) -> Grouping:
    if not 2 <= min_size <= max_size:
        raise ValueError("Group sizes need 2 <= minimum <= maximum.")
    if not min_size <= target_size <= max_size:
        raise ValueError("The target size must lie between the minimum and the maximum.")
    keys = [m.key for m in members]
    if len(set(keys)) != len(keys):
        raise ValueError("Member keys must be unique.")
    rng = np.random.default_rng(seed)
    index = {k: i for i, k in enumerate(keys)}
    for p, q in (*keep_together, *keep_apart):
        for key in (p, q):
            if key not in index:
                raise ValueError(f"{key} is named in a constraint but is not being grouped.")
    # Keep-together sets: connected components of the pairs.
    parent = list(range(len(members)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for p, q in keep_together:
        i, j = index[p], index[q]
        if members[i].band != members[j].band:
            raise ValueError(f"{p} and {q} must be kept together but are in different bands.")
        parent[root(i)] = root(j)
    sets: dict[int, list[int]] = defaultdict(list)
    for i in range(len(members)):
        sets[root(i)].append(i)
    apart = {(min(index[p], index[q]), max(index[p], index[q])) for p, q in keep_apart}
    for unit in sets.values():
        if len(unit) > max_size:
            raise ValueError(f"{len(unit)} people must be kept together, more than a group holds.")
        for i in unit:
            for j in unit:
                if i < j and (i, j) in apart:
                    raise ValueError(f"{keys[i]} and {keys[j]} are both kept together and apart.")

    notices: list[tuple[str, dict[str, Any]]] = []
    status: dict[str, str] = {}
    groups: list[Group] = []
    total, baseline, floor = 0.0, 0.0, 0.0
    perfect_all: dict[str, bool] = dict.fromkeys(attributes, True)
    by_band: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(members):
        by_band[m.band].append(i)
    for band_name in sorted(by_band):
        people = by_band[band_name]
        sizes = group_sizes(len(people), min_size, max_size, target_size)
        if len(people) < min_size:
            notices.append(
                (BAND_BELOW_MINIMUM, {"band": band_name, "people": len(people), "min": min_size})
            )
        elif not all(min_size <= size <= max_size for size in sizes):
            used = ", ".join(map(str, sorted(set(sizes))))
            notices.append(
                (
                    BAND_UNEVEN,
                    {
                        "band": band_name,
                        "people": len(people),
                        "min": min_size,
                        "max": max_size,
                        "sizes": used,
                    },
                )
            )
        band = _Band([members[i] for i in people], attributes, sizes)
        local = {g: k for k, g in enumerate(people)}
        together = [
            [local[i] for i in unit] for unit in sets.values() if len(unit) > 1 and unit[0] in local
        ]
        local_apart = {
            (min(local[i], local[j]), max(local[i], local[j]))
            for i, j in apart
            if i in local and j in local
        }
        fixed = np.zeros(len(people), dtype=bool)
        for unit in together:
            fixed[unit] = True
        assignment = _improve(
            band, _deal(band, together, local_apart, rng), fixed, local_apart, rng
        )
        if _is_perfect(band, assignment):
            status[band_name] = Balance.PERFECT
        elif len(people) <= EXACT_BAND and len(sizes) > 1:
            exact, status[band_name] = _perfect(band, together, local_apart, assignment, seed)
            if exact is not None:
                assignment = exact
        else:
            status[band_name] = Balance.BEST_FOUND
        total += band.imbalance(assignment)
        floor += band.lower_bound()
        baseline += float(
            np.mean(
                [
                    band.imbalance(rng.permutation(np.repeat(np.arange(len(sizes)), sizes)))
                    for _ in range(baseline_samples)
                ]
            )
        )
        counts = band.counts(assignment)
        for g in range(len(sizes)):
            group = Group(
                band_name, g + 1, [keys[people[p]] for p in np.flatnonzero(assignment == g)]
            )
            for (a, value), col in band.columns.items():
                group.balance.setdefault(a, {})[value] = (
                    int(counts[g, col]),
                    float(band.ideal[g, col]),
                )
            for a in attributes:
                cells = group.balance.get(a, {})
                group.perfect[a] = all(
                    math.floor(ideal + 1e-9) <= c <= math.ceil(ideal - 1e-9)
                    for c, ideal in cells.values()
                )
                perfect_all[a] = perfect_all[a] and group.perfect[a]
            groups.append(group)
    warnings = [msgid % params for msgid, params in notices]
    return Grouping(groups, total, baseline, perfect_all, warnings, status, floor, notices)
