from hypothesis import given
from hypothesis import strategies as st

from amplify.core.text import (
    KINDS,
    ControlCharacter,
    control_character_at,
    find_control_character,
    strip_control_characters,
)


def test_it_finds_nul_and_line_breaks_in_single_line_values() -> None:
    assert control_character_at("Ada\x00") == 3
    assert control_character_at("Launch\nevening") == 6
    assert control_character_at("Ren\u2028") == 3
    assert control_character_at("Zoë Ōtani 山田") is None


def test_it_allows_line_breaks_and_tabs_in_multi_line_values() -> None:
    assert control_character_at("line one\r\nline\ttwo", multiline=True) is None
    assert control_character_at("bell\x07", multiline=True) == 4


def test_it_tells_what_the_character_is_and_where_without_words() -> None:
    # The core speaks no language: the apps put its finding in the reader's words.
    assert find_control_character("a\x00b") == ControlCharacter(2, "nul", "U+0000")
    assert find_control_character("ab\r\n") == ControlCharacter(3, "line_break", "U+000D")
    assert find_control_character("\tx") == ControlCharacter(1, "tab", "U+0009")
    assert find_control_character("\x1b[31m") == ControlCharacter(1, "other", "U+001B")
    assert find_control_character("ok") is None
    assert find_control_character("a\tb", multiline=True) is None


@given(st.text())
def test_every_finding_is_of_a_known_kind(value: str) -> None:
    found = find_control_character(value)
    assert found is None or (found.kind in KINDS and value[found.position - 1] != "")


@given(st.text())
def test_it_strips_to_a_value_with_nothing_left_to_find(value: str) -> None:
    assert control_character_at(strip_control_characters(value)) is None
    assert (
        control_character_at(strip_control_characters(value, multiline=True), multiline=True)
        is None
    )
