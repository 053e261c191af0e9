"""The text of a page of a PDF WeasyPrint wrote, for the tests (no PDF library is installed):
objects (also inside object streams), Flate streams, the page's fonts' ToUnicode maps, and
the text-showing operators of its content. Enough for our own PDFs, not a general reader."""

from __future__ import annotations

import re
import zlib

_OBJ = re.compile(rb"(\d+) 0 obj")


def _stream(head: bytes, data: bytes) -> bytes:
    return zlib.decompress(data) if b"FlateDecode" in head else data


def objects(pdf: bytes) -> dict[int, tuple[bytes, bytes]]:
    """Object number → (dictionary text, decoded stream or b"")."""
    found: dict[int, tuple[bytes, bytes]] = {}
    pos = 0
    while match := _OBJ.search(pdf, pos):
        start = match.end()
        stream_at, end_at = pdf.find(b"stream", start), pdf.find(b"endobj", start)
        if stream_at != -1 and stream_at < end_at:
            head = pdf[start:stream_at]
            length = int(re.search(rb"/Length (\d+)", head)[1])  # type: ignore[index]
            body_at = stream_at + len(b"stream")
            body_at += 2 if pdf[body_at : body_at + 2] == b"\r\n" else 1
            found[int(match[1])] = (head, _stream(head, pdf[body_at : body_at + length]))
            pos = pdf.find(b"endobj", body_at + length) + len(b"endobj")
        else:
            found[int(match[1])] = (pdf[start:end_at], b"")
            pos = end_at + len(b"endobj")
    for head, data in list(found.values()):
        if b"/ObjStm" in head:
            first = int(re.search(rb"/First (\d+)", head)[1])  # type: ignore[index]
            numbers = [int(n) for n in data[:first].split()]
            pairs = list(zip(numbers[::2], numbers[1::2], strict=True))
            for i, (number, offset) in enumerate(pairs):
                end = pairs[i + 1][1] if i + 1 < len(pairs) else len(data) - first
                found[number] = (data[first + offset : first + end], b"")
    return found


def _ref(text: bytes, key: bytes) -> int | None:
    match = re.search(rb"/" + key + rb"\s*(\d+) 0 R", text)
    return int(match[1]) if match else None


def _cmap(data: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            base = int(dst, 16)
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[code] = chr(base + i)
    return mapping


def pages(pdf: bytes) -> list[int]:
    objs = objects(pdf)
    root = next(n for n, (h, _) in objs.items() if b"/Type /Pages" in h and b"/Parent" not in h)

    def kids(number: int) -> list[int]:
        head = objs[number][0]
        if b"/Type /Pages" not in head:
            return [number]
        inner = re.search(rb"/Kids\s*\[(.*?)\]", head, re.S)[1]  # type: ignore[index]
        return [k for n in re.findall(rb"(\d+) 0 R", inner) for k in kids(int(n))]

    return kids(root)


def page_text(pdf: bytes, index: int = 0) -> str:
    """The text of page `index` (0: the first), its runs joined by spaces."""
    objs = objects(pdf)
    page = objs[pages(pdf)[index]][0]
    resources = page
    ref = _ref(page, b"Resources")
    if ref is not None:
        resources = objs[ref][0]
    font_dict = re.search(rb"/Font\s*(<<.*?>>|\d+ 0 R)", resources, re.S)
    fonts: dict[bytes, dict[int, str]] = {}
    if font_dict:
        text = font_dict[1]
        if text.endswith(b"R"):
            text = objs[int(text.split()[0])][0]
        for name, number in re.findall(rb"/(\w+)\s*(\d+) 0 R", text):
            font = objs[int(number)][0]
            cmap = _ref(font, b"ToUnicode")
            fonts[name] = _cmap(objs[cmap][1]) if cmap else {}
    contents = _ref(page, b"Contents")
    data = objs[contents][1] if contents else b""
    out: list[str] = []
    current: dict[int, str] = {}
    for token in re.finditer(
        rb"/(\w+)\s+[\d.]+\s+Tf|\[(.*?)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj", data, re.S
    ):
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
    return " ".join(out)
