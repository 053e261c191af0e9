"""A whole matching run: who can be matched, the best b-matching, and its proof.

1. Mentors without the required training (hours and screening), or without places, are set
   aside with a reason; locked pairs are kept as they are and take a place.
2. Every pair's score is a product of encoded features (`encoding`). Small problems keep
   every pair; large ones keep, in one pass, the pairs above a per-mentor threshold τ or a
   per-mentee threshold σ, both estimated from samples (`scoring`).
3. Hard constraints are checked exactly on the kept pairs (`feasible`).
4. The kept problem is solved exactly with its dual prices u, v (`assignment`).
5. Proof: a pair left out scores at most min(τ_i, σ_j). It cannot improve the total if that
   is at most u_i + v_j. Mentors with τ_i <= u_i and mentees with σ_j <= v_j are settled
   wholesale; only pairs between an unsettled mentor and an unsettled mentee are priced
   exactly, and any that would improve the total are added and the problem solved again.
   When nothing is left to add, the matching is certified optimal for the full problem.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from amplify.core.matching.assignment import Prices, Solution, bound, solve, solve_priced
from amplify.core.matching.encoding import Vocabulary, encode_mentees, encode_mentors
from amplify.core.matching.explain import score
from amplify.core.matching.feasible import Feasibility
from amplify.core.matching.preferences import Rankings, Used, apply
from amplify.core.matching.profiles import Objective, Profile, Rules
from amplify.core.matching.reasons import Reason, unmatched_reasons
from amplify.core.matching.scoring import (
    MENTEE_BLOCK,
    MENTOR_BLOCK,
    Pairs,
    Scorer,
    cells,
    rank_in_line,
    spin,
    tie_rank,
)

# Below this many pairs every pair is kept: proving costs more than solving.
DENSE_PAIRS = 250_000
# Pass one keeps about this many pairs per mentor place, and per mentee.
PER_PLACE = 24
PER_MENTEE = 12
MAX_ROUNDS = 12
# Each round a mentor's row takes at most this many of the pairs that would raise the
# total, a mentee's column at most this many: memory and the next solve stay bounded
# whatever the number of pairs that tie.
ROW_LIMIT = 12
COLUMN_LIMIT = 6
# The pair buffers of one block: about this many bytes (AMPLIFY_MATCHING_PAIR_BUFFER_BYTES).
PAIR_BUFFER_BYTES = 1 << 30
BYTES_PER_CELL = 48  # the block's scores, masks and keys, for each pair
FLOAT32_EXACT = 1 << 22  # whole numbers below this are exact in float32, differences too

Progress = Callable[[str, float], None]

# What the engine says, in English msgids with %(name)s parameters: the core knows no
# language, so the Django layer marks each of these for translation
# (amplify.matching.enginetext) and translates what a run stored when it is shown.
STAGES = ("Scoring pairs", "Solving", "Proving optimality", "Explaining who is left", "Done")
STABLE = "Stable: no mentor and mentee would both rather be paired with each other"
OPTIMAL = "Certified optimal"
OPTIMAL_PRICED = (
    "Certified optimal: %(candidates)s candidate pairs, every other pair priced out by the "
    "dual prices (%(rounds)s solve)"
)
OPTIMAL_PRICED_ROUNDS = (
    "Certified optimal: %(candidates)s candidate pairs, every other pair priced out by the "
    "dual prices (%(rounds)s solves)"
)
BEST_FOUND = "Best found; at most %(gap)s from the optimum (dual bound)"
STATEMENTS = (STABLE, OPTIMAL, OPTIMAL_PRICED, OPTIMAL_PRICED_ROUNDS, BEST_FOUND)


@dataclass(frozen=True)
class Match:
    mentor: str
    mentee: str
    score: int
    locked: bool = False


@dataclass
class Proof:
    optimal: bool
    method: str  # "all pairs" or "pruned and priced"
    objective_value: int  # in the solver's units (score, plus a bonus per match first)
    upper_bound: int
    rounds: int  # min-cost flows solved
    candidate_pairs: int
    priced_pairs: int  # pairs priced exactly after the first pass

    @property
    def gap(self) -> int:
        return max(0, self.upper_bound - self.objective_value)

    def statement(self) -> tuple[str, dict[str, int]]:
        """What the proof says, as one of STATEMENTS and its parameters."""
        if self.method == "stable":
            return STABLE, {}
        if self.optimal:
            if self.method == "all pairs":
                return OPTIMAL, {}
            msgid = OPTIMAL_PRICED_ROUNDS if self.rounds > 1 else OPTIMAL_PRICED
            return msgid, {"candidates": self.candidate_pairs, "rounds": self.rounds}
        return BEST_FOUND, {"gap": self.gap}

    def describe(self) -> str:
        """The statement in English."""
        msgid, params = self.statement()
        return msgid % {name: f"{value:,}" for name, value in params.items()}


@dataclass
class Result:
    matches: list[Match]
    unmatched: dict[str, str]  # mentee key -> Reason code
    excluded_mentors: dict[str, str]  # mentor key -> Reason code
    proof: Proof
    timings: dict[str, float] = field(default_factory=dict)
    preferences: Used | None = None  # stable runs: the rankings used, if any

    @property
    def total_score(self) -> int:
        return sum(m.score for m in self.matches)


@dataclass
class _Market:
    mentors: list[Profile]  # taking part in the solve
    mentees: list[Profile]
    capacity: np.ndarray  # places left after locks
    locked: list[Match]
    excluded_mentors: dict[str, str]


def _prepare(
    mentors: Sequence[Profile],
    mentees: Sequence[Profile],
    rules: Rules,
    locked: Iterable[tuple[str, str]],
) -> _Market:
    keys = [p.key for p in mentors]
    if len(set(keys)) != len(keys):
        raise ValueError("Mentor keys must be unique.")
    if len({p.key for p in mentees}) != len(mentees):
        raise ValueError("Mentee keys must be unique.")
    by_mentor = {p.key: p for p in mentors}
    by_mentee = {p.key: p for p in mentees}
    taken: dict[str, int] = {}
    kept: list[Match] = []
    seen_mentees: set[str] = set()
    for mentor_key, mentee_key in locked:
        if mentor_key not in by_mentor or mentee_key not in by_mentee:
            raise ValueError(
                f"Locked pair {mentor_key}–{mentee_key} names someone not taking part."
            )
        if mentee_key in seen_mentees:
            raise ValueError(f"Mentee {mentee_key} is locked to two mentors.")
        seen_mentees.add(mentee_key)
        taken[mentor_key] = taken.get(mentor_key, 0) + 1
        kept.append(
            Match(
                mentor_key,
                mentee_key,
                score(by_mentor[mentor_key], by_mentee[mentee_key], rules),
                locked=True,
            )
        )
    excluded: dict[str, str] = {}
    active, capacity = [], []
    for p in mentors:
        left = p.capacity - taken.get(p.key, 0)
        if left < 0:
            raise ValueError(f"Mentor {p.key} has more locked mentees than places.")
        if not rules.trained(p) and p.key not in taken:
            excluded[p.key] = Reason.TRAINING
        elif left == 0:
            if p.key not in taken:
                excluded[p.key] = Reason.NO_PLACES
        else:
            active.append(p)
            capacity.append(left)
    free = [p for p in mentees if p.key not in seen_mentees]
    return _Market(active, free, np.array(capacity, dtype=np.int64), kept, excluded)


def _forbidden(market: _Market, excluded_pairs: Iterable[tuple[str, str]]) -> np.ndarray:
    row = {p.key: i for i, p in enumerate(market.mentors)}
    n = len(market.mentees)
    keys = []
    for j, mentee in enumerate(market.mentees):
        for manager in mentee.managers:  # her manager and her manager's manager
            if manager in row:
                keys.append(row[manager] * n + j)
    col = {p.key: j for j, p in enumerate(market.mentees)}
    for mentor_key, mentee_key in excluded_pairs:
        if mentor_key in row and mentee_key in col:
            keys.append(row[mentor_key] * n + col[mentee_key])
    return np.array(keys, dtype=np.int64)


def match(
    mentors: Sequence[Profile],
    mentees: Sequence[Profile],
    rules: Rules,
    *,
    locked: Iterable[tuple[str, str]] = (),
    excluded: Iterable[tuple[str, str]] = (),
    progress: Progress | None = None,
    seed: int = 0,
    prune: bool | None = None,
    buffer_bytes: int = PAIR_BUFFER_BYTES,
) -> Result:
    """Match mentees to mentors. Deterministic for a given input (and seed).

    `prune` forces (True) or forbids (False) the pruned path; by default only problems with
    more than DENSE_PAIRS pairs are pruned. `buffer_bytes` sizes the blocks the proof scores
    pairs in (the pairs kept are bounded apart: a few per person and round).
    """
    clock = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = timings.get(name, 0.0) + now - clock
        clock = now

    def report(stage: str, share: float) -> None:
        if progress:
            progress(stage, share)

    excluded = list(excluded)
    market = _prepare(mentors, mentees, rules, locked)
    vocab = Vocabulary.of(market.mentors, market.mentees)
    a = encode_mentors(market.mentors, vocab, rules)
    b = encode_mentees(market.mentees, vocab)
    feasible = Feasibility(a, b, rules, _forbidden(market, excluded))
    scorer = Scorer(a, b)
    m, n = len(a), len(b)
    lap("encoding")
    report("Scoring pairs", 0.0)

    places = int(market.capacity.sum())
    # "Most matched first": every match is worth more than any gain in score could repay.
    bonus = rules.max_score * min(places, n) + 1 if rules.objective is Objective.MOST_MATCHED else 0
    dense = (m * n <= DENSE_PAIRS) if prune is None else not prune
    if m == 0 or n == 0:
        pairs = Pairs.empty()
        tau = np.zeros(m, np.float32)
        sigma = np.zeros(n, np.float32)
    elif dense:
        pairs = scorer.all_pairs()
        tau = np.full(m, -1, np.float32)
        sigma = np.full(n, -1, np.float32)
    else:
        rng = np.random.default_rng(seed)
        thresholds = scorer.sample_thresholds(
            per_mentor=PER_PLACE * market.capacity, per_mentee=PER_MENTEE, rng=rng
        )
        tau, sigma = thresholds.tau, thresholds.sigma
        lap("thresholds")
        pairs = scorer.above(thresholds, lambda share: report("Scoring pairs", 0.7 * share))
    lap("scoring")
    pairs = pairs.where(feasible(pairs.mentor, pairs.mentee))
    if bonus == 0:
        # A pair scoring 0 never raises the total; left out, it is priced out by u, v >= 0.
        pairs = pairs.where(pairs.score > 0)
    lap("constraints")

    rounds, priced, solves = 0, 0, 0
    upper: int | None = None
    active = _promising(pairs, market.capacity) if not dense else None
    while True:
        report("Solving", 0.75)
        settled = True
        if active is None:
            solution = solve(market.capacity, n, pairs.mentor, pairs.mentee, pairs.score + bonus)
        else:
            # A few candidates still to join are left for the next solve, with whatever the
            # proof adds: one flow fewer per round. The last round settles them all.
            solution, settled = solve_priced(
                market.capacity,
                n,
                pairs.mentor,
                pairs.mentee,
                pairs.score,
                active,
                bonus,
                until=FEW_TO_JOIN if rounds + 1 < MAX_ROUNDS else 0,
            )
        solves += solution.flows
        lap("solving")
        if dense or m == 0 or n == 0:
            break
        report("Proving optimality", 0.9)
        # While candidates are still to join, the proof scan is worth it only if it costs less
        # than the flow it may save (a flow costs about SCAN_PER_ARC scored pairs per arc).
        most = None if settled else SCAN_PER_ARC * int(active.sum()) if active is not None else 0
        repair = _repair(
            scorer,
            feasible,
            pairs,
            tau,
            sigma,
            bonus,
            solution,
            market.capacity,
            buffer_bytes,
            most=most,
        )
        priced += repair.priced
        rounds += repair.scanned
        lap("proving")
        if len(repair.pairs):
            pairs = Pairs.concat([pairs, repair.pairs])
            if active is not None:
                active = np.r_[active, repair.raising]
        if settled and not repair.improving:
            break  # every pair, candidate or left out, is priced out: the matching is optimal
        if rounds >= MAX_ROUNDS and settled:
            upper = repair.upper
            break

    chosen = pairs.where(solution.matched)
    value = int(chosen.score.sum()) + bonus * len(chosen)
    optimal = upper is None
    proof = Proof(
        optimal=optimal,
        method="all pairs" if dense else "pruned and priced",
        objective_value=value,
        upper_bound=value if upper is None else upper,
        rounds=solves,
        candidate_pairs=len(pairs),
        priced_pairs=priced,
    )
    matches = market.locked + [
        Match(a.keys[i], b.keys[j], int(s))
        for i, j, s in zip(chosen.mentor, chosen.mentee, chosen.score, strict=True)
    ]
    report("Explaining who is left", 0.95)
    unmatched = _reasons(mentors, market, rules, excluded, pairs, chosen)
    lap("reasons")
    report("Done", 1.0)
    return Result(matches, unmatched, market.excluded_mentors, proof, timings)


# The flow is solved first on each mentor's best pairs (a few more than her places) and each
# mentee's best few; the other candidates are priced and join only if they would pay.
ACTIVE_PER_PLACE = 2
ACTIVE_EXTRA = 3
ACTIVE_PER_MENTEE = 3
# Candidates that would still raise the total after a solve, few enough to wait for the
# proof's pairs and join the next solve with them.
FEW_TO_JOIN = 2000
SCAN_PER_ARC = 250
# The proof also takes pairs this close to raising the total (up to the same limits): a
# re-solve moves prices a little, and they would be the next round's violators.
NEAR = 3


def _promising(pairs: Pairs, capacity: np.ndarray) -> np.ndarray:
    """The candidate pairs the first solve is made on (ties broken by `tie_rank`)."""
    value = pairs.score + 0.5 * tie_rank(pairs.mentor, pairs.mentee)
    per_mentor = ACTIVE_PER_PLACE * capacity + ACTIVE_EXTRA
    keep = rank_in_line(pairs.mentor, value) < per_mentor[pairs.mentor]
    keep |= rank_in_line(pairs.mentee, value) < ACTIVE_PER_MENTEE
    return keep


@dataclass
class _Repair:
    pairs: Pairs  # pairs added to the problem
    improving: bool  # some added pair would raise the total at these prices
    priced: int  # pairs whose score was computed to prove or repair
    prices: Prices
    upper: int  # a dual bound on the optimum: these prices, each scanned line's raised
    # Which added pairs raise the total at these prices: they join the next solve; the
    # others (within NEAR of it) are candidates, priced after each solve.
    raising: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=bool))
    scanned: bool = True  # False: the scan was not worth making yet


def _repair(
    scorer: Scorer,
    feasible: Feasibility,
    kept: Pairs,
    tau: np.ndarray,
    sigma: np.ndarray,
    bonus: int,
    solution: Solution,
    capacity: np.ndarray,
    buffer_bytes: int = PAIR_BUFFER_BYTES,
    *,
    most: int | None = None,
) -> _Repair:
    """Make the proof hold at the solution's prices, or find the pairs that break it.

    A pair left out scores at most min(τ_i, σ_j). With prices (u, v), mentors with
    τ_i + bonus <= u_i and mentees with σ_j + bonus <= v_j are settled: none of their pairs
    left out can raise the total. Of the two optimal price solutions (lowest and highest
    mentor prices), the one leaving fewer unsettled pairs is used, and the unsettled side
    with fewer pairs to score is scored line by line (a mentor's row or a mentee's column),
    in blocks whose size the buffer budget sets. With `most`, a scan of more pairs than that
    is not made (nothing is added; the caller solves again first).

    Each line keeps the best few of its pairs that would raise the total, or come within
    `NEAR` of it (`ROW_LIMIT`, `COLUMN_LIMIT`; equal gains broken by `tie_rank`, so that
    equal scores do not all join at once and different mentors take different mentees);
    only those that raise it are flagged to join the next solve (`raising`). Its worst
    violation is always among them (they are the best), so the bound `upper` is true. And
    the line's threshold becomes the
    exact best score of the pairs it still leaves out: the line is settled as soon as its
    price reaches that. τ and σ are updated in place.
    """
    n, m = len(sigma), len(tau)
    best = None
    for prices in (solution.high, solution.low):
        rows = np.flatnonzero(tau.astype(np.float64) + bonus > prices.u)
        cols = np.flatnonzero(sigma.astype(np.float64) + bonus > prices.v)
        if best is None or len(rows) * len(cols) < len(best[1]) * len(best[2]):
            best = (prices, rows, cols)
    assert best is not None
    prices, rows, cols = best
    if not len(rows) or not len(cols):
        return _Repair(Pairs.empty(), False, 0, prices, bound(capacity, prices.u, prices.v))
    by_rows = len(rows) * n <= len(cols) * m
    if most is not None and min(len(rows) * n, len(cols) * m) > most:
        upper = bound(capacity, prices.u, prices.v)
        return _Repair(Pairs.empty(), False, 0, prices, upper, scanned=False)
    if by_rows:
        lines, size, limit = rows, n, ROW_LIMIT
        line_price, other_price = prices.u - bonus, prices.v
        kept_line, kept_other = kept.mentor, kept.mentee
    else:
        lines, size, limit = cols, m, COLUMN_LIMIT
        line_price, other_price = prices.v - bonus, prices.u
        kept_line, kept_other = kept.mentee, kept.mentor
    # Prices and scores are whole numbers: in float32 every difference is exact while they
    # stay below 2**23; beyond, the block is computed in float64.
    span_of_values = max(int(np.abs(line_price).max()), int(np.abs(other_price).max()))
    dtype = np.dtype(np.float32 if span_of_values < FLOAT32_EXACT else np.float64)
    other_f = other_price.astype(dtype)
    order = np.argsort(kept_line, kind="stable")
    kept_line, kept_other = kept_line[order], kept_other[order]
    step = MENTOR_BLOCK
    tile = max(MENTEE_BLOCK, min(size, buffer_bytes // (BYTES_PER_CELL * step)))
    gathered: list[Pairs] = []
    leftover = np.full(len(lines), -1, dtype=np.int64)  # best score each line leaves out
    violation = np.zeros(len(lines), dtype=np.int64)
    for start in range(0, len(lines), step):
        chunk = lines[start : start + step]
        k = len(chunk)
        rest = np.full(k, -1.0, dtype=np.float64)
        threshold = line_price[chunk].astype(dtype)[:, None]
        lo, hi = np.searchsorted(kept_line, [chunk[0], chunk[-1] + 1]) if k else (0, 0)
        in_chunk = np.flatnonzero(np.isin(kept_line[lo:hi], chunk)) + lo
        kept_row = np.searchsorted(chunk, kept_line[in_chunk])
        kept_col = kept_other[in_chunk]
        buf = Pairs.empty()  # (line position in chunk, other, score)
        for ostart in range(0, size, tile):
            oend = min(size, ostart + tile)
            span = slice(ostart, oend)
            sc = scorer.block(chunk, span) if by_rows else scorer.block(span, chunk).T
            open_ = feasible.grid(chunk, span) if by_rows else feasible.grid(span, chunk).T
            here = (kept_col >= ostart) & (kept_col < oend)
            open_[kept_row[here], kept_col[here] - ostart] = False
            gain: np.ndarray = sc.astype(dtype, copy=False) - other_f[None, span]
            gain -= threshold  # > 0: the pair would raise the total
            raises = open_ & (gain > -NEAR)
            r, c = _top_cells(raises, gain, limit, chunk, ostart)
            taken = np.zeros_like(open_)
            taken[r, c] = True
            rest = np.maximum(rest, np.where(open_ & ~taken, sc, -1).max(axis=1))
            if len(r):
                found = Pairs(r, c + ostart, sc[r, c].astype(np.int64))
                buf, evicted = _keep_best(Pairs.concat([buf, found]), chunk, limit, other_price)
                np.maximum.at(rest, evicted.mentor, evicted.score)
        if len(buf):
            gathered.append(Pairs(chunk[buf.mentor], buf.mentee, buf.score))
        leftover[start : start + k] = rest.astype(np.int64)
    found = Pairs.concat(gathered)  # mentor field: the line, mentee field: the other
    mi, mj = (found.mentor, found.mentee) if by_rows else (found.mentee, found.mentor)
    reduced = found.score + bonus - prices.u[mi] - prices.v[mj]
    position = np.searchsorted(lines, found.mentor)
    np.maximum.at(violation, position, np.maximum(reduced, 0))
    ok = (reduced > -NEAR) & feasible(mi, mj)
    # A pair kept out after the exact check is still left out: its line's bound covers it.
    np.maximum.at(leftover, position[~ok], found.score[~ok])
    added = Pairs(mi[ok], mj[ok], found.score[ok])
    scanned = tau if by_rows else sigma
    scanned[lines] = leftover
    # Each scanned line's price raised by its worst violation: feasible duals, a true bound.
    raised = np.zeros(m if by_rows else n, dtype=np.int64)
    raised[lines] = violation
    if by_rows:
        upper = bound(capacity, prices.u + raised, prices.v)
    else:
        upper = bound(capacity, prices.u, prices.v + raised)
    raising = reduced[ok] > 0
    return _Repair(added, bool(raising.any()), len(lines) * size, prices, upper, raising)


def _top_cells(
    raises: np.ndarray, gain: np.ndarray, limit: int, chunk: np.ndarray, ostart: int
) -> tuple[np.ndarray, np.ndarray]:
    """The cells of `raises`, at most `limit` per row: the largest gains, equal gains in an
    order that differs from row to row (a rotation of a scrambled column order)."""
    count = raises.sum(axis=1)
    heavy = np.flatnonzero(count > limit)
    if not len(heavy):
        return cells(raises)
    light = np.flatnonzero(count <= limit)
    lr, lc = cells(raises[light])
    turn = spin(chunk[heavy])[:, None] + spin(np.arange(ostart, ostart + raises.shape[1]))
    turn &= 0xFFFF
    key = np.where(raises[heavy], gain[heavy] + turn.astype(np.float32) / 131072, -np.inf)
    pick = np.argpartition(key, key.shape[1] - limit, axis=1)[:, -limit:]
    hr = np.repeat(heavy, limit)
    hc = pick.ravel()
    return np.r_[light[lr], hr], np.r_[lc, hc]


def _keep_best(
    found: Pairs, chunk: np.ndarray, limit: int, other_price: np.ndarray
) -> tuple[Pairs, Pairs]:
    """Of pairs (line position, other, score), at most `limit` per line with the largest
    gains (equal gains by `tie_rank`); and the rest."""
    value = (
        found.score - other_price[found.mentee] + 0.5 * tie_rank(chunk[found.mentor], found.mentee)
    )
    keep = rank_in_line(found.mentor, value) < limit
    return found.where(keep), found.where(~keep)


def _reasons(
    mentors: Sequence[Profile],
    market: _Market,
    rules: Rules,
    excluded: Sequence[tuple[str, str]],
    kept: Pairs,
    chosen: Pairs,
) -> dict[str, str]:
    """Why each mentee left without a mentor is unmatched (see `reasons`): every mentor of
    the run is considered, those set aside included."""
    matched = {market.mentees[j].key for j in chosen.mentee}
    had_option = frozenset(market.mentees[j].key for j in kept.mentee)
    return unmatched_reasons(
        mentors,
        [p for p in market.mentees if p.key not in matched],
        rules,
        set_aside=market.excluded_mentors,
        places={p.key: int(c) for p, c in zip(market.mentors, market.capacity, strict=True)},
        excluded=excluded,
        had_option=had_option,
    )


STABLE_PAIRS = 5_000_000


@dataclass
class _Orders:
    market: _Market
    pairs: Pairs
    mentor_keys: list[str]
    mentee_keys: list[str]
    mentee_prefs: dict[str, list[str]]  # acceptable mentors, best score first (ties by key)
    mentor_prefs: dict[str, list[str]]
    score_of: dict[tuple[str, str], int]


def _score_orders(
    mentors: Sequence[Profile],
    mentees: Sequence[Profile],
    rules: Rules,
    locked: Iterable[tuple[str, str]],
    excluded: Sequence[tuple[str, str]],
) -> _Orders:
    """Every feasible pair scored, and each side's order by score: what the stable mode
    uses when nobody ranked, and what suggestions are drawn from."""
    market = _prepare(mentors, mentees, rules, locked)
    vocab = Vocabulary.of(market.mentors, market.mentees)
    a = encode_mentors(market.mentors, vocab, rules)
    b = encode_mentees(market.mentees, vocab)
    m, n = len(a), len(b)
    if m * n > STABLE_PAIRS:
        raise ValueError(f"Stable matching scores every pair; {m * n:,} pairs is too many.")
    feasible = Feasibility(a, b, rules, _forbidden(market, excluded))
    pairs = Scorer(a, b).all_pairs() if m and n else Pairs.empty()
    pairs = pairs.where(feasible(pairs.mentor, pairs.mentee))
    mentee_prefs: dict[str, list[str]] = {key: [] for key in b.keys}
    mentor_prefs: dict[str, list[str]] = {key: [] for key in a.keys}
    for k in np.lexsort((pairs.mentor, -pairs.score, pairs.mentee)):
        mentee_prefs[b.keys[pairs.mentee[k]]].append(a.keys[pairs.mentor[k]])
    for k in np.lexsort((pairs.mentee, -pairs.score, pairs.mentor)):
        mentor_prefs[a.keys[pairs.mentor[k]]].append(b.keys[pairs.mentee[k]])
    score_of = {
        (a.keys[i], b.keys[j]): int(s)
        for i, j, s in zip(pairs.mentor, pairs.mentee, pairs.score, strict=True)
    }
    return _Orders(market, pairs, list(a.keys), list(b.keys), mentee_prefs, mentor_prefs, score_of)


def suggestions(
    mentors: Sequence[Profile],
    mentees: Sequence[Profile],
    rules: Rules,
    *,
    excluded: Iterable[tuple[str, str]] = (),
    limit: int = 10,
) -> dict[str, list[tuple[str, int]]]:
    """Mentee -> her `limit` best-scoring acceptable mentors, with their scores, best first
    (the list a mentee ranks from). Mentors set aside (training, no places) are left out."""
    orders = _score_orders(mentors, mentees, rules, (), list(excluded))
    return {
        mentee: [(mentor, orders.score_of[(mentor, mentee)]) for mentor in prefs[:limit]]
        for mentee, prefs in orders.mentee_prefs.items()
    }


def match_stable(
    mentors: Sequence[Profile],
    mentees: Sequence[Profile],
    rules: Rules,
    *,
    locked: Iterable[tuple[str, str]] = (),
    excluded: Iterable[tuple[str, str]] = (),
    rankings: Rankings | None = None,
) -> Result:
    """The mentee-optimal stable matching: nobody matched would rather swap with someone who
    would rather have them. Each side prefers the feasible pairs by score (ties by key),
    except that whoever gave a ranking (`rankings`) puts the people she ranked first, in her
    order (amplify.core.matching.preferences); `Result.preferences` says how many did.
    For cohort-sized problems (every pair is scored)."""
    from amplify.core.matching.stable import stable_match

    clock = time.perf_counter()
    excluded = list(excluded)
    orders = _score_orders(mentors, mentees, rules, locked, excluded)
    market, pairs, score_of = orders.market, orders.pairs, orders.score_of
    mentee_prefs, mentor_prefs, used = apply(rankings, orders.mentee_prefs, orders.mentor_prefs)
    capacity = dict(zip(orders.mentor_keys, (int(c) for c in market.capacity), strict=True))
    chosen = stable_match(mentee_prefs, mentor_prefs, capacity)
    matches = market.locked + [Match(r, e, score_of[(r, e)]) for e, r in sorted(chosen.items())]
    row = {k: i for i, k in enumerate(orders.mentor_keys)}
    col = {k: j for j, k in enumerate(orders.mentee_keys)}
    chosen_pairs = Pairs(
        np.array([row[r] for r in chosen.values()], dtype=np.int64),
        np.array([col[e] for e in chosen], dtype=np.int64),
        np.array([score_of[(r, e)] for e, r in chosen.items()], dtype=np.int64),
    )
    unmatched = _reasons(mentors, market, rules, excluded, pairs, chosen_pairs)
    value = sum(mt.score for mt in matches if not mt.locked)
    proof = Proof(
        optimal=False,
        method="stable",
        objective_value=value,
        upper_bound=value,
        rounds=1,
        candidate_pairs=len(pairs),
        priced_pairs=0,
    )
    return Result(
        matches,
        unmatched,
        market.excluded_mentors,
        proof,
        {"stable": time.perf_counter() - clock},
        preferences=used,
    )
