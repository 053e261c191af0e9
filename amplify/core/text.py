"""Control characters in text people type or import.

One rule for every boundary (forms, API schemas, the importers): a NUL byte cannot be stored by
PostgreSQL, and a line break inside a one-line value (a name, a title) breaks calendar files and
email headers. Single-line values may hold no control character at all; multi-line values
(a bio, a note) may hold line breaks and tabs but nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# C0 controls, DEL and the C1 range; U+2028/U+2029 are line breaks in disguise.
_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_MULTI_LINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def control_character_at(value: str, *, multiline: bool = False) -> int | None:
    """The index of the first control character not allowed in `value`, or None."""
    match = (_MULTI_LINE if multiline else _SINGLE_LINE).search(value)
    return match.start() if match else None


@dataclass(frozen=True)
class ControlCharacter:
    """The first disallowed control character of a value, for the apps to put in words in
    the reader's language (amplify.home.control_characters)."""

    position: int  # 1-based: the character's place as a person counts it
    kind: str  # one of KINDS
    code: str  # its code point, "U+0007"


# What a control character is called: a NUL, a line break (CR, LF, U+2028/U+2029 are told as
# one), a tab, or any other by its code point.
KINDS = ("nul", "line_break", "tab", "other")
_KIND = {"\x00": "nul", "\n": "line_break", "\r": "line_break", "\t": "tab"}


def find_control_character(value: str, *, multiline: bool = False) -> ControlCharacter | None:
    """The first control character not allowed in `value` (what and where), or None."""
    index = control_character_at(value, multiline=multiline)
    if index is None:
        return None
    char = value[index]
    return ControlCharacter(index + 1, _KIND.get(char, "other"), f"U+{ord(char):04X}")


def strip_control_characters(value: str, *, multiline: bool = False) -> str:
    """`value` without its disallowed control characters (for search boxes and query strings,
    where rejecting would only be unhelpful)."""
    return (_MULTI_LINE if multiline else _SINGLE_LINE).sub("", value)
