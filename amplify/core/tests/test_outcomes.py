"""The outcome rules of the core, without a database."""

from datetime import date

import pytest

from amplify.core import outcomes as core


def test_employment_is_a_job_an_apprenticeship_or_an_internship() -> None:
    assert {"job", "apprenticeship", "internship"} == core.EMPLOYMENT_KINDS
    assert not core.is_employment("promotion")
    assert not core.is_employment("new_role")


def test_during_includes_both_ends() -> None:
    start, end = date(2026, 1, 12), date(2026, 7, 10)
    assert core.during_programme(start, starts_on=start, ends_on=end)
    assert core.during_programme(end, starts_on=start, ends_on=end)
    assert not core.during_programme(date(2026, 7, 11), starts_on=start, ends_on=end)
    assert not core.during_programme(date(2026, 1, 11), starts_on=start, ends_on=end)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 7, 10), 6, date(2027, 1, 10)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last(day, months, expected) -> None:
    assert core.add_months(day, months) == expected


def test_rounds_due_at_the_end_then_six_months_later_within_the_window() -> None:
    end = date(2026, 7, 10)
    assert core.rounds_due(ends_on=end, today=date(2026, 7, 9)) == []
    assert core.rounds_due(ends_on=end, today=end) == ["end"]
    assert core.rounds_due(ends_on=end, today=date(2026, 9, 30)) == []  # past the window
    assert core.rounds_due(ends_on=end, today=date(2027, 1, 10)) == ["six_months"]
    assert core.rounds_due(ends_on=end, today=date(2029, 1, 1)) == []


def test_a_count_under_5_is_not_shown() -> None:
    assert core.shown_count(0) == 0
    assert core.shown_count(1) is None
    assert core.shown_count(4) is None
    assert core.shown_count(5) == 5


@pytest.mark.parametrize(
    ("name", "size", "head", "code"),
    [
        ("offer.pdf", 0, b"", "empty"),
        ("offer.pdf", 11, b"%PDF-1.7", "too_large"),
        ("run.exe", 5, b"MZ", "wrong_type"),
        ("offer.pdf", 5, b"MZ\x90", "content_mismatch"),
        ("photo.JPG", 5, b"\x89PNG\r\n\x1a\n", "content_mismatch"),
    ],
)
def test_file_problems(name: str, size: int, head: bytes, code: str) -> None:
    problem = core.file_problem(filename=name, size=size, head=head, max_bytes=10)
    assert problem is not None
    assert problem.code == code


def test_accepted_files() -> None:
    for name, head in [
        ("a.pdf", b"%PDF-1.4"),
        ("a.png", b"\x89PNG\r\n\x1a\n"),
        ("a.jpeg", b"\xff\xd8\xff\xe0"),
        ("slides.pptx", b"PK\x03\x04"),
    ]:
        assert core.file_problem(filename=name, size=5, head=head, max_bytes=10) is None


def test_the_size_limit_is_told_in_megabytes() -> None:
    problem = core.file_problem(filename="a.pdf", size=11 * 2**20, head=b"", max_bytes=10 * 2**20)
    assert problem == core.FileProblem("too_large", limit_mb=10)
