"""amplify-match: the matching engine from the command line, for data teams.

    amplify-match solve SCORES.csv [--capacity CAPS.csv] [--out PAIRS.csv] [--most-matched]
    amplify-match stable --mentee-prefs MP.csv --mentor-prefs RP.csv [--capacity CAPS.csv]
                         [--out PAIRS.csv]

Malformed files get a message naming the file, line and column, and exit status 2.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TextIO

import numpy as np

from amplify.core.matching.assignment import bound, solve
from amplify.core.matching.stable import stable_match

MAX_DECIMALS = 6


class InputError(Exception):
    """A malformed input file; the message names the file, line and column."""

    def __init__(self, path: str, line: int, column: int | None, message: str) -> None:
        where = f"{path}, line {line}" + (f", column {column}" if column else "")
        super().__init__(f"{where}: {message}")


def _rows(path: str) -> Iterator[tuple[int, list[str]]]:
    try:
        handle = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115
    except OSError as exc:
        raise InputError(path, 0, None, f"cannot open ({exc.strerror})") from None
    with handle:
        reader = csv.reader(handle)
        try:
            for row in reader:
                if any(cell.strip() for cell in row):
                    yield reader.line_num, [cell.strip() for cell in row]
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError(
                path, reader.line_num + 1, None, f"not readable as UTF-8 CSV ({exc})"
            ) from None


def _header(path: str, rows: Iterator[tuple[int, list[str]]], expected: list[str]) -> None:
    try:
        number, cells = next(rows)
    except StopIteration:
        raise InputError(path, 1, None, "the file is empty") from None
    for column, name in enumerate(expected, start=1):
        got = cells[column - 1].lower() if len(cells) >= column else ""
        if got != name:
            raise InputError(
                path, number, column, f"expected the header “{name}”, found “{got or '(nothing)'}”"
            )


def _integer(path: str, line: int, column: int, text: str, *, minimum: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise InputError(path, line, column, f"“{text}” is not a whole number") from None
    if value < minimum:
        raise InputError(path, line, column, f"{value} is below the minimum of {minimum}")
    return value


def read_capacities(path: str, mentors: Sequence[str]) -> dict[str, int]:
    known = set(mentors)
    rows = _rows(path)
    _header(path, rows, ["mentor_id", "capacity"])
    out: dict[str, int] = {}
    for line, cells in rows:
        if len(cells) != 2:
            raise InputError(path, line, None, f"expected 2 cells, found {len(cells)}")
        mentor = cells[0]
        if mentor not in known:
            raise InputError(path, line, 1, f"mentor “{mentor}” is not in the scores")
        if mentor in out:
            raise InputError(path, line, 1, f"mentor “{mentor}” is listed twice")
        out[mentor] = _integer(path, line, 2, cells[1], minimum=0)
    return out


@dataclass
class Scores:
    mentors: list[str]
    mentees: list[str]
    mentor: np.ndarray
    mentee: np.ndarray
    value: np.ndarray  # int64: the score × 10**decimals
    decimals: int
    text: dict[tuple[int, int], str]  # the score as written, for the output


def read_scores(path: str) -> Scores:
    rows = _rows(path)
    try:
        line, header = next(rows)
    except StopIteration:
        raise InputError(path, 1, None, "the file is empty") from None
    if not header or header[0].lower() != "mentor":
        raise InputError(
            path, line, 1, "the header must start with “mentor”, then one mentee id per column"
        )
    mentees = header[1:]
    if not mentees:
        raise InputError(path, line, 2, "no mentee columns")
    seen: dict[str, int] = {}
    for column, mentee in enumerate(mentees, start=2):
        if not mentee:
            raise InputError(path, line, column, "empty mentee id")
        if mentee in seen:
            raise InputError(
                path, line, column, f"mentee “{mentee}” is also in column {seen[mentee]}"
            )
        seen[mentee] = column
    mentors: list[str] = []
    mentor_rows: dict[str, int] = {}
    cells_i, cells_j, values = [], [], []
    for line, cells in rows:
        if len(cells) != len(header):
            raise InputError(path, line, None, f"expected {len(header)} cells, found {len(cells)}")
        mentor = cells[0]
        if not mentor:
            raise InputError(path, line, 1, "empty mentor id")
        if mentor in mentor_rows:
            raise InputError(
                path, line, 1, f"mentor “{mentor}” is also on line {mentor_rows[mentor]}"
            )
        mentor_rows[mentor] = line
        i = len(mentors)
        mentors.append(mentor)
        for column, text in enumerate(cells[1:], start=2):
            if text == "":
                continue  # forbidden pair
            try:
                value = Decimal(text)
            except InvalidOperation:
                raise InputError(path, line, column, f"“{text}” is not a number") from None
            if not value.is_finite():
                raise InputError(path, line, column, f"“{text}” is not a finite number")
            cells_i.append(i)
            cells_j.append(column - 2)
            values.append(value)
    if not mentors:
        raise InputError(path, 2, None, "no mentor rows")
    exponents = [-int(v.as_tuple().exponent) for v in values if int(v.as_tuple().exponent) < 0]
    decimals = min(MAX_DECIMALS, max(exponents, default=0))
    scale = Decimal(10) ** decimals
    scaled = np.array([int((v * scale).to_integral_value()) for v in values], dtype=np.int64)
    written = {(i, j): str(v) for i, j, v in zip(cells_i, cells_j, values, strict=True)}
    return Scores(
        mentors,
        mentees,
        np.array(cells_i, dtype=np.int64),
        np.array(cells_j, dtype=np.int64),
        scaled,
        decimals,
        written,
    )


def read_preferences(path: str, who: str, whom: str) -> dict[str, list[str]]:
    rows = _rows(path)
    _header(path, rows, [f"{who}_id", f"{whom}_id", "rank"])
    ranked: dict[str, dict[int, tuple[str, int]]] = {}
    pairs: dict[tuple[str, str], int] = {}
    for line, cells in rows:
        if len(cells) != 3:
            raise InputError(path, line, None, f"expected 3 cells, found {len(cells)}")
        person, other, rank_text = cells
        if not person:
            raise InputError(path, line, 1, f"empty {who} id")
        if not other:
            raise InputError(path, line, 2, f"empty {whom} id")
        rank = _integer(path, line, 3, rank_text, minimum=1)
        if (person, other) in pairs:
            raise InputError(
                path,
                line,
                2,
                f"{who} “{person}” already ranks “{other}” on line {pairs[(person, other)]}",
            )
        pairs[(person, other)] = line
        mine = ranked.setdefault(person, {})
        if rank in mine:
            raise InputError(
                path, line, 3, f"{who} “{person}” already gives rank {rank} on line {mine[rank][1]}"
            )
        mine[rank] = (other, line)
    return {
        person: [other for _, (other, _) in sorted(mine.items())] for person, mine in ranked.items()
    }


def _write(out: TextIO, header: list[str], rows: list[list[str]]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)


def _output(path: str | None, header: list[str], rows: list[list[str]]) -> None:
    if path:
        with open(path, "w", newline="", encoding="utf-8") as handle:
            _write(handle, header, rows)
    else:
        _write(sys.stdout, header, rows)


def run_solve(args: argparse.Namespace) -> int:
    scores = read_scores(args.scores)
    caps = read_capacities(args.capacity, scores.mentors) if args.capacity else {}
    capacity = np.array([caps.get(r, 1) for r in scores.mentors], dtype=np.int64)
    n = len(scores.mentees)
    value = scores.value
    # Negative scores never help a best-score matching; shifting by the lowest score would
    # change the problem, so "most matched" adds a bonus larger than any score difference.
    bonus = 0
    if args.most_matched and len(value):
        spread = int(value.max() - min(0, int(value.min())))
        bonus = spread * int(min(capacity.sum(), n)) + 1
        weight = value - min(0, int(value.min())) + bonus
    else:
        weight = value
    keep = weight > 0 if not args.most_matched else np.ones(len(weight), dtype=bool)
    solution = solve(capacity, n, scores.mentor[keep], scores.mentee[keep], weight[keep])
    chosen = np.flatnonzero(keep)[solution.matched]
    # Every pair was given to an exact solver; the dual bound must equal the total.
    dual = bound(capacity, solution.low.u, solution.low.v)
    total = Decimal(int(value[chosen].sum())) / (Decimal(10) ** scores.decimals)
    rows = sorted(
        [
            [
                scores.mentors[scores.mentor[k]],
                scores.mentees[scores.mentee[k]],
                scores.text[(int(scores.mentor[k]), int(scores.mentee[k]))],
            ]
            for k in chosen
        ],
    )
    _output(args.out, ["mentor_id", "mentee_id", "score"], rows)
    proof = (
        "certified optimal: every allowed pair was solved exactly, and the dual bound "
        f"equals the total ({dual:,})"
        if dual == solution.total
        else f"NOT certified: dual bound {dual:,} vs total {solution.total:,}"
    )
    print(f"Matched {len(rows)} of {n} mentees; total score {total}", file=sys.stderr)
    print(f"Proof: {proof}", file=sys.stderr)
    return 0 if dual == solution.total else 1


def run_stable(args: argparse.Namespace) -> int:
    mentee_prefs = read_preferences(args.mentee_prefs, "mentee", "mentor")
    mentor_prefs = read_preferences(args.mentor_prefs, "mentor", "mentee")
    caps = read_capacities(args.capacity, sorted(mentor_prefs)) if args.capacity else {}
    result = stable_match(mentee_prefs, mentor_prefs, caps)
    rows = sorted([mentor, mentee] for mentee, mentor in result.items())
    _output(args.out, ["mentor_id", "mentee_id"], rows)
    print(
        f"Matched {len(rows)} of {len(mentee_prefs)} mentees; the matching is stable and "
        "mentee-optimal",
        file=sys.stderr,
    )
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="amplify-match", description=__doc__.split("\n")[0])
    sub = top.add_subparsers(dest="command", required=True)
    s = sub.add_parser("solve", help="the best matching for a matrix of scores")
    s.add_argument(
        "scores",
        help="CSV: header 'mentor', mentee ids; rows: mentor id, scores "
        "(empty = not allowed; higher is better)",
    )
    s.add_argument("--capacity", help="CSV: mentor_id,capacity (default 1)")
    s.add_argument("--out", help="where to write mentor_id,mentee_id,score (default: stdout)")
    s.add_argument(
        "--most-matched",
        action="store_true",
        help="match as many mentees as possible first, then maximise the score",
    )
    t = sub.add_parser("stable", help="the mentee-optimal stable matching for rankings")
    t.add_argument("--mentee-prefs", required=True, help="CSV: mentee_id,mentor_id,rank")
    t.add_argument("--mentor-prefs", required=True, help="CSV: mentor_id,mentee_id,rank")
    t.add_argument("--capacity", help="CSV: mentor_id,capacity (default 1)")
    t.add_argument("--out", help="where to write mentor_id,mentee_id (default: stdout)")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return run_solve(args) if args.command == "solve" else run_stable(args)
    except InputError as exc:
        print(f"amplify-match: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
