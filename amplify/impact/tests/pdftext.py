"""All the text of a PDF WeasyPrint wrote, charts included: an SVG's text is drawn in form
XObjects, which amplify/talentbook/tests/pdftext.py's `page_text` (the page's own content
stream) does not read. Enough for our own PDFs, not a general reader."""

from __future__ import annotations

import re

from amplify.talentbook.tests.pdftext import _cmap, _ref, objects

_TEXT = re.compile(
    rb"/(\w+)\s+[\d.]+\s+Tf|\[([^\[\]]*)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|(?<![\w/])(ET)(?!\w)", re.S
)


def _fonts(head: bytes, objs: dict[int, tuple[bytes, bytes]]) -> dict[bytes, dict[int, str]]:
    resources = head
    ref = _ref(head, b"Resources")
    if ref is not None:
        resources = objs[ref][0]
    found = re.search(rb"/Font\s*(<<.*?>>|\d+ 0 R)", resources, re.S)
    fonts: dict[bytes, dict[int, str]] = {}
    if not found:
        return fonts
    text = found[1]
    if text.endswith(b"R"):
        text = objs[int(text.split()[0])][0]
    for name, number in re.findall(rb"/(\w+)\s*(\d+) 0 R", text):
        cmap = _ref(objs[int(number)][0], b"ToUnicode")
        fonts[name] = _cmap(objs[cmap][1]) if cmap else {}
    return fonts


def squashed(text: str) -> str:
    """Without any white space: a chart draws each glyph apart, and its spaces not at all."""
    return "".join(text.split())


def all_text(pdf: bytes) -> str:
    """The text of every page and every form (charts): a text object's glyphs joined, text
    objects apart by a space."""
    objs = objects(pdf)
    out: list[str] = []
    for head, data in objs.values():
        if not data or b"Tf" not in data:
            continue
        fonts = _fonts(head, objs)
        if not fonts:
            # A page's content stream: its fonts are in the page that points at it.
            for page_head, _ in objs.values():
                if b"/Type /Page" in page_head and b"/Contents" in page_head:
                    number = _ref(page_head, b"Contents")
                    if number is not None and objs.get(number, (b"", b""))[1] is data:
                        fonts = _fonts(page_head, objs)
                        break
        current: dict[int, str] = {}
        for token in _TEXT.finditer(data):
            if token[4]:
                out.append(" ")
                continue
            if token[1]:
                current = fonts.get(token[1], {})
                continue
            hexes = re.findall(rb"<([0-9A-Fa-f]*)>", token[2]) if token[2] else [token[3]]
            run = ""
            for h in hexes:
                codes = bytes.fromhex(h.decode())
                run += "".join(
                    current.get(int.from_bytes(codes[i : i + 2], "big"), "")
                    for i in range(0, len(codes), 2)
                )
            out.append(run)
    return "".join(out)
