from hypothesis import given
from hypothesis import strategies as st

from amplify.core.text import (
    control_character_at,
    describe_control_character,
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


def test_it_describes_the_character_and_its_position() -> None:
    assert describe_control_character("a\x00b") == "Contains a NUL byte at character 2; remove it."
    assert describe_control_character("ok") is None
    assert "U+001B" in (describe_control_character("\x1b[31m") or "")


@given(st.text())
def test_it_strips_to_a_value_with_nothing_left_to_find(value: str) -> None:
    assert control_character_at(strip_control_characters(value)) is None
    assert (
        control_character_at(strip_control_characters(value, multiline=True), multiline=True)
        is None
    )
