"""Which text encoding an uploaded CSV is in, and the note that tells the user.

The order is fixed, so the same file is always read the same way:
1. a byte-order mark (UTF-8, UTF-16, UTF-32) says it outright;
2. UTF-16 without a mark shows as a NUL byte beside nearly every ASCII letter;
3. strict UTF-8 (plain ASCII is UTF-8 too);
4. Windows code pages, which accept almost any bytes, so each is judged by how plausible the
   text it gives is (charset_normalizer's measure of "mess": stray symbols inside words,
   private-use characters, mixed scripts): Shift-JIS (cp932, Excel's "CSV" in Japan), then
   Windows-1252 (western Europe); the less messy wins, and a tie goes to the first;
5. Latin-1, which decodes anything; a binary file is then refused for its control characters.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any

from charset_normalizer.md import mess_ratio
from django.utils.translation import gettext_noop

from amplify.core.text import strip_control_characters
from amplify.people.importing.table import Message

# The note stored with an import's warnings (its msgid names the encoding in its params),
# so the encoding can be read back for the API and the page (see `label_in`).
NOTE = gettext_noop("Encoding: %(encoding)s.")
GUESSED_NOTE = gettext_noop(
    "Encoding: %(encoding)s, detected from the content: the file is not UTF-8. If names look "
    "wrong below, save it as “CSV UTF-8” and upload it again."
)
# Imports checked before the notes were stored as msgids hold the English sentence.
NOTE_PREFIX = "Encoding: "
SAMPLE_BYTES = 64 * 1024
BOMS = (
    # UTF-32 first: its little-endian mark starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
CODE_PAGES = (("cp932", "Shift-JIS (cp932)"), ("cp1252", "Windows-1252"))


class NotText(ValueError):
    """The bytes are not text in any encoding we read."""


@dataclass(frozen=True)
class Decoded:
    text: str
    label: str  # what the user is told, e.g. "UTF-16" or "Shift-JIS (cp932)"
    guessed: bool  # True when no mark or strict rule decided it

    @property
    def note(self) -> Message:
        return Message(GUESSED_NOTE if self.guessed else NOTE, {"encoding": self.label})


def _label(warning: Any) -> str | None:
    """The encoding a stored warning names, if it is the note."""
    if isinstance(warning, dict) and warning.get("msgid") in (NOTE, GUESSED_NOTE):
        return str(warning["params"]["encoding"])
    if isinstance(warning, str) and warning.startswith(NOTE_PREFIX):
        return warning[len(NOTE_PREFIX) :].split(",", 1)[0].removesuffix(".")
    return None


def label_in(warnings: list[Any]) -> str | None:
    """The encoding named by the note among an import's stored warnings, if any.

    The note travels with the warnings because an import has no column of its own for it.
    """
    for warning in warnings:
        if (label := _label(warning)) is not None:
            return label
    return None


def _certain(warning: Any) -> bool:
    if isinstance(warning, dict):
        return warning.get("msgid") == NOTE
    return isinstance(warning, str) and warning.startswith(NOTE_PREFIX) and "," not in warning


def split_warnings(warnings: list[Any]) -> tuple[str | None, list[Any]]:
    """(the encoding, the stored warnings to show): a note that only names a certain
    encoding is not a warning; a guessed one is, since the names may be garbled. Each
    warning is a stored text (amplify.home.storedtext.shown), or an older English one."""
    return label_in(warnings), [w for w in warnings if not _certain(w)]


def decode(content: bytes) -> Decoded:
    for bom, codec, label in BOMS:
        if content.startswith(bom):
            return _strict(content[len(bom) :], codec, label, guessed=False)
    sample = content[:SAMPLE_BYTES]
    utf16 = _utf16_without_mark(sample) if b"\x00" in sample else None
    if utf16 is not None:
        return _strict(content, utf16, "UTF-16", guessed=True)
    try:
        return _text_or_refuse(Decoded(content.decode("utf-8"), "UTF-8", guessed=False))
    except UnicodeDecodeError:
        pass
    best: tuple[float, Decoded] | None = None
    for codec, label in CODE_PAGES:
        try:
            text = content.decode(codec)
        except UnicodeDecodeError:
            continue
        mess = mess_ratio(_non_ascii_lines(text), maximum_threshold=1.0)
        if best is None or mess < best[0]:  # strictly less: a tie keeps the earlier
            best = (mess, Decoded(text, label, guessed=True))
    if best is not None:
        return _text_or_refuse(best[1])
    return _text_or_refuse(Decoded(content.decode("latin-1"), "Latin-1", guessed=True))


def _strict(content: bytes, codec: str, label: str, *, guessed: bool) -> Decoded:
    try:
        text = content.decode(codec)
    except UnicodeDecodeError:
        raise NotText(f"not valid {label}") from None
    return _text_or_refuse(Decoded(text, label, guessed))


def _text_or_refuse(decoded: Decoded) -> Decoded:
    # A stray control character is a row error (the row says where); a file that is full of
    # them is not text at all.
    sample = decoded.text[:SAMPLE_BYTES]
    controls = len(sample) - len(strip_control_characters(sample, multiline=True))
    if controls >= 2 and controls * 100 > len(sample):
        raise NotText("binary")
    return decoded


def _utf16_without_mark(sample: bytes) -> str | None:
    """UTF-16 of mostly-ASCII text has a NUL in every other byte, on one side only."""
    even, odd = sample[0::2], sample[1::2]
    if not even or not odd:
        return None
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls > 0.5 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.5 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _non_ascii_lines(text: str) -> str:
    # The lines that differ between readings, up to a sample's worth: the measure looks at
    # them, not at the thousands of ASCII-only rows around them.
    lines: list[str] = []
    size = 0
    position = 0
    while size < SAMPLE_BYTES and (match := _NON_ASCII.search(text, position)):
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        position = len(text) if end < 0 else end + 1
        lines.append(text[start:position])
        size += position - start
    return "".join(lines)
