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
                ties = (s == tau[chunk, None]).sum(axis=1) * (self.n / size)
                tau_share[chunk] = np.minimum(1.0, int(target) / ties)
        size = max(1, min(self.m, self.m // max(1, per_mentee)))
        sampled = np.sort(rng.choice(self.m, size=size, replace=False))
        sigma = np.empty(self.n, dtype=np.float32)
        sigma_share = np.zeros(self.n, dtype=np.float32)
        for start in range(0, self.n, MENTEE_BLOCK):
            span = slice(start, min(self.n, start + MENTEE_BLOCK))
            s = self.block(sampled, span)
            sigma[span] = s.max(axis=0)
            ties = (s == sigma[None, span]).sum(axis=0) * (self.m / size)
            sigma_share[span] = np.minimum(1.0, per_mentee / ties)
        return Thresholds(tau, sigma, tau_share, sigma_share)

    def above(self, t: Thresholds, progress: Callable[[float], None] | None = None) -> Pairs:
        """Every pair scoring above its mentor's τ or its mentee's σ, and the share of the
        pairs tying with them that `t` asks for, picked by `tie_rank`: one pass over all
        pairs. A pair left out never scores above min(τ_i, σ_j)."""
        parts = []
        blocks = range(0, self.m, MENTOR_BLOCK)
        for b, start in enumerate(blocks):
            rows = slice(start, min(self.m, start + MENTOR_BLOCK))
            tau, tau_share = t.tau[rows, None], t.tau_share[rows]
            for cstart in range(0, self.n, MENTEE_BLOCK):
                cols = slice(cstart, min(self.n, cstart + MENTEE_BLOCK))
                s = self.block(rows, cols)
                sigma = t.sigma[None, cols]
                keep = s > tau
                keep |= s > sigma
                r, c = cells(keep)
                tr, tc = cells(((s == tau) | (s == sigma)) & ~keep)
                if len(tr):
                    rank = tie_rank(tr + start, tc + cstart)
                    at = s[tr, tc]
                    take = (at == t.tau[tr + start]) & (rank < tau_share[tr])
                    take |= (at == t.sigma[tc + cstart]) & (rank < t.sigma_share[tc + cstart])
                    r, c = np.concatenate([r, tr[take]]), np.concatenate([c, tc[take]])
                if len(r):
                    parts.append(
                        Pairs(
                            r.astype(np.int64) + start,
                            c.astype(np.int64) + cstart,
                            s[r, c].astype(np.int64),
                        )
                    )
            if progress:
                progress((b + 1) / len(blocks))
        return Pairs.concat(parts)


@dataclass
class Thresholds:
    """Per mentor τ and per mentee σ, with the share of the pairs tying with each that joins."""

    tau: np.ndarray  # float32
    sigma: np.ndarray
    tau_share: np.ndarray  # float32 in [0, 1]
    sigma_share: np.ndarray


def tie_rank(mentor: np.ndarray, mentee: np.ndarray) -> np.ndarray:
    """A fixed pseudo-random number in [0, 1) per pair, to choose among pairs of equal score
    without favouring low ids, and differently for every mentor (a multiplicative hash)."""
    h = mentor.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    h ^= mentee.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)
    h ^= h >> np.uint64(29)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(32)
    return (h >> np.uint64(40)).astype(np.float32) / np.float32(1 << 24)
