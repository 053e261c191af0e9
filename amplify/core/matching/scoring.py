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
    ) -> tuple[np.ndarray, np.ndarray]:
        """Thresholds that about `per_mentor[i]` mentees beat for mentor i, and about
        `per_mentee` mentors beat for each mentee, estimated on random samples: the best
        score in a sample of size n/k is about the k-th best overall. Cheap: row and column
        maxima only."""
        tau = np.empty(self.m, dtype=np.float32)
        for target in np.unique(per_mentor):
            rows = np.flatnonzero(per_mentor == target)
            size = max(1, min(self.n, self.n // max(1, int(target))))
            cols = np.sort(rng.choice(self.n, size=size, replace=False))
            for start in range(0, len(rows), MENTOR_BLOCK):
                chunk = rows[start : start + MENTOR_BLOCK]
                tau[chunk] = self.block(chunk, cols).max(axis=1)
        size = max(1, min(self.m, self.m // max(1, per_mentee)))
        sampled = np.sort(rng.choice(self.m, size=size, replace=False))
        sigma = np.empty(self.n, dtype=np.float32)
        for start in range(0, self.n, MENTEE_BLOCK):
            span = slice(start, min(self.n, start + MENTEE_BLOCK))
            sigma[span] = self.block(sampled, span).max(axis=0)
        return tau, sigma

    def above(
        self, tau: np.ndarray, sigma: np.ndarray, progress: Callable[[float], None] | None = None
    ) -> Pairs:
        """Every pair scoring above its mentor's τ or its mentee's σ: one pass over all pairs."""
        parts = []
        blocks = range(0, self.m, MENTOR_BLOCK)
        for b, start in enumerate(blocks):
            rows = slice(start, min(self.m, start + MENTOR_BLOCK))
            t = tau[rows, None]
            for cstart in range(0, self.n, MENTEE_BLOCK):
                cols = slice(cstart, min(self.n, cstart + MENTEE_BLOCK))
                s = self.block(rows, cols)
                keep = s > t
                keep |= s > sigma[None, cols]
                r, c = cells(keep)
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
