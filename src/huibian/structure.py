"""The outline of a report body: Chinese-numbered sections, their nesting and source positions.

Chinese reports number their sections in four levels::

    一、      level 1
    （一）    level 2   (half-width "(一)" is understood too)
    1. / 1、  level 3
    （1）     level 4

A numbered heading may be written as a Markdown heading (``## 一、工作开展情况``) or as a
"run-in" heading at the start of a paragraph (``（一）加强组织领导，强化部署抓落实。局党组……``),
where the heading is the first sentence and body text follows on the same line. Inside
paragraphs, ``一是……二是……`` enumerations are recognised as well.

Framework-free: used by the linter, the importer and the site alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "一二三四五六七八九十"
_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# Markdown heading: up to three spaces, 1-6 '#', a space, the text, optional closing '#'s.
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# Leading indentation authors use: ASCII spaces/tabs, the full-width space U+3000, and a stray
# ">" left over from copying a web page (flagged by the linter, but the heading is still a heading).
_INDENT = re.compile(r"^[ \t\u3000]*(?:>[ \t\u3000]*)?")
# Optional bold/italic wrapper before the marker: **（一）加强……。**
_EMPH = re.compile(r"^(\*{1,3}|_{2})")

_L1 = re.compile(rf"^([{_CN}]{{1,3}})、")
_L2 = re.compile(rf"^([（(])[ \u3000]?([{_CN}]{{1,3}})[ \u3000]?([）)])")
# 1. / 1、 / 1． — but not "2024.7", "1.5亿", "1、2月" (a digit follows) nor "1.)"
_L3 = re.compile(r"^([0-9０-９]{1,2})([.．、])(?![0-9０-９.．、%)）])")
_L4 = re.compile(r"^([（(])([0-9０-９]{1,2})([）)])")
# A run-in heading ends at its first 。；！？, or where a space is followed by an 一是 enumeration.
_SENTENCE_END = re.compile(rf"[。；！？]|(?=[ \u3000]+[{_CN}]{{1,3}}是)")
# 一是 / 二是 … after the start of the text, punctuation or a space (checked by _find_enumerations:
# a lookbehind in the pattern would make every search try it at every character).
_ENUM = re.compile(rf"([{_CN}]{{1,3}})是")
_ENUM_AFTER = frozenset("。；：，、！？:;,\u3000（(“”\"*")
# Outside a Markdown heading, a numbered heading starts with indentation, a ">", emphasis or the
# first character of its marker.
_HEADING_START = frozenset(" \t\u3000>*_（(0123456789０１２３４５６７８９" + _CN)


@dataclass
class Heading:
    level: int
    """1 = 一、  2 = （一）  3 = 1. / 1、  4 = （1）"""
    number: int
    """1-based value of the numeral (一→1, 十二→12, 3→3)."""
    marker: str
    """The numbering as written, e.g. "一、", "（一）", "(一)", "1.", "（1）"."""
    text: str
    """Heading text without the marker; for a run-in heading the first sentence (incl. its 。；！？)."""
    line: int
    """1-based line in the file."""
    col: int
    """1-based column of the marker."""
    run_in: bool
    """True if body text follows the heading sentence in the same paragraph."""
    md_depth: int | None
    """Number of '#' when written as a Markdown heading, else None."""
    halfwidth: bool
    """"(一)" instead of "（一）"."""
    children: list[Heading] = field(default_factory=list)
    end_line: int = 0
    """Last file line of the section (its content and sub-sections), set by `parse_structure`."""
    has_content: bool = False
    """True if any non-blank text (other than sub-headings) belongs to the section itself."""


@dataclass
class PlainHeading:
    """A Markdown heading without Chinese numbering (``## 存在的问题``)."""

    depth: int
    text: str
    line: int
    col: int
    end_line: int = 0
    has_content: bool = False


@dataclass
class Enumeration:
    """``一是……`` inside a paragraph."""

    ordinal: int
    line: int
    col: int


@dataclass
class Outline:
    roots: list[Heading]
    headings: list[Heading]
    """Every numbered heading, flat, in document order."""
    enumerations: list[Enumeration]
    plain: list[PlainHeading] = field(default_factory=list)
    """Markdown headings without numbering, in document order."""

    def section_titles(self) -> list[tuple[str, int, int]]:
        """(text, line, col) of every heading, numbered or not, in document order."""
        items = [(h.text, h.line, h.col) for h in self.headings] + [(p.text, p.line, p.col) for p in self.plain]
        return sorted(items, key=lambda item: (item[1], item[2]))


def outside_code(lines: Sequence[str], start: int = 0) -> Iterator[int]:
    """Indexes of the lines from `start` on that are not inside a fenced code block (nor a fence)."""
    if not any("```" in line or "~~~" in line for line in lines):  # most reports have no fence
        return iter(range(start, len(lines)))
    return _outside_fences(lines, start)


def _outside_fences(lines: Sequence[str], start: int) -> Iterator[int]:
    fence: str | None = None
    for index in range(start, len(lines)):
        line = lines[index].rstrip("\r")
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)[0] * 3
            continue
        yield index


def chinese_numeral(number: int) -> str:
    """1..99 as a Chinese numeral: 3 → 三, 12 → 十二, 20 → 二十."""
    if number <= 0 or number > 99:
        return str(number)
    tens, units = divmod(number, 10)
    text = ("" if tens <= 1 else _CN[tens - 1]) + ("十" if tens else "")
    return text + (_CN[units - 1] if units else "")


def chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral from 一 to 九十九, or None."""
    if not text or len(text) > 3 or text.strip(_CN):
        return None
    if len(text) == 1:
        return 10 if text == "十" else _DIGITS[text]
    if len(text) == 2:
        if text[0] == "十":
            return 10 + _DIGITS[text[1]] if text[1] in _DIGITS else None
        if text[1] == "十":
            return _DIGITS[text[0]] * 10 if text[0] in _DIGITS else None
        return None
    if text[0] in _DIGITS and text[1] == "十" and text[2] in _DIGITS:
        return _DIGITS[text[0]] * 10 + _DIGITS[text[2]]
    return None


def match_marker(text: str) -> tuple[int, int, str, bool] | None:
    """Match a numbering marker at the very start of `text`.

    Returns (level, number, marker, halfwidth) or None.
    """
    m = _L1.match(text)
    if m:
        number = chinese_number(m.group(1))
        return (1, number, m.group(0), False) if number else None
    m = _L2.match(text)
    if m:
        number = chinese_number(m.group(2))
        half = m.group(1) == "(" or m.group(3) == ")"
        return (2, number, m.group(0), half) if number else None
    m = _L4.match(text)
    if m:
        number = int(m.group(2).translate(_FULL_DIGITS))
        half = m.group(1) == "(" or m.group(3) == ")"
        return (4, number, m.group(0), half) if number else None
    m = _L3.match(text)
    if m:
        number = int(m.group(1).translate(_FULL_DIGITS))
        rest = text[m.end() :].lstrip(" \u3000*")
        # A marker with nothing after it, or followed by a number ("1. 2. 3."), is no heading.
        if not number or not rest or rest[0].isdigit():
            return None
        return 3, number, m.group(0), False
    return None


def _strip_emphasis(text: str) -> tuple[str, int]:
    """Drop a leading **/__ wrapper; return the text and how many characters were dropped."""
    m = _EMPH.match(text)
    if m:
        return text[m.end() :], m.end()
    return text, 0


def _clean(text: str) -> str:
    return text.replace("**", "").replace("__", "").strip(" \t\u3000")


def parse_structure(body: str, first_line: int = 1) -> Outline:
    """Parse a report body; `first_line` is the file line of the body's first line."""
    lines = body.split("\n")
    headings: list[Heading] = []
    plain: list[PlainHeading] = []
    enumerations: list[Enumeration] = []
    roots: list[Heading] = []
    stack: list[Heading] = []
    # The section currently receiving content: a Heading, a PlainHeading or None (preamble).
    current: Heading | PlainHeading | None = None
    open_plain: list[PlainHeading] = []
    fence: str | None = None
    may_fence = "```" in body or "~~~" in body  # else no line can open a fenced code block
    in_comment = False

    # The open sections extend to the last line seen (blank lines and comments aside); their end_line
    # is written when a heading may close them and at the end, not on every line.
    last_line = first_line

    def close_until(line_no: int) -> None:
        for numbered in stack:
            numbered.end_line = line_no
        for section in open_plain:
            section.end_line = line_no

    for index, raw in enumerate(lines):
        line_no = first_line + index
        line = raw.rstrip("\r")
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            if current is not None:
                current.has_content = True
            last_line = line_no
            continue
        if not line.strip():
            continue
        fm = _FENCE.match(line) if may_fence else None
        if fm:
            fence = fm.group(1)[0] * 3
            if current is not None:
                current.has_content = True
            last_line = line_no
            continue
        # An HTML comment (the guidance of a `huibian new` template) is not content of its section.
        if in_comment or line.lstrip().startswith("<!--"):
            in_comment = "-->" not in line
            if in_comment or line.rstrip().endswith("-->"):
                continue
        heading: Heading | None = None
        md = _MD_HEADING.match(line) if line[0] in " #" else None
        if md:
            depth = len(md.group(1))
            inner_start = md.start(2)
            inner, dropped = _strip_emphasis(md.group(2))
            marker = match_marker(inner)
            if marker:
                level, number, mark, half = marker
                heading = Heading(
                    level, number, mark, _clean(inner[len(mark) :]), line_no, inner_start + dropped + 1,
                    False, depth, half,
                )
            else:
                close_until(last_line)
                ph = PlainHeading(depth, _clean(md.group(2)), line_no, inner_start + 1, line_no)
                plain.append(ph)
                open_plain[:] = [p for p in open_plain if p.depth < depth] + [ph]
                # A Markdown heading closes numbered Markdown headings of the same or a deeper depth.
                cut = next((i for i, h in enumerate(stack) if h.md_depth is not None and h.md_depth >= depth), None)
                if cut is not None:
                    del stack[cut:]
                current = ph
                last_line = line_no
                continue
        elif line[0] in _HEADING_START:
            indent = _INDENT.match(line)
            start = indent.end() if indent else 0
            inner, dropped = _strip_emphasis(line[start:])
            marker = match_marker(inner)
            if marker:
                level, number, mark, half = marker
                rest = inner[len(mark) :]
                end = _SENTENCE_END.search(rest)
                text = rest[: end.end()] if end else rest
                after = rest[end.end() :] if end else ""
                run_in = bool(_clean(after))
                heading = Heading(
                    level, number, mark, _clean(text), line_no, start + dropped + 1, run_in, None, half,
                )
                if run_in:
                    _find_enumerations(line, start + dropped + len(mark) + len(text), line_no, enumerations)
        if heading is None:
            _find_enumerations(line, 0, line_no, enumerations)
            if current is not None:
                current.has_content = True
            last_line = line_no
            continue
        close_until(last_line)
        if heading.md_depth is not None:
            open_plain[:] = [p for p in open_plain if p.depth < heading.md_depth]
        heading.has_content = heading.run_in
        heading.end_line = line_no
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        if stack:
            stack[-1].children.append(heading)
        else:
            roots.append(heading)
        stack.append(heading)
        headings.append(heading)
        current = heading
        last_line = line_no
    close_until(last_line)
    return Outline(roots, headings, enumerations, plain)


def _find_enumerations(line: str, offset: int, line_no: int, out: list[Enumeration]) -> None:
    if "是" not in line:
        return
    position = offset
    while m := _ENUM.search(line, position):
        start = m.start()
        before = line[start - 1] if start else ""
        if before and before not in _ENUM_AFTER and not before.isspace():
            position = start + 1  # inside a word: look again from the next character
            continue
        number = chinese_number(m.group(1))
        if number:
            out.append(Enumeration(number, line_no, start + 1))
        position = m.end()
