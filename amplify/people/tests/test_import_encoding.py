"""Finding 16: the text encoding of a CSV is detected in a fixed order (byte-order marks,
strict UTF-8, then Shift-JIS and Windows-1252 judged by plausibility), names arrive intact,
and the user is told which encoding was used; a binary file is refused without echoing it."""

import codecs

import pytest

from amplify.core.text import control_character_at
from amplify.people.importing.check import Snapshot, check
from amplify.people.importing.reader import UnreadableFile, read_table
from amplify.people.tests.test_import_check import REFERENCE

HEADER = "employee_id,name,email,country,job_title\n"
JAPANESE = HEADER + "E1,山田 太郎,taro@x.example,JP,営業部長\nE2,ﾀﾅｶ ｲﾁﾛｳ,ichiro@x.example,JP,\n"
EUROPEAN = (
    HEADER
    + "E1,Françoise Müller,f@x.example,GB,Directrice – Paris\nE2,Renée O’Connor,r@x.example,GB,\n"
)


def names(content: bytes) -> tuple[list[str], str | None, list[str]]:
    table = read_table(content, "hr.csv")
    plan = check(table, reference=REFERENCE, snapshot=Snapshot({}, {}))
    assert plan.ok, plan.errors
    return [row.name for row in plan.creates], plan.encoding, [str(w) for w in plan.warnings]


@pytest.mark.parametrize(
    ("content", "label"),
    [
        (JAPANESE.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + JAPANESE.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF16_LE + JAPANESE.encode("utf-16-le"), "UTF-16"),
        (codecs.BOM_UTF16_BE + JAPANESE.encode("utf-16-be"), "UTF-16"),
        (codecs.BOM_UTF32_LE + JAPANESE.encode("utf-32-le"), "UTF-32"),
        (codecs.BOM_UTF32_BE + JAPANESE.encode("utf-32-be"), "UTF-32"),
    ],
)
def test_it_reads_unicode_by_its_mark_or_strict_utf8(content: bytes, label: str) -> None:
    assert names(content) == (["山田 太郎", "ﾀﾅｶ ｲﾁﾛｳ"], label, [f"Encoding: {label}."])


def test_it_reads_utf16_without_a_mark_and_says_it_guessed() -> None:
    people, label, warnings = names(JAPANESE.encode("utf-16-le"))
    assert (people, label) == (["山田 太郎", "ﾀﾅｶ ｲﾁﾛｳ"], "UTF-16")
    assert "detected from the content" in warnings[0]


def test_it_reads_shift_jis_names_intact() -> None:
    people, label, warnings = names(JAPANESE.encode("cp932"))
    assert people == ["山田 太郎", "ﾀﾅｶ ｲﾁﾛｳ"]
    assert label == "Shift-JIS (cp932)"
    assert warnings[0].startswith(
        "Encoding: Shift-JIS (cp932), detected from the content: the file is not UTF-8."
    )


def test_it_reads_a_single_short_shift_jis_name() -> None:
    # 山田 is also valid Windows-1252 ("ŽR“c"): the tie goes to Shift-JIS, the first tried.
    content = (HEADER + "E1,山田,y@x.example,JP,\n").encode("cp932")
    assert names(content)[:2] == (["山田"], "Shift-JIS (cp932)")


def test_it_reads_windows_1252_names_intact() -> None:
    # "Françoise" is valid Shift-JIS too ("Fran輟ise"), but a mess: Windows-1252 wins.
    people, label, _ = names(EUROPEAN.encode("cp1252"))
    assert (people, label) == (["Françoise Müller", "Renée O’Connor"], "Windows-1252")


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\x00\x00binary" + bytes(range(256)) * 80,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 80,
        bytes(range(1, 32)) * 700,  # no NUL, all control characters
    ],
)
def test_it_refuses_a_binary_file_without_echoing_it(content: bytes) -> None:
    assert len(content) > 20_000
    with pytest.raises(UnreadableFile) as error:
        read_table(content, "hr.csv")
    message = str(error.value)
    assert message.startswith("This does not look like a CSV or XLSX file (it starts with “")
    assert len(message) < 200
    assert control_character_at(message) is None


def test_it_cuts_a_runaway_header_in_its_message() -> None:
    content = ("x" * 20_000 + ",name\nE1,Ana\n").encode()
    plan = check(read_table(content, "hr.csv"), reference=REFERENCE, snapshot=Snapshot({}, {}))
    assert plan.errors
    assert all(len(e.message) < 400 for e in plan.errors)
    assert all(len(str(w)) < 400 for w in plan.warnings)


def test_it_cuts_a_runaway_cell_in_its_message() -> None:
    content = (HEADER + "E1,Ana," + "a" * 20_000 + ",GB,\n").encode()
    plan = check(read_table(content, "hr.csv"), reference=REFERENCE, snapshot=Snapshot({}, {}))
    assert [len(e.message) < 200 for e in plan.errors] == [True, True]
