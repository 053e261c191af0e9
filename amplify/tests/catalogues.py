"""Test help for the translation catalogues: read a .po file (no third-party parser needed)."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import amplify

LOCALE_DIR = Path(amplify.__file__).parent / "locale"
SHIPPED = ("es", "ja")
DOMAINS = ("django",)
# %(name)s, %s, %d and {name}: what a translation must carry over unchanged.
PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdif]|%[sdif]|\{[A-Za-z_]\w*\}")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    where: list[str] = field(default_factory=list)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    def placeholders(self, text: str) -> list[str]:
        return (
            sorted(PLACEHOLDER.findall(text))
            if "python-format" in self.flags or ("python-brace-format" in self.flags)
            else []
        )


def _unquote(line: str) -> str:
    return str(ast.literal_eval(line))


def read_po(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    entry = Entry()
    last: str | None = None

    def close() -> None:
        nonlocal entry, last
        if entry.msgid or entry.msgstr:
            entries.append(entry)
        entry, last = Entry(), None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            close()
            continue
        if line.startswith("#~"):
            entry.obsolete = True
            continue
        if line.startswith("#,"):
            entry.flags |= {f.strip() for f in line[2:].split(",")}
            continue
        if line.startswith("#:"):
            entry.where += line[2:].split()
            continue
        if line.startswith("#"):
            continue
        keyword, _sep, rest = line.partition(" ")
        if line.startswith('"'):
            value, target = _unquote(line), last
        else:
            value, target = _unquote(rest), keyword
        if target == "msgid":
            if last not in (None, "msgid", "msgctxt"):
                close()
            entry.msgid += value
        elif target == "msgid_plural":
            entry.msgid_plural += value
        elif target == "msgctxt":
            if last not in (None, "msgctxt"):
                close()
            entry.msgctxt = (entry.msgctxt or "") + value
        elif target == "msgstr":
            entry.msgstr[0] = entry.msgstr.get(0, "") + value
        elif target and target.startswith("msgstr["):
            n = int(target[7:-1])
            entry.msgstr[n] = entry.msgstr.get(n, "") + value
        last = target
    close()
    return [e for e in entries if e.msgid and not e.obsolete]


def catalogue(language: str, domain: str = "django") -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"
