"""Scoring pairs in blocks of a matrix product, keeping only the pairs that may matter.

The product of the mentor and mentee matrices is every pair's exact score, but a company-wide
programme has billions of pairs: they are computed block by block and thrown away, except the
pairs above a threshold. Thresholds come per mentor (τ) and per mentee (σ): a pair is kept if
its score beats either. The optimality proof later needs exactly this: every pair not kept
scores at most min(τ_i, σ_j).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from amplify.core.matching.encoding import Side

MENTOR_BLOCK = 1024


def cells(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows, columns) of the true cells of a 2-D mask. np.nonzero on 2-D masks is tens of
    times slower than finding the flat positions and dividing."""
    flat = np.flatnonzero(mask)
    return np.divmod(flat, mask.shape[1])


MENTEE_BLOCK = 4096
# The first pass keeps at most this many times the pairs asked for per line.
ROOM = 4
# A line whose ties would give it at most 1/ALL_TIES times its pairs takes them all.
ALL_TIES = 0.5


@dataclass
class Pairs:
    """Pairs as parallel arrays of mentor row, mentee row and score."""

    mentor: np.ndarray
    mentee: np.ndarray
    score: np.ndarray  # int64

    @classmethod
    def empty(cls) -> Pairs:
        return cls(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.int64))

    @classmethod
    def concat(cls, parts: list[Pairs]) -> Pairs:
        if not parts:
            return cls.empty()
        return cls(
            np.concatenate([p.mentor for p in parts]),
            np.concatenate([p.mentee for p in parts]),
            np.concatenate([p.score for p in parts]),
        )

    def __len__(self) -> int:
        return len(self.mentor)

    def where(self, keep: np.ndarray) -> Pairs:
        return Pairs(self.mentor[keep], self.mentee[keep], self.score[keep])


class Scorer:
    def __init__(self, mentors: Side, mentees: Side) -> None:
        self.a = mentors.matrix
        # Mentees stored column-wise, so every block product reads contiguous memory.
        self.bt = np.ascontiguousarray(mentees.matrix.T)
        self.m, self.n = len(mentors), len(mentees)

    def block(self, rows: np.ndarray | slice, cols: np.ndarray | slice) -> np.ndarray:
        return self.a[rows] @ self.bt[:, cols]

    def all_pairs(self) -> Pairs:
        """Every pair: for small problems."""
        scores = self.a @ self.bt
        mi, mj = np.divmod(np.arange(self.m * self.n, dtype=np.int64), self.n)
        return Pairs(mi, mj, scores.ravel().astype(np.int64))

    def sample_thresholds(
        self, *, per_mentor: np.ndarray, per_mentee: int, rng: np.random.Generator
    ) -> Thresholds:
        """Thresholds that about `per_mentor[i]` mentees beat for mentor i, and about
        `per_mentee` mentors beat for each mentee, estimated on random samples: the best
        score in a sample of size n/k is about the k-th best overall. Cheap: row and column
        maxima only.

        When many pairs tie at the threshold (one country, one language, a few shared
        interests), few or none beat it: each line then also takes a share of its ties, about
        k of them (estimated from the ties in the sample), so that every line has about k
        candidates whatever the landscape."""
        tau = np.empty(self.m, dtype=np.float32)
        tau_share = np.zeros(self.m, dtype=np.float32)
        for target in np.unique(per_mentor):
            rows = np.flatnonzero(per_mentor == target)
            size = max(1, min(self.n, self.n // max(1, int(target))))
            cols = np.sort(rng.choice(self.n, size=size, replace=False))
            for start in range(0, len(rows), MENTOR_BLOCK):
                chunk = rows[start : start + MENTOR_BLOCK]
                s = self.block(chunk, cols)
                tau[chunk] = s.max(axis=1)
                count = (s == tau[chunk, None]).sum(axis=1)
                share = np.minimum(1.0, int(target) / (count * (self.n / size)))
                tau_share[chunk] = np.where(count == 1, 1.0, share)
        size = max(1, min(self.m, self.m // max(1, per_mentee)))
        sampled = np.sort(rng.choice(self.m, size=size, replace=False))
        sigma = np.empty(self.n, dtype=np.float32)
        sigma_share = np.zeros(self.n, dtype=np.float32)
        for start in range(0, self.n, MENTEE_BLOCK):
            span = slice(start, min(self.n, start + MENTEE_BLOCK))
            s = self.block(sampled, span)
            sigma[span] = s.max(axis=0)
            count = (s == sigma[None, span]).sum(axis=0)
            share = np.minimum(1.0, per_mentee / (count * (self.m / size)))
            sigma_share[span] = np.where(count == 1, 1.0, share)
        room = ROOM * per_mentor.astype(np.int64)
        return Thresholds(tau, sigma, tau_share, sigma_share, room, ROOM * per_mentee)

    def above(self, t: Thresholds, progress: Callable[[float], None] | None = None) -> Pairs:
        """Every pair scoring above its mentor's τ or its mentee's σ, and the share of the
        pairs tying with them that `t` asks for: one pass over all pairs. A line whose
        sample had a single tie takes all its ties; the others take the pairs at their
        threshold that `tie_rank` picks, different ones for every line.

        The pairs kept are bounded by design, not by how many pass the test: a line keeping
        more than `ROOM` times its share keeps its best, and every pair it lets go raises τ
        and σ to at least its score, so a pair left out still never scores above
        min(τ_i, σ_j). τ and σ are updated in place."""
        all_tau, all_sigma = t.tau_share >= ALL_TIES, t.sigma_share >= ALL_TIES
        tau_all = np.where(all_tau, t.tau - 0.5, t.tau).astype(np.float32)
        sigma_all = np.where(all_sigma, t.sigma - 0.5, t.sigma).astype(np.float32)
        # Where a line takes all its ties, no pair equals its tie level.
        tau_tie = np.where(all_tau, np.nan, t.tau).astype(np.float32)
        sigma_tie = np.where(all_sigma, np.nan, t.sigma).astype(np.float32)
        # Lines that break ties come first on each side, so that only their blocks test ties.
        row_order = np.argsort(all_tau, kind="stable")
        col_order = np.argsort(all_sigma, kind="stable")
        heavy_rows, heavy_cols = int((~all_tau).sum()), int((~all_sigma).sum())
        bt = self.bt[:, col_order]
        parts = []
        blocks = range(0, self.m, MENTOR_BLOCK)
        for b, start in enumerate(blocks):
            rows = row_order[start : start + MENTOR_BLOCK]
            a = self.a[rows]
            chunk = []
            for cstart in range(0, self.n, MENTEE_BLOCK):
                cols = col_order[cstart : cstart + MENTEE_BLOCK]
                s = a @ bt[:, cstart : cstart + MENTEE_BLOCK]
                keep = s > tau_all[rows, None]
                keep |= s > sigma_all[None, cols]
                r, c = cells(keep)
                if start < heavy_rows or cstart < heavy_cols:
                    tie = s == tau_tie[rows, None]
                    tie |= s == sigma_tie[None, cols]
                    tie &= ~keep
                    tr, tc = cells(tie)
                    mi, mj = rows[tr], cols[tc]
                    rank = tie_rank(mi, mj)
                    take = (s[tr, tc] == tau_tie[mi]) & (rank < t.tau_share[mi])
                    take |= (s[tr, tc] == sigma_tie[mj]) & (rank < t.sigma_share[mj])
                    r, c = np.concatenate([r, tr[take]]), np.concatenate([c, tc[take]])
                if len(r):
                    chunk.append(Pairs(rows[r], cols[c], s[r, c].astype(np.int64)))
            parts.append(self._bounded(Pairs.concat(chunk), t))
            if progress:
                progress((b + 1) / len(blocks))
        return self._bounded(Pairs.concat(parts), t, by_mentee=True)

    def _bounded(self, pairs: Pairs, t: Thresholds, *, by_mentee: bool = False) -> Pairs:
        """At most `t.row_room` pairs per mentor (or `t.column_room` per mentee): the best
        scores, ties by `tie_rank`; τ and σ rise to the score of every pair let go."""
        if by_mentee:
            line, room = pairs.mentee, np.full(self.n, t.column_room, dtype=np.int64)
        else:
            line, room = pairs.mentor, t.row_room
        count = np.bincount(line, minlength=len(room))
        if not (count > room).any():
            return pairs
        value = pairs.score + 0.5 * tie_rank(pairs.mentor, pairs.mentee)
        keep = rank_in_line(line, value) < room[line]
        gone = pairs.where(~keep)
        np.maximum.at(t.tau, gone.mentor, gone.score.astype(np.float32))
        np.maximum.at(t.sigma, gone.mentee, gone.score.astype(np.float32))
        return pairs.where(keep)


def rank_in_line(line: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Each value's rank within its line (a mentor's row or a mentee's column), 0 for the
    largest."""
    order = np.lexsort((-value, line))
    ordered = line[order]
    starts = np.r_[0, np.flatnonzero(ordered[1:] != ordered[:-1]) + 1] if len(line) else line
    rank = np.empty(len(line), dtype=np.int64)
    rank[order] = np.arange(len(line)) - np.repeat(starts, np.diff(np.r_[starts, len(line)]))
    return rank


def spin(index: np.ndarray) -> np.ndarray:
    """A fixed scramble of indices to 0..65535 (a multiplicative hash): adding a row's and a
    column's spin gives each row its own order of the columns, cheaply, for breaking ties."""
    return (index.astype(np.uint32) * np.uint32(0x9E3779B1)) >> np.uint32(16)


@dataclass
class Thresholds:
    """Per mentor τ and per mentee σ, with the share of the pairs tying with each that joins."""

    tau: np.ndarray  # float32
    sigma: np.ndarray
    tau_share: np.ndarray  # float32 in [0, 1]
    sigma_share: np.ndarray
    row_room: np.ndarray  # int64: the most pairs a mentor's row keeps
    column_room: int  # ... and a mentee's column


def tie_rank(mentor: np.ndarray, mentee: np.ndarray) -> np.ndarray:
    """A fixed pseudo-random number in [0, 1) per pair, to choose among pairs of equal score
    without favouring low ids, and differently for every mentor (a multiplicative hash)."""
    h = mentor.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    h ^= mentee.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)
    h ^= h >> np.uint64(29)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(32)
    return (h >> np.uint64(40)).astype(np.float32) / np.float32(1 << 24)
