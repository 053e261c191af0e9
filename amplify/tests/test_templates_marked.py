"""Every word a template shows is marked for translation. Each template is tokenised the way
Django reads it; tags, variables, comments and whatever sits inside {% translate %} or
{% blocktranslate %} are set aside, and any letter left in the page's text, or in an
attribute a person reads (title, alt, placeholder, aria-label…), fails with its place."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

import amplify

ROOT = Path(amplify.__file__).parent
TEMPLATES = sorted(p for p in ROOT.rglob("templates/**/*.html"))
# Text that is the same in every language: the product's name and brand mark, symbols.
ALLOWED = {"Amplify", "A", "API", "ics", "CSV", "XLSX", "TOTP", "UTC", "×", "→", "·", "—", "–"}
READ_ATTRIBUTES = (
    "title",
    "alt",
    "placeholder",
    "aria-label",
    "aria-description",
    "label",
    "data-confirm",
)
HOLE = "\x00"


# Literal text handed to another template or shown as a default: {% include … with sub="Your
# mentee" %} and {{ value|default:"never" }} are shown as they are, so they need marking too.
LITERAL_ARGUMENT = re.compile(r'(?:\b\w+=|\|default:|\|default_if_none:)"([^"]*)"')


def literal_arguments(source: str) -> list[str]:
    found: list[str] = []
    for token in Lexer(source).tokenize():
        if token.token_type not in (TokenType.BLOCK, TokenType.VAR):
            continue
        name = token.contents.split()[0] if token.contents else ""
        passes_text_on = name in ("include", "with", "firstof") or "|default" in token.contents
        if token.token_type == TokenType.BLOCK and not passes_text_on:
            continue
        for value in LITERAL_ARGUMENT.findall(token.contents):
            found += _words(value)
    return found


def _marked_out(source: str) -> str:
    """The template with every tag, variable and comment (and every translated text) turned
    into a hole, so only the literal text remains."""
    out: list[str] = []
    depth = {"blocktranslate": 0, "comment": 0}
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in ("blocktranslate", "blocktrans"):
                depth["blocktranslate"] += 1
            elif name in ("endblocktranslate", "endblocktrans"):
                depth["blocktranslate"] -= 1
            elif name == "comment":
                depth["comment"] += 1
            elif name == "endcomment":
                depth["comment"] -= 1
            out.append(HOLE)
        elif token.token_type == TokenType.TEXT and not any(depth.values()):
            out.append(token.contents)
        else:
            out.append(HOLE)
    return "".join(out)


def _words(text: str) -> list[str]:
    text = html.unescape(text)
    return [w for w in re.findall(r"[^\W\d_][\w'’.+-]*", text) if w.strip(".") not in ALLOWED]


def unmarked_text(source: str) -> list[str]:
    text = _marked_out(source)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
    found: list[str] = []
    for tag in re.finditer(r"<[^>]*>", text):
        for name, value in re.findall(r'([\w:-]+)\s*=\s*"([^"]*)"', tag.group(0)):
            button = re.match(r'<input[^>]*type="(submit|button)"', tag.group(0))
            if name.lower() in READ_ATTRIBUTES or (name.lower() == "value" and button):
                found += _words(value)
    found += _words(re.sub(r"<[^>]*>", " ", text))
    return found


@pytest.mark.parametrize("path", TEMPLATES, ids=[str(p.relative_to(ROOT)) for p in TEMPLATES])
def test_it_finds_every_word_of_the_template_marked(path: Path) -> None:
    source = path.read_text()
    words = unmarked_text(source) + literal_arguments(source)
    assert words == [], f"{path.relative_to(ROOT)}: mark for translation: {words}"


def test_it_notices_unmarked_text_and_attributes() -> None:
    source = (
        '{% load i18n %}<h1>{% translate "Your cohorts" %}</h1><p>Nothing here</p>'
        '<a title="Open it" href="{{ url }}">{{ name }}</a>'
        "{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}{# a note #}"
    )
    assert unmarked_text(source) == ["Open", "it", "Nothing", "here"]
    passed_on = '{% include "cell.html" with sub="Your mentee" size="" %}{{ a|default:"never" }}'
    assert literal_arguments(passed_on) == ["Your", "mentee", "never"]
