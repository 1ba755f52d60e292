"""Mending text broken by PDF or document-viewer extraction, each change logged.

- a title spread over several short lines at the top is joined into one line;
- a heading glued to the text after it (`一、政治思想建设情况一是强化思想教育。`) is split out;
- a sentence cut over lines (a year alone on a line, a line ending mid-clause) is joined again.

Text is only joined or split, never changed, so the nothing-lost check still finds every line.
"""

from __future__ import annotations

import re
from dataclasses import replace

from huibian.importer.metadata import DATE_LINE, DOCUMENT_WORDS, despace, is_title
from huibian.importer.model import Block, Change
from huibian.junk import classify_junk
from huibian.structure import match_marker

_TERMINATED = re.compile(r"[。！？；：:!?;…”\"』」）)】\]]$")
_SENTENCE = re.compile(r"[。！？；]")
_ANY_PUNCT = re.compile(r"[。！？；，,;：:、]")
_CLAUSE = re.compile(r"[，,、]")
_DIGITS_ONLY = re.compile(r"^[0-9０-９]{1,4}$")
_DOC_END = re.compile(rf"(?:{DOCUMENT_WORDS.pattern})$")
_TITLE_PIECE_MAX = 30
_TITLE_MAX = 80
_TITLE_LINES = 6
_CUT_LINE_MIN = 15
"""A line cut by page width is long; a short line without punctuation is a heading or a name."""
_CONTINUATION_MAX = 8
_OPEN_ENDS = ("，", "、", ",", "和", "与", "及", "并")
_HEADING_MAX = 40
# A heading run straight into its first sentence or sub-heading.
_GLUED = re.compile(
    r"^((?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])[^。！？；，,：:\s]{2,30}?)"
    r"(?=[一二三四五六七八九十]是|[（(]一[）)]|1[.、．](?!\d)|[（(]1[）)])"
)


def mend_lines(blocks: list[Block]) -> tuple[list[Block], list[Change]]:
    """Join titles and sentences broken over lines, split headings glued to their text."""
    changes: list[Change] = []
    blocks = _join_title(blocks, changes)
    blocks = _split_glued_headings(blocks, changes)
    return _join_cut_sentences(blocks, changes), changes


def _plain(block: Block) -> bool:
    return block.kind == "para" and block.markdown is None


def _span(first: Block, last: Block) -> str:
    return f"第 {first.line} 行" if first.line == last.line else f"第 {first.line}–{last.line} 行"


def _join_title(blocks: list[Block], changes: list[Change]) -> list[Block]:
    """The first lines, each short and bare, that together end in 报告/总结/…: one title."""
    for end, block in enumerate(blocks[:_TITLE_LINES]):
        bare = (
            _plain(block) and len(block.text) <= _TITLE_PIECE_MAX and not _ANY_PUNCT.search(block.text)
            and match_marker(block.text) is None and not DATE_LINE.match(block.text)
        )
        if not bare:
            return blocks
        if _DOC_END.search(despace(block.text)):
            if end == 0:
                return blocks
            joined = "".join(b.text for b in blocks[: end + 1])
            if len(joined) > _TITLE_MAX:
                return blocks
            changes.append(Change(blocks[0].line, joined, f"{_span(blocks[0], block)}是分成几行的标题，已合并为一行"))
            return [replace(blocks[0], text=joined), *blocks[end + 1 :]]
    return blocks


def _split_glued_headings(blocks: list[Block], changes: list[Change]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        glued = _GLUED.match(block.text) if _plain(block) else None
        if glued is None:
            out.append(block)
            continue
        heading, rest = glued.group(1), block.text[glued.end() :]
        changes.append(Change(block.line, block.text, f"第 {block.line} 行的标题“{heading}”和正文连在一起，已拆开"))
        out += [replace(block, text=heading), replace(block, text=rest)]
    return out


def _joinable(previous: Block, block: Block) -> bool:
    if not (_plain(previous) and _plain(block)) or _TERMINATED.search(previous.text):
        return False
    if match_marker(block.text) or DATE_LINE.match(block.text) or is_title(previous):
        return False
    if classify_junk(previous.text) or classify_junk(block.text):
        return False  # junk kept for the author to check stays a line of its own
    marker = match_marker(previous.text)
    if marker and not _SENTENCE.search(previous.text):  # a heading: only the short rest of it
        if marker[0] > 2 or len(previous.text) + len(block.text) > _HEADING_MAX:
            return False
        if previous.text.endswith(_OPEN_ENDS):  # 二、存在的问题和 / 下一步打算
            return not _SENTENCE.search(block.text[:-1])
        return len(block.text) <= _CONTINUATION_MAX and not _ANY_PUNCT.search(block.text)
    if _DIGITS_ONLY.match(previous.text) or _DIGITS_ONLY.match(block.text):
        return True  # a year or number alone on a line
    return len(previous.text) >= _CUT_LINE_MIN or bool(_CLAUSE.search(previous.text))


def _join_cut_sentences(blocks: list[Block], changes: list[Change]) -> list[Block]:
    out: list[Block] = []
    group: list[Block] = []  # the source blocks joined into out[-1]
    for block in blocks:
        if out and _joinable(out[-1], block):
            out[-1] = replace(out[-1], text=out[-1].text + block.text)
            group.append(block)
            continue
        _record(changes, group, out)
        out.append(block)
        group = [block]
    _record(changes, group, out)
    return out


def _record(changes: list[Change], group: list[Block], out: list[Block]) -> None:
    if len(group) > 1:
        reason = f"{_span(group[0], group[-1])}是断开的一句话（PDF 或网页断行），已接成一段"
        changes.append(Change(group[0].line, out[-1].text, reason))
