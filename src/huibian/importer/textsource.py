"""Plain text (.txt/.md) to blocks: artefacts, indentation, half-width markers, run-together text."""

from __future__ import annotations

import re

from huibian.importer.model import Block, SourceUnit
from huibian.structure import match_marker

_SPACE = " \t\u3000\u00a0\u200b\ufeff"
# `>` quote marks and `#` runs left in front of lines by copy-paste from web pages.
_ARTEFACT = re.compile(rf"^[{_SPACE}]*(?:>|＞|#{{1,6}})")
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+\S")
_CN = "一二三四五六七八九十"
# Where a document pasted as one line is cut: before 一、 after a sentence end or a space, before
# （一） after a sentence end.
_CUT = re.compile(
    rf"(?<=[。！？；：\s\u3000])(?=[{_CN}]{{1,3}}、)|(?<=[。！？；\s\u3000])(?=[（(][{_CN}]{{1,3}}[）)])"
    r"|(?<=\S)(?=[ \u3000]{2,}\S)"
)
_TITLE_RUN = re.compile(r"^(.{4,60}?(?:情况汇报|工作汇报|汇报|报告|总结))(?![。，、；：:）)\"”如了的中会时]|$)")
_TRAILING_DATE = re.compile(
    r"(?<=[。！？\s\u3000])(?=[^\s。！？；]{0,30}?\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})年[^年]{1,6}月[^月]{1,6}日\s*$)"
)
_ONE_LINE_LIMIT = 120


def source_units(text: str) -> list[SourceUnit]:
    """Every line of the decoded text, numbered from 1 (the nothing-lost check reads these)."""
    return [SourceUnit(number, line) for number, line in enumerate(text.split("\n"), start=1)]


def _split_run_together(line: str) -> list[str]:
    """Cut a whole document written on one line into paragraphs at its numbered headings."""
    pieces: list[str] = []
    title = _TITLE_RUN.match(line)
    if title and not match_marker(line):
        pieces.append(title.group(1))
        line = line[title.end() :]
    start = 0
    for m in _CUT.finditer(line):
        if m.start() > start:
            pieces.append(line[start : m.start()])
            start = m.start()
    rest = line[start:]
    date = _TRAILING_DATE.search(rest)
    if date and date.start() > 0:
        pieces += [rest[: date.start()], rest[date.start() :]]
    else:
        pieces.append(rest)
    return pieces


def clean_line(line: str, markdown: bool) -> tuple[str, int]:
    """Strip artefacts and indentation; make half-width (一) full-width.

    Returns the text and, for a Markdown heading in a .md file, its '#' depth (else 0).
    """
    depth = 0
    stripped = line.strip(_SPACE)
    if markdown:
        m = _MD_HEADING.match(stripped)
        if m:
            depth = len(m.group(1))
    while True:
        m = _ARTEFACT.match(stripped)
        if not m:
            break
        stripped = stripped[m.end() :].strip(_SPACE)
    marker = match_marker(stripped)
    if marker and marker[3]:
        level, _number, mark, _half = marker
        inner = mark.strip("()（）")
        stripped = f"（{inner}）" + stripped[len(mark) :]
    return stripped, depth


def text_blocks(text: str, markdown: bool = False) -> list[Block]:
    """Blocks of a text file: one per non-blank line (a run-together document is cut first)."""
    lines = text.split("\n")
    nonblank = [(i + 1, line) for i, line in enumerate(lines) if line.strip(_SPACE)]
    run_together = len(nonblank) <= 3 and any(len(line) > _ONE_LINE_LIMIT for _, line in nonblank)
    blocks: list[Block] = []
    for number, line in nonblank:
        pieces = _split_run_together(line) if run_together and len(line) > _ONE_LINE_LIMIT else [line]
        for piece in pieces:
            cleaned, depth = clean_line(piece, markdown)
            if not cleaned:
                if piece.strip(_SPACE):  # only '#'/'>' left over from a web page: removed, and logged
                    blocks.append(Block(number, piece.strip(_SPACE)))
                continue
            if depth == 1 and not blocks:
                blocks.append(Block(number, cleaned, kind="title"))
            elif depth >= 2 and not match_marker(cleaned):
                blocks.append(Block(number, cleaned, kind="heading", level=min(depth - 1, 3)))
            else:
                blocks.append(Block(number, cleaned))
    return blocks
