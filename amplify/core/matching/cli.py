"""amplify-match: the matching engine from the command line, for data teams.

    amplify-match solve SCORES.csv [--capacity CAPS.csv] [--out PAIRS.csv] [--most-matched]
    amplify-match stable --mentee-prefs MP.csv --mentor-prefs RP.csv [--capacity CAPS.csv]
                         [--out PAIRS.csv]

Who takes part. A person may be in one file and not another: that is never an error, since
each such case is an ordinary programme (someone nobody chose, someone who chose nobody, a
mentor who keeps the default capacity). The output holds the pairs; the summary on standard
error says how many mentees and mentors were left unmatched.

- solve: the mentees are the matrix's columns; the mentors are its rows and the capacity file's
  mentors. A capacity-file mentor with no row may be paired with nobody, like a row of empty
  cells; a row with no capacity takes one mentee. A row or a column of empty cells, a matrix
  with no rows or with no mentee columns, and capacity 0 are all valid: those people are left
  unmatched.
- stable: the mentees are those in the mentee file and those ranked in the mentor file; the
  mentors are those in the mentor file, those ranked in the mentee file and those in the
  capacity file. A pair is acceptable only when each ranks the other, so whoever ranks nobody,
  or is ranked by nobody, is left unmatched. A row with the other id and the rank both empty
  (`a,,`) lists a person who ranks nobody; a file with only its header means nobody ranked.
  Someone ranked who is in no other file is taken as a person who ranked nobody (the capacity
  file is not a roster: a mentor missing from it takes one mentee), so the rank cannot make a
  pair. That is also what a mistyped id looks like, so the summary names such people in a
  "Note:" line instead of refusing the files.

A malformed file (a wrong header or number of cells, an empty cell where a value is needed,
a value that is not a number, a negative capacity, a rank below 1, a person, pair or rank given
twice, a file without even its header, which is what tells a mentee file from a mentor file)
gets a message naming the file, line and column, and exit status 2. Ids are compared exactly,
after trimming spaces.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TextIO

import numpy as np

from amplify.core.matching.assignment import bound, solve
from amplify.core.matching.stable import stable_match

MAX_DECIMALS = 6
NAMED = 5  # how many people a "Note:" line names before it says "and N more"


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
    # A named extra column is said here rather than as a wrong count of cells on every row
    # that follows; a trailing empty cell (a spreadsheet's stray comma) is no column.
    for column, name in enumerate(cells[len(expected) :], start=len(expected) + 1):
        if name:
            raise InputError(
                path, number, column, f"expected {len(expected)} columns, found another, “{name}”"
            )


def _integer(path: str, line: int, column: int, text: str, *, minimum: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise InputError(path, line, column, f"“{text}” is not a whole number") from None
    if value < minimum:
        raise InputError(path, line, column, f"{value} is below the minimum of {minimum}")
    return value


def read_capacities(path: str) -> dict[str, int]:
    """Mentor -> places. Any mentor may be listed, whether or not another file names her."""
    rows = _rows(path)
    _header(path, rows, ["mentor_id", "capacity"])
    out: dict[str, int] = {}
    lines: dict[str, int] = {}
    for line, cells in rows:
        if len(cells) != 2:
            raise InputError(path, line, None, f"expected 2 cells, found {len(cells)}")
        mentor, places = cells
        if not mentor:
            raise InputError(path, line, 1, "empty mentor id")
        if mentor in out:
            raise InputError(path, line, 1, f"mentor “{mentor}” is also on line {lines[mentor]}")
        if not places:
            # An empty cell might mean 0 or the default: leaving her out says "the default".
            raise InputError(
                path, line, 2, f"no capacity for “{mentor}” (leave her out for the default of 1)"
            )
        out[mentor] = _integer(path, line, 2, places, minimum=0)
        lines[mentor] = line
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
    """Person -> the people she ranks, best first; `a,,` lists her with an empty list."""
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
        mine = ranked.setdefault(person, {})
        if not other and not rank_text:
            continue  # she takes part and ranks nobody
        if not other:
            raise InputError(path, line, 2, f"empty {whom} id")
        if not rank_text:
            raise InputError(path, line, 3, f"no rank for “{other}”")
        rank = _integer(path, line, 3, rank_text, minimum=1)
        if (person, other) in pairs:
            raise InputError(
                path,
                line,
                2,
                f"{who} “{person}” already ranks “{other}” on line {pairs[(person, other)]}",
            )
        pairs[(person, other)] = line
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


def _people(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _unmatched(mentees: int, matched: int, mentors: int, busy: int) -> str:
    """The summary line of who was left unmatched; a mentor counts once she has one mentee."""
    return (
        f"Left unmatched: {mentees - matched} of {_people(mentees, 'mentee')} and "
        f"{mentors - busy} of {_people(mentors, 'mentor')}"
    )


def _named(ids: Iterable[str]) -> str:
    names = sorted(ids)
    shown = ", ".join(names[:NAMED])
    return shown + (f" and {len(names) - NAMED} more" if len(names) > NAMED else "")


def run_solve(args: argparse.Namespace) -> int:
    scores = read_scores(args.scores)
    caps = read_capacities(args.capacity) if args.capacity else {}
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
    # A capacity-file mentor with no row is a mentor with no allowed pair.
    mentors = len(set(scores.mentors) | set(caps))
    busy = len({row[0] for row in rows})
    proof = (
        "certified optimal: every allowed pair was solved exactly, and the dual bound "
        f"equals the total ({dual:,})"
        if dual == solution.total
        else f"NOT certified: dual bound {dual:,} vs total {solution.total:,}"
    )
    print(f"Matched {len(rows)} of {_people(n, 'mentee')}; total score {total}", file=sys.stderr)
    print(_unmatched(n, len(rows), mentors, busy), file=sys.stderr)
    print(f"Proof: {proof}", file=sys.stderr)
    return 0 if dual == solution.total else 1


def _ranked_only(
    prefs: dict[str, list[str]], ranking: Collection[str], listed: Collection[str] = ()
) -> set[str]:
    """Those ranked in `prefs` who rank nobody themselves and are listed nowhere else."""
    return {other for ranks in prefs.values() for other in ranks} - set(ranking) - set(listed)


def _note(
    people: set[str], noun: str, ranked_in: str, ranking_in: str, capacity: str | None = None
) -> None:
    if not people:
        return
    one = len(people) == 1
    elsewhere = f" and {'is' if one else 'are'} not in {capacity}" if capacity else ""
    print(
        f"Note: {_people(len(people), noun)} ranked in {ranked_in} {'ranks' if one else 'rank'} "
        f"nobody in {ranking_in}{elsewhere}, so cannot be matched: {_named(people)}",
        file=sys.stderr,
    )


def run_stable(args: argparse.Namespace) -> int:
    mentee_prefs = read_preferences(args.mentee_prefs, "mentee", "mentor")
    mentor_prefs = read_preferences(args.mentor_prefs, "mentor", "mentee")
    caps = read_capacities(args.capacity) if args.capacity else {}
    result = stable_match(mentee_prefs, mentor_prefs, caps)
    rows = sorted([mentor, mentee] for mentee, mentor in result.items())
    _output(args.out, ["mentor_id", "mentee_id"], rows)
    lost_mentees = _ranked_only(mentor_prefs, mentee_prefs)
    lost_mentors = _ranked_only(mentee_prefs, mentor_prefs, caps)
    mentees = len(mentee_prefs) + len(lost_mentees)
    mentors = len(set(mentor_prefs) | set(caps)) + len(lost_mentors)
    print(
        f"Matched {len(rows)} of {_people(mentees, 'mentee')}; the matching is stable and "
        "mentee-optimal",
        file=sys.stderr,
    )
    print(_unmatched(mentees, len(rows), mentors, len(set(result.values()))), file=sys.stderr)
    # Legitimate (she gave no ranking), but also the shape of a mistyped id: name them.
    _note(lost_mentees, "mentee", args.mentor_prefs, args.mentee_prefs)
    _note(lost_mentors, "mentor", args.mentee_prefs, args.mentor_prefs, args.capacity)
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
    t.add_argument(
        "--mentee-prefs", required=True, help="CSV: mentee_id,mentor_id,rank (a,, = ranks nobody)"
    )
    t.add_argument(
        "--mentor-prefs", required=True, help="CSV: mentor_id,mentee_id,rank (x,, = ranks nobody)"
    )
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
