"""The Spanish and Japanese catalogues are complete, faithful and current: every entry
translated (none fuzzy), every placeholder carried over, and nothing in the source that the
catalogues lack. So every feature ships in all three languages or the suite says what is
missing. After changing strings: `make messages`, translate the new entries, `make install`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from amplify.tests.catalogues import LOCALE_DIR, SHIPPED, Entry, catalogue, read_po

REPO = LOCALE_DIR.parent.parent
PLURAL_FORMS = {"es": "nplurals=2; plural=(n != 1);", "ja": "nplurals=1; plural=0;"}


def _header(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[: text.index("\n\n")]


@pytest.mark.parametrize("language", SHIPPED)
def test_it_ships_every_entry_translated_and_none_fuzzy(language: str) -> None:
    path = catalogue(language)
    assert path.exists(), f"{path} is missing: run `make messages`"
    assert f"Plural-Forms: {PLURAL_FORMS[language]}" in _header(path)
    plurals = int(PLURAL_FORMS[language].split(";")[0].split("=")[1])
    problems = []
    for entry in read_po(path):
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        wanted = range(plurals) if entry.msgid_plural else range(1)
        if any(not entry.msgstr.get(n, "").strip() for n in wanted):
            problems.append(f"untranslated: {entry.msgid!r} ({', '.join(entry.where[:2])})")
    assert problems == [], f"{language}: {len(problems)} entries to fix:\n" + "\n".join(problems)


def _placeholder_problems(entry: Entry) -> list[str]:
    expected = entry.placeholders(entry.msgid)
    problems = []
    for n, text in entry.msgstr.items():
        source = entry.msgid_plural if n and entry.msgid_plural else entry.msgid
        expected = entry.placeholders(source)
        got = entry.placeholders(text)
        # A singular form may name the number in words ("one pair") instead of %(count)d.
        if entry.msgid_plural:
            expected = [p for p in expected if "count" not in p]
            got = [p for p in got if "count" not in p]
        if got != expected:
            problems.append(f"{entry.msgid!r}: {expected} became {got} in {text!r}")
    return problems


@pytest.mark.parametrize("language", SHIPPED)
def test_it_keeps_every_placeholder(language: str) -> None:
    problems = [p for e in read_po(catalogue(language)) for p in _placeholder_problems(e)]
    assert problems == []


def test_it_catches_a_lost_placeholder() -> None:
    entry = Entry(msgid="%(name)s is added.", msgstr={0: "Se ha añadido."}, flags={"python-format"})
    assert _placeholder_problems(entry)


def _copy_sources(target: Path) -> None:
    """The project's sources and its catalogues, without anything built or installed."""
    shutil.copy(REPO / "manage.py", target / "manage.py")
    shutil.copytree(
        REPO / "amplify",
        target / "amplify",
        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static"),
    )


def test_it_has_every_source_string_in_the_catalogues(tmp_path: Path) -> None:
    # Given the sources copied aside, with the catalogues as committed
    _copy_sources(tmp_path)
    before = {lang: {e.key for e in read_po(catalogue(lang))} for lang in SHIPPED}
    # When makemessages extracts the strings again there
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "amplify.settings_test",
        "PYTHONPATH": str(tmp_path),
    }
    args = ["makemessages", "--no-obsolete", "--ignore=.venv/*"]
    args += [f"--locale={lang}" for lang in SHIPPED]
    subprocess.run(
        [sys.executable, "manage.py", *args, "-v0"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    # Then it finds exactly the entries the catalogues hold
    for lang in SHIPPED:
        fresh = tmp_path / "amplify" / "locale" / lang / "LC_MESSAGES" / "django.po"
        after = {e.key for e in read_po(fresh)}
        missing = sorted(str(k[1]) for k in after - before[lang])
        stale = sorted(str(k[1]) for k in before[lang] - after)
        assert (missing, stale) == ([], []), (
            f"{lang}: the catalogue is out of date with the source: run `make messages` and "
            f"translate.\nNew strings: {missing[:30]}\nNo longer used: {stale[:30]}"
        )
