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
        ("mentor_id,capacity\nr,two\n", "line 2, column 2: “two” is not a whole number"),
        ("mentor_id,capacity\nr,-1\n", "line 2, column 2: -1 is below the minimum of 0"),
        ("mentor_id,capacity\nr,1\nr,2\n", "line 3, column 1: mentor “r” is also on line 2"),
        ("mentor_id,capacity\nr,\n", "line 2, column 2: no capacity for “r”"),
        ("mentor_id,capacity\n,1\n", "line 2, column 1: empty mentor id"),
        ("mentor_id,capacity\nr,1,2\n", "line 2: expected 2 cells, found 3"),
        ("mentor_id,capacity,note\n", "line 1, column 3: expected 2 columns, found another"),
    ]:
        code, _, err = run(capsys, "solve", scores, "--capacity", write(tmp_path / "c.csv", text))
        assert code == 2
        assert f"c.csv, {message}" in err
    caps = write(tmp_path / "c.csv", "mentor_id,capacity,\nr,2\n")
    code, _, _ = run(capsys, "solve", scores, "--capacity", caps)
    assert code == 0  # a trailing empty header cell is no column
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
    assert "Left unmatched: 1 of 3 mentees and 0 of 2 mentors" in err


def test_it_refuses_tied_or_repeated_ranks(tmp_path, capsys) -> None:
    rp = write(tmp_path / "rp.csv", "mentor_id,mentee_id,rank\nx,a,1\n")
    mp = write(tmp_path / "mp.csv", "mentee_id,mentor_id,rank\na,x,1\na,y,1\n")
    code, _, err = run(capsys, "stable", "--mentee-prefs", mp, "--mentor-prefs", rp)
    assert code == 2
    assert "mp.csv, line 3, column 3: mentee “a” already gives rank 1 on line 2" in err
    mp = write(tmp_path / "mp.csv", "mentee_id,mentor_id,rank\na,x,1\na,x,2\n")
    code, _, err = run(capsys, "stable", "--mentee-prefs", mp, "--mentor-prefs", rp)
    assert "mp.csv, line 3, column 2: mentee “a” already ranks “x” on line 2" in err


def stable(tmp_path, capsys, mentees: str, mentors: str, caps: str | None = None):
    argv = [
        "stable",
        "--mentee-prefs",
        write(tmp_path / "mp.csv", "mentee_id,mentor_id,rank\n" + mentees),
        "--mentor-prefs",
        write(tmp_path / "rp.csv", "mentor_id,mentee_id,rank\n" + mentors),
    ]
    if caps is not None:
        argv += ["--capacity", write(tmp_path / "c.csv", "mentor_id,capacity\n" + caps)]
    code, out, err = run(capsys, *argv)
    return code, out.splitlines()[1:], err


def test_it_leaves_a_mentor_nobody_ranked_and_who_ranked_nobody_unmatched(tmp_path, capsys) -> None:
    # Given a capacity file listing a mentor who is in neither preference file
    code, pairs, err = stable(tmp_path, capsys, "a,x,1\n", "x,a,1\n", "x,1\nlonely,2\n")
    # Then she is simply one of the mentors left unmatched
    assert code == 0
    assert pairs == ["x,a"]
    assert "Left unmatched: 0 of 1 mentee and 1 of 2 mentors" in err
    assert "score" not in err.replace(str(tmp_path), "")
    assert "Note" not in err  # listed in the capacity file: nothing looks mistyped


def test_it_accepts_a_capacity_for_a_mentor_who_ranked_nobody(tmp_path, capsys) -> None:
    # y is ranked by a and has places, but gave no ranking: a cannot be paired with her.
    code, pairs, err = stable(tmp_path, capsys, "a,y,1\na,x,2\n", "x,a,1\n", "y,3\n")
    assert code == 0
    assert pairs == ["x,a"]
    assert "Left unmatched: 0 of 1 mentee and 1 of 2 mentors" in err
    assert "Note" not in err


def test_it_counts_a_mentee_ranked_by_a_mentor_but_ranking_nobody(tmp_path, capsys) -> None:
    code, pairs, err = stable(tmp_path, capsys, "a,x,1\n", "x,b,1\nx,a,2\n")
    assert code == 0
    assert pairs == ["x,a"]
    assert "Matched 1 of 2 mentees" in err
    assert "Left unmatched: 1 of 2 mentees and 0 of 1 mentor" in err
    assert "Note: 1 mentee ranked in " in err
    assert "rp.csv ranks nobody in " in err
    assert "mp.csv, so cannot be matched: b" in err


def test_it_names_a_ranked_mentor_who_is_in_no_other_file(tmp_path, capsys) -> None:
    # A rank pointing at someone listed nowhere else is accepted (she ranked nobody and keeps
    # the default capacity), but it is also what a typo looks like, so the summary names her.
    code, pairs, err = stable(tmp_path, capsys, "a,X,1\na,x,2\n", "x,a,1\n", "x,1\n")
    assert code == 0
    assert pairs == ["x,a"]
    assert "Left unmatched: 0 of 1 mentee and 1 of 2 mentors" in err
    assert "Note: 1 mentor ranked in " in err
    assert "c.csv, so cannot be matched: X" in err


def test_it_names_at_most_a_few_people_in_a_note(tmp_path, capsys) -> None:
    mentors = "".join(f"x,e{k},{k}\n" for k in range(1, 9))
    code, _, err = stable(tmp_path, capsys, "", mentors)
    assert code == 0
    assert "Note: 8 mentees ranked in " in err
    assert "cannot be matched: e1, e2, e3, e4, e5 and 3 more" in err


def test_it_gives_a_mentor_missing_from_the_capacity_file_one_place(tmp_path, capsys) -> None:
    mentees = "a,y,1\nb,y,1\nc,x,1\n"
    code, pairs, err = stable(tmp_path, capsys, mentees, "y,a,1\ny,b,2\nx,c,1\n", "x,2\n")
    assert code == 0
    assert pairs == ["x,c", "y,a"]
    assert "Left unmatched: 1 of 3 mentees and 0 of 2 mentors" in err


def test_it_accepts_empty_preference_lists(tmp_path, capsys) -> None:
    # Files with only their header: nobody ranked anybody.
    code, pairs, err = stable(tmp_path, capsys, "", "")
    assert code == 0
    assert pairs == []
    assert "Matched 0 of 0 mentees" in err
    # "a,," lists a person who takes part and ranks nobody.
    code, pairs, err = stable(tmp_path, capsys, "a,,\nb,x,1\n", "x,b,1\ny,,\n")
    assert code == 0
    assert pairs == ["x,b"]
    assert "Left unmatched: 1 of 2 mentees and 1 of 2 mentors" in err
    assert "Note" not in err


def test_it_gives_a_mentor_with_capacity_0_nobody(tmp_path, capsys) -> None:
    mentees = "a,x,1\na,y,2\n"
    code, pairs, err = stable(tmp_path, capsys, mentees, "x,a,1\ny,a,1\n", "x,0\n")
    assert code == 0
    assert pairs == ["y,a"]
    assert "Left unmatched: 0 of 1 mentee and 1 of 2 mentors" in err


@pytest.mark.parametrize(
    ("mentees", "message"),
    [
        ("a,x,\n", "mp.csv, line 2, column 3: no rank for “x”"),
        ("a,,1\n", "mp.csv, line 2, column 2: empty mentor id"),
        (",x,1\n", "mp.csv, line 2, column 1: empty mentee id"),
        ("a,x,0\n", "mp.csv, line 2, column 3: 0 is below the minimum of 1"),
        ("a,x\n", "mp.csv, line 2: expected 3 cells, found 2"),
    ],
)
def test_it_names_the_file_line_and_column_of_a_bad_rank(
    tmp_path, capsys, mentees, message
) -> None:
    code, _, err = stable(tmp_path, capsys, mentees, "x,a,1\n", "x,1\nz,1\n")
    assert code == 2
    assert message in err
    assert "score" not in err.replace(str(tmp_path), "")


def test_it_never_speaks_of_scores_to_the_stable_command(tmp_path, capsys) -> None:
    for caps, message in [
        ("x,1\nx,2\n", "c.csv, line 3, column 1: mentor “x” is also on line 2"),
        ("x,-1\n", "c.csv, line 2, column 2: -1 is below the minimum of 0"),
    ]:
        code, _, err = stable(tmp_path, capsys, "a,x,1\n", "x,a,1\n", caps)
        assert code == 2
        assert message in err
        assert "score" not in err.replace(str(tmp_path), "")


def solve_cli(tmp_path, capsys, scores: str, caps: str | None = None):
    argv = ["solve", write(tmp_path / "s.csv", scores)]
    if caps is not None:
        argv += ["--capacity", write(tmp_path / "c.csv", "mentor_id,capacity\n" + caps)]
    code, out, err = run(capsys, *argv)
    return code, out.splitlines()[1:], err


def test_it_accepts_a_capacity_for_a_mentor_with_no_row(tmp_path, capsys) -> None:
    # x has no row: nobody may be paired with her, as if her row were empty.
    code, pairs, err = solve_cli(tmp_path, capsys, "mentor,a,b\nr,1,2\n", "r,1\nx,4\n")
    assert code == 0
    assert pairs == ["r,b,2"]
    assert "Left unmatched: 1 of 2 mentees and 1 of 2 mentors" in err
    assert "certified optimal" in err


def test_it_gives_a_row_missing_from_the_capacity_file_one_place(tmp_path, capsys) -> None:
    code, pairs, err = solve_cli(tmp_path, capsys, "mentor,a,b\nr,1,2\nq,5,9\n", "r,2\n")
    # q has one place, not two: she takes b, and r (with two places) takes a.
    assert code == 0
    assert pairs == ["q,b,9", "r,a,1"]
    assert "Left unmatched: 0 of 2 mentees and 0 of 2 mentors" in err


def test_it_accepts_a_mentor_row_with_every_pair_forbidden(tmp_path, capsys) -> None:
    code, pairs, err = solve_cli(tmp_path, capsys, "mentor,a,b\nr,,\nq,3,\n")
    assert code == 0
    assert pairs == ["q,a,3"]
    assert "Left unmatched: 1 of 2 mentees and 1 of 2 mentors" in err


def test_it_accepts_a_mentee_column_with_every_pair_forbidden(tmp_path, capsys) -> None:
    code, pairs, err = solve_cli(tmp_path, capsys, "mentor,a,b\nr,,1\nq,,2\n", "r,1\nq,1\n")
    assert code == 0
    assert pairs == ["q,b,2"]
    assert "Left unmatched: 1 of 2 mentees and 1 of 2 mentors" in err
    code, pairs, _ = solve_cli(tmp_path, capsys, "mentor,a,b\nr,,1\n", None)
    assert pairs == ["r,b,1"]


def test_it_accepts_a_matrix_with_no_mentors_or_no_mentees(tmp_path, capsys) -> None:
    code, pairs, err = solve_cli(tmp_path, capsys, "mentor,a,b\n", "x,2\n")
    assert (code, pairs) == (0, [])
    assert "Matched 0 of 2 mentees" in err
    assert "Left unmatched: 2 of 2 mentees and 1 of 1 mentor" in err
    code, pairs, err = solve_cli(tmp_path, capsys, "mentor\nr\nq\n")
    assert (code, pairs) == (0, [])
    assert "Left unmatched: 0 of 0 mentees and 2 of 2 mentors" in err
    assert "certified optimal" in err


def test_it_gives_a_mentor_with_capacity_0_no_mentee(tmp_path, capsys) -> None:
    code, pairs, err = solve_cli(tmp_path, capsys, "mentor,a\nr,9\nq,1\n", "r,0\n")
    assert code == 0
    assert pairs == ["q,a,1"]
    assert "Left unmatched: 0 of 1 mentee and 1 of 2 mentors" in err
    code, _, err = run(
        capsys,
        "solve",
        str(tmp_path / "s.csv"),
        "--capacity",
        str(tmp_path / "c.csv"),
        "--most-matched",
    )
    assert code == 0
    assert "certified optimal" in err


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
