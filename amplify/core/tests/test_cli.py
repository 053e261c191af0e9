"""amplify-match, as a data team would run it."""

import csv
import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from amplify.core.matching.cli import main


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_it_solves_a_score_matrix(tmp_path, capsys) -> None:
    scores = write(tmp_path / "s.csv", "mentor,e1,e2,e3\nr1,5,1.5,\nr2,4,3,2\n")
    caps = write(tmp_path / "c.csv", "mentor_id,capacity\nr1,2\n")
    code, out, err = run(capsys, "solve", scores, "--capacity", caps)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["mentor_id", "mentee_id", "score"]
    assert sorted(map(tuple, rows[1:])) == [
        ("r1", "e1", "5"),
        ("r1", "e2", "1.5"),
        ("r2", "e3", "2"),
    ]
    assert "total score 8.5" in err
    assert "certified optimal" in err


def test_it_writes_the_pairs_to_a_file(tmp_path, capsys) -> None:
    scores = write(tmp_path / "s.csv", "mentor,a\nr,1\n")
    code, _, _ = run(capsys, "solve", scores, "--out", str(tmp_path / "p.csv"))
    assert code == 0
    assert (tmp_path / "p.csv").read_text() == "mentor_id,mentee_id,score\nr,a,1\n"


def test_it_can_match_as_many_as_possible_first(tmp_path, capsys) -> None:
    # Best score alone: r1 takes e1 (10); most matched: r1-e2 and r2-e1 (2 + 1).
    scores = write(tmp_path / "s.csv", "mentor,e1,e2\nr1,10,2\nr2,1,\n")
    _, best, _ = run(capsys, "solve", scores)
    _, most, _ = run(capsys, "solve", scores, "--most-matched")
    assert best.splitlines()[1:] == ["r1,e1,10"]
    assert sorted(most.splitlines()[1:]) == ["r1,e2,2", "r2,e1,1"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "s.csv, line 1: the file is empty"),
        ("mentee,a\nr,1\n", "s.csv, line 1, column 1: the header must start with “mentor”"),
        ("mentor,a,a\nr,1,2\n", "s.csv, line 1, column 3: mentee “a” is also in column 2"),
        ("mentor,a,b\nr,1\n", "s.csv, line 2: expected 3 cells, found 2"),
        ("mentor,a\nr,1\nr,2\n", "s.csv, line 3, column 1: mentor “r” is also on line 2"),
        ("mentor,a,b\nr,1,lots\n", "s.csv, line 2, column 3: “lots” is not a number"),
        ("mentor,a\nr,inf\n", "s.csv, line 2, column 2: “inf” is not a finite number"),
    ],
)
def test_it_names_the_file_line_and_column_of_a_bad_score(tmp_path, capsys, text, message) -> None:
    code, _, err = run(capsys, "solve", write(tmp_path / "s.csv", text))
    assert code == 2
    assert message in err


def test_it_checks_the_capacity_file(tmp_path, capsys) -> None:
    scores = write(tmp_path / "s.csv", "mentor,a\nr,1\n")
    for text, message in [
        ("mentor,capacity\nr,1\n", "line 1, column 1: expected the header “mentor_id”"),
        ("mentor_id,capacity\nx,1\n", "line 2, column 1: mentor “x” is not in the scores"),
        ("mentor_id,capacity\nr,two\n", "line 2, column 2: “two” is not a whole number"),
        ("mentor_id,capacity\nr,-1\n", "line 2, column 2: -1 is below the minimum of 0"),
    ]:
        code, _, err = run(capsys, "solve", scores, "--capacity", write(tmp_path / "c.csv", text))
        assert code == 2
        assert f"c.csv, {message}" in err
    code, _, err = run(capsys, "solve", str(tmp_path / "missing.csv"))
    assert code == 2
    assert "missing.csv, line 0: cannot open" in err


def test_it_finds_the_mentee_optimal_stable_matching(tmp_path, capsys) -> None:
    mp = write(tmp_path / "mp.csv", "mentee_id,mentor_id,rank\na,x,1\na,y,2\nb,x,1\nb,y,2\nc,x,1\n")
    rp = write(tmp_path / "rp.csv", "mentor_id,mentee_id,rank\nx,b,1\nx,a,2\nx,c,3\ny,a,1\ny,b,2\n")
    code, out, err = run(capsys, "stable", "--mentee-prefs", mp, "--mentor-prefs", rp)
    assert code == 0
    assert out.splitlines() == ["mentor_id,mentee_id", "x,b", "y,a"]
    assert "stable" in err


def test_it_refuses_tied_or_repeated_ranks(tmp_path, capsys) -> None:
    rp = write(tmp_path / "rp.csv", "mentor_id,mentee_id,rank\nx,a,1\n")
    mp = write(tmp_path / "mp.csv", "mentee_id,mentor_id,rank\na,x,1\na,y,1\n")
    code, _, err = run(capsys, "stable", "--mentee-prefs", mp, "--mentor-prefs", rp)
    assert code == 2
    assert "mp.csv, line 3, column 3: mentee “a” already gives rank 1 on line 2" in err
    mp = write(tmp_path / "mp.csv", "mentee_id,mentor_id,rank\na,x,1\na,x,2\n")
    code, _, err = run(capsys, "stable", "--mentee-prefs", mp, "--mentor-prefs", rp)
    assert "mp.csv, line 3, column 2: mentee “a” already ranks “x” on line 2" in err


# capsys is read (and emptied) after every call, so sharing it across inputs is safe.
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.integers(1, 5).flatmap(
        lambda m: st.integers(1, 6).flatmap(
            lambda n: st.tuples(
                st.lists(
                    st.lists(st.one_of(st.none(), st.integers(-3, 20)), min_size=n, max_size=n),
                    min_size=m,
                    max_size=m,
                ),
                st.lists(st.integers(0, 3), min_size=m, max_size=m),
            )
        )
    )
)
def test_it_matches_the_dense_optimum(tmp_path_factory, capsys, problem) -> None:
    matrix, caps = problem
    tmp = tmp_path_factory.mktemp("cli")
    n = len(matrix[0])
    lines = ["mentor," + ",".join(f"e{j}" for j in range(n))]
    lines += [
        f"r{i}," + ",".join("" if v is None else str(v) for v in row)
        for i, row in enumerate(matrix)
    ]
    scores = write(tmp / "s.csv", "\n".join(lines) + "\n")
    capacity = write(
        tmp / "c.csv", "mentor_id,capacity\n" + "".join(f"r{i},{c}\n" for i, c in enumerate(caps))
    )
    code, out, _ = run(capsys, "solve", scores, "--capacity", capacity)
    assert code == 0
    total = sum(int(row.split(",")[2]) for row in out.splitlines()[1:])
    slots = [i for i, c in enumerate(caps) for _ in range(c)]
    if not slots:
        assert total == 0
        return
    w = np.zeros((len(slots), n + len(slots)))
    for k, i in enumerate(slots):
        for j in range(n):
            w[k, j] = -1e9 if matrix[i][j] is None else matrix[i][j]
    rows, cols = linear_sum_assignment(w, maximize=True)
    assert total == int(
        sum(w[r, c] for r, c in zip(rows, cols, strict=True) if c < n and w[r, c] > 0)
    )
