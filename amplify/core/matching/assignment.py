"""The exact b-matching: each mentor takes up to her capacity, each mentee at most one
mentor, the total weight as large as possible.

Solved as a min-cost flow (OR-Tools), then its dual prices are recovered: u per mentor and v
per mentee with u_i + v_j >= w_ij on every pair given, equality on matched pairs, u_i = 0 for
a mentor with spare places and v_j = 0 for an unmatched mentee. Those prices are the proof:
any pair left out of the problem with w_ij <= u_i + v_j cannot improve the total.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow


class SolverError(RuntimeError):
    pass


@dataclass
class Solution:
    matched: np.ndarray  # indices into the edge arrays of the matched pairs
    low: Prices  # the optimal dual prices with the lowest mentor prices
    high: Prices  # ... and with the highest mentor prices
    total: int  # total weight of the matched pairs
    flows: int = 1  # min-cost flows solved to find it


@dataclass
class Prices:
    u: np.ndarray  # int64 per mentor
    v: np.ndarray  # int64 per mentee


def solve(
    capacity: np.ndarray, n_mentees: int, mentor: np.ndarray, mentee: np.ndarray, weight: np.ndarray
) -> Solution:
    """Maximise the total weight over the given pairs (weights are whole numbers >= 0)."""
    m = len(capacity)
    if len(mentor) == 0:
        none = Prices(np.zeros(m, np.int64), np.zeros(n_mentees, np.int64))
        return Solution(np.empty(0, np.int64), none, none, 0)
    matched = _flow(capacity, n_mentees, mentor, mentee, weight)
    graph = _Graph(capacity, n_mentees, mentor, mentee, weight, matched)
    return Solution(matched, graph.lowest(), graph.highest(), int(weight[matched].sum()))


def solve_priced(
    capacity: np.ndarray,
    n_mentees: int,
    mentor: np.ndarray,
    mentee: np.ndarray,
    score: np.ndarray,
    active: np.ndarray,
    bonus: int = 0,
    *,
    until: int = 0,
) -> tuple[Solution, bool]:
    """`solve` on every pair given, solving only on the `active` ones (a bool mask, updated
    in place) while the others are priced out.

    The min-cost flow costs far more than pricing: solved on a few promising pairs per
    person, with the rest priced at the solution's dual prices and any that would raise the
    total made active, the answer is the same as solving on all, and a re-solve after a few
    pairs join starts from the pairs that mattered last time (a warm start the flow solver
    has no other way to take).

    Returns the solution and whether every pair given is priced out. If not — at most
    `until` pairs would still raise the total; they are made active for the next call —
    the matching is optimal for the active pairs only and so are its prices: the caller
    may gather more pairs to add before solving again, and must, before it certifies.

    Weights are `score + bonus`: a `bonus` larger than any total score asks for the most
    pairs first."""
    weight = score.astype(np.int64) + bonus
    if len(mentor) == 0:
        return solve(capacity, n_mentees, mentor, mentee, weight), True
    flows = 0
    while True:
        flows += 1
        on = np.flatnonzero(active)
        chosen = _flow(capacity, n_mentees, mentor[on], mentee[on], score[on], bonus > 0)
        matched = on[chosen]
        graph = _Graph(capacity, n_mentees, mentor, mentee, weight, matched, only=on)
        low = graph.lowest()
        join = (weight - low.u[mentor] - low.v[mentee] > 0) & ~active
        joining = int(join.sum())
        active |= join
        if joining == 0:
            break
        if joining <= until:
            total = int(weight[matched].sum())
            return Solution(matched, low, graph.highest(), total, flows), False
    graph = _Graph(capacity, n_mentees, mentor, mentee, weight, matched)
    total = int(weight[matched].sum())
    return Solution(matched, graph.lowest(), graph.highest(), total, flows), True


def _flow(
    capacity: np.ndarray,
    n_mentees: int,
    mentor: np.ndarray,
    mentee: np.ndarray,
    weight: np.ndarray,
    most_matched: bool = False,
) -> np.ndarray:
    """The matched pairs (indices into the arrays) of a maximum-weight b-matching, or with
    `most_matched` of a maximum-weight one among those with the most pairs."""
    m = len(capacity)
    if len(mentor) == 0:
        return np.empty(0, np.int64)
    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink = m + n_mentees, m + n_mentees + 1
    flow.add_arcs_with_capacity_and_unit_cost(
        np.full(m, source), np.arange(m), capacity.astype(np.int64), np.zeros(m, np.int64)
    )
    first = flow.num_arcs()
    flow.add_arcs_with_capacity_and_unit_cost(
        mentor.astype(np.int64),
        m + mentee.astype(np.int64),
        np.ones(len(mentor), np.int64),
        -weight.astype(np.int64),
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        m + np.arange(n_mentees),
        np.full(n_mentees, sink),
        np.ones(n_mentees, np.int64),
        np.zeros(n_mentees, np.int64),
    )
    supply = int(min(capacity.sum(), n_mentees))
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    if most_matched:
        # As many matches as possible, then the best total: what a bonus per match larger
        # than any total asks for, without costs in the millions that slow cost scaling.
        status = flow.solve_max_flow_with_min_cost()
    else:
        # Unused places flow straight to the sink at no cost: nobody is matched for nothing.
        flow.add_arc_with_capacity_and_unit_cost(source, sink, supply, 0)
        status = flow.solve()
    if status != flow.OPTIMAL:
        raise SolverError(f"the min-cost flow solver stopped with status {status}")
    used = flow.flows(np.arange(first, first + len(mentor)))
    return np.flatnonzero(used > 0)


class _Graph:
    """The dual constraints of an optimal matching, as difference constraints between mentor
    prices: for a pair (i, j) not matched, with j matched to k at weight w_kj,
    u_i + (w_kj - u_k) >= w_ij, i.e. u_i - u_k >= w_ij - w_kj; with j unmatched, u_i >= w_ij.
    With the matched pairs' v_j = w - u, every such u is an optimal dual solution; the set of
    them is a lattice, and its lowest and highest points are found by relaxation (longest and
    shortest paths), vectorised over the pairs."""

    def __init__(
        self,
        capacity: np.ndarray,
        n_mentees: int,
        mentor: np.ndarray,
        mentee: np.ndarray,
        weight: np.ndarray,
        matched: np.ndarray,
        only: np.ndarray | None = None,
    ) -> None:
        """`only`: the pairs whose constraints count (by default all of them)."""
        m = self.m = len(capacity)
        self.capacity, self.n = capacity, n_mentees
        self.mentor_of = np.full(n_mentees, m, dtype=np.int64)  # m = "no mentor"
        self.match_weight = np.zeros(n_mentees, dtype=np.int64)
        self.mentor_of[mentee[matched]] = mentor[matched]
        self.match_weight[mentee[matched]] = weight[matched]
        if only is None:
            rest = np.ones(len(mentor), dtype=bool)
        else:
            rest = np.zeros(len(mentor), dtype=bool)
            rest[only] = True
        rest[matched] = False
        self.dest = mentor[rest].astype(np.int64)
        self.src = self.mentor_of[mentee[rest]]
        self.gain = weight[rest].astype(np.int64) - self.match_weight[mentee[rest]]
        self.load = np.bincount(mentor[matched], minlength=m)
        self.spare = self.load < capacity
        # Each matched pair caps its mentor's price (v_j >= 0): u_k <= w_kj.
        self.cap = np.full(m, np.iinfo(np.int64).max // 4, dtype=np.int64)
        np.minimum.at(self.cap, mentor[matched], weight[matched].astype(np.int64))
        self.cap[self.spare] = 0

    def _v(self, u: np.ndarray) -> Prices:
        v = np.zeros(self.n, dtype=np.int64)
        has = self.mentor_of < self.m
        v[has] = self.match_weight[has] - u[self.mentor_of[has]]
        if (v < 0).any() or (u[self.spare] != 0).any() or (u < 0).any():  # pragma: no cover
            raise SolverError("the dual prices break complementary slackness")
        return Prices(u, v)

    def lowest(self) -> Prices:
        """u_i = max(0, max over constraints): longest paths from "no mentor" (priced 0)."""
        u = np.zeros(self.m + 1, dtype=np.int64)
        order = np.argsort(self.dest, kind="stable")
        dest, src, gain = self.dest[order], self.src[order], self.gain[order]
        if len(dest):
            starts = np.flatnonzero(np.r_[True, dest[1:] != dest[:-1]])
            heads = dest[starts]
            for _ in range(self.m + 2):
                best = np.maximum.reduceat(u[src] + gain, starts)
                rise = best > u[heads]
                if not rise.any():
                    break
                u[heads[rise]] = best[rise]
            else:  # pragma: no cover - an improving cycle: the flow was not optimal
                raise SolverError("dual prices did not settle: the matching is not optimal")
        return self._v(u[: self.m])

    def highest(self) -> Prices:
        """u_k = min(cap_k, min over constraints u_i - (w_ij - w_kj)): shortest paths, read
        backwards along the same constraints."""
        u = np.append(self.cap, 0)
        keep = self.src < self.m  # constraints from an unmatched mentee only bound u_i below
        head, tail, gap = self.src[keep], self.dest[keep], self.gain[keep]
        order = np.argsort(head, kind="stable")
        head, tail, gap = head[order], tail[order], gap[order]
        if len(head):
            starts = np.flatnonzero(np.r_[True, head[1:] != head[:-1]])
            heads = head[starts]
            for _ in range(self.m + 2):
                best = np.minimum.reduceat(u[tail] - gap, starts)
                fall = best < u[heads]
                if not fall.any():
                    break
                u[heads[fall]] = best[fall]
            else:  # pragma: no cover
                raise SolverError("dual prices did not settle: the matching is not optimal")
        return self._v(u[: self.m])


def bound(capacity: np.ndarray, u: np.ndarray, v: np.ndarray) -> int:
    """The dual objective: an upper bound on any matching's total weight, for dual-feasible
    prices."""
    return int((capacity * u).sum() + v.sum())
