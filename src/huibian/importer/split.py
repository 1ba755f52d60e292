"""Several reports in one file: each restarts its top-level numbering at 一、."""

from __future__ import annotations

import re

from huibian.importer.metadata import DOCUMENT_WORDS
from huibian.importer.model import Block
from huibian.structure import match_marker

_OPENING_CUES = re.compile(r"如下|以来|年上半年|年下半年|年度|根据|按照|为(?:深入|进一步|认真)")
_SENTENCE_PUNCT = re.compile(r"[。！？；]")


def _top_number(block: Block) -> int | None:
    if block.kind == "heading" and block.level == 1:
        marker = match_marker(block.text)
        return marker[1] if marker and marker[0] == 1 else 0
    if block.kind != "para":
        return None
    marker = match_marker(block.text)
    return marker[1] if marker and marker[0] == 1 else None


def _title_like(block: Block) -> bool:
    text = block.text
    return block.kind == "title" or (
        block.kind == "para" and len(text) <= 60 and not _SENTENCE_PUNCT.search(text)
        and bool(DOCUMENT_WORDS.search(text)) and not match_marker(text)
    )


def split_reports(blocks: list[Block]) -> list[list[Block]]:
    """Cut the blocks where the 一、 numbering starts again after 二、 or later.

    The new report starts at its opening paragraph (the paragraph before the new 一、), or at
    its title line if one stands right above that paragraph.
    """
    cuts: list[int] = []
    highest = 0
    last_cut = 0
    for index, block in enumerate(blocks):
        number = _top_number(block)
        if number is None or number == 0:
            continue
        if number == 1 and highest >= 2:
            start = _report_start(blocks, index, last_cut)
            if start > last_cut:
                cuts.append(start)
                last_cut = start
            highest = 1
        else:
            highest = max(highest, number)
    bounds = [0, *cuts, len(blocks)]
    return [blocks[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _report_start(blocks: list[Block], heading: int, floor: int) -> int:
    start = heading
    # The opening paragraph(s): unnumbered paragraphs right above the new 一、 (at most two, and
    # only a second one that reads like an opening).
    for step in range(2):
        candidate = start - 1
        if candidate <= floor or blocks[candidate].kind != "para" or match_marker(blocks[candidate].text):
            break
        if step == 1 and not (_OPENING_CUES.search(blocks[candidate].text) or _title_like(blocks[candidate])):
            break
        start = candidate
        if _title_like(blocks[candidate]):
            return start
    if start - 1 > floor and _title_like(blocks[start - 1]):
        start -= 1
    return start
