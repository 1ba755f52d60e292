"""The page layout of an official document (GB/T 9704-2012, 党政机关公文格式), defined once.

The PDF stylesheet (`huibian.pdf.style`) and the Word writer (`huibian.word`) both read these
numbers; neither holds a copy. Framework-free: no WeasyPrint, no python-docx.

A4; top margin (天头) 37 mm, binding margin (订口) 28 mm, type area 156 × 225 mm; body 三号
(16 pt) 仿宋, 22 lines of 28 characters; title 二号 (22 pt) 小标宋, centred; 一、 in 黑体,
（一） in 楷体, 1. in bold body face, （1） in the body face; page numbers 四号 `— 3 —`, 7 mm below
the type area, one character in from the outer edge (odd pages right, even pages left). Even pages
mirror the margins so the binding edge stays 28 mm when printed on both sides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PT_PER_MM = 72 / 25.4

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
TOP_MM = 37.0
BINDING_MM = 28.0
"""The inner margin (订口): left on odd pages, right on even pages."""
TYPE_WIDTH_MM = 156.0
TYPE_HEIGHT_MM = 225.0
OUTER_MM = PAGE_WIDTH_MM - BINDING_MM - TYPE_WIDTH_MM
BOTTOM_MM = PAGE_HEIGHT_MM - TOP_MM - TYPE_HEIGHT_MM

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

# Font sizes in points (号: 二号 22, 三号 16, 四号 14, 小四 12).
BODY_PT = 16.0
TITLE_PT = 22.0
PAGE_NUMBER_PT = 14.0
SMALL_PT = 12.0
"""Tables and footnotes."""
COVER_TITLE_PT = 26.0
COVER_SUBTITLE_PT = 18.0
COVER_LINE_FACTOR = 1.6
COVER_SPACE_MM = {"subtitle": 40.0, "title": 18.0, "volume": 10.0, "issuer": 80.0}
"""Space above each line of a compilation's cover."""

LINE_PITCH_PT = TYPE_HEIGHT_MM * PT_PER_MM / LINES_PER_PAGE
"""225 mm / 22 lines = 28.99 pt from one baseline to the next."""
CHAR_PITCH_PT = TYPE_WIDTH_MM * PT_PER_MM / CHARS_PER_LINE
"""156 mm / 28 characters = 15.79 pt: a 16 pt face needs -0.21 pt tracking to fit 28 a line."""
TRACKING_PT = CHAR_PITCH_PT - BODY_PT
TITLE_LINE_FACTOR = 1.45
"""A title's line height, in multiples of its size."""

TOC_NUMBER_CHARS = 3
"""What a contents entry leaves on its last line for the leader and the page number, in characters."""


def ems_per_line(size_pt: float) -> float:
    """How many em of a face of `size_pt` fit across the type area."""
    return TYPE_WIDTH_MM * PT_PER_MM / size_pt


PAGE_NUMBER_FORMAT = "— {} —"
PAGE_NUMBER_BELOW_MM = 7.0
"""The page number's top edge sits this far below the type area."""
PAGE_NUMBER_INDENT_PT = PAGE_NUMBER_PT
"""One character in from the outer edge of the type area."""

ROLES = ("title", "body", "body-bold", "hei", "kai")
"""Font roles: 小标宋 titles, 仿宋 body (and its bold), 黑体 for 一、, 楷体 for （一）."""
OFFICIAL_FACES = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "body-bold": "仿宋_GB2312",
                  "hei": "黑体", "kai": "楷体_GB2312"}
"""The faces an office PC has and a Word file names (its East Asian fonts)."""


@dataclass(frozen=True)
class HeadingLevel:
    """One level of the official numbering: what its marker looks like and how it is set."""

    level: int
    """1 for 一、, 2 for （一）, 3 for 1., 4 for （1）."""
    marker: re.Pattern[str]
    role: str
    bold: bool
    name: str
    """The Word style's name."""

    @property
    def markdown_level(self) -> int:
        """The Markdown heading (`##` = 2) a report writes this level as; `#` is the title."""
        return self.level + 1


HEADING_LEVELS = (
    HeadingLevel(1, re.compile(r"[一二三四五六七八九十百]+、"), "hei", False, "一级标题"),
    HeadingLevel(2, re.compile(r"（[一二三四五六七八九十百]+）"), "kai", False, "二级标题"),
    HeadingLevel(3, re.compile(r"\d{1,2}[.、．]"), "body-bold", True, "三级标题"),
    HeadingLevel(4, re.compile(r"（\d{1,2}）"), "body", False, "四级标题"),
)

# A run-in heading starts a paragraph that goes on: （一）加强组织领导。正文…… / 1.建立台账。正文……
# The heading sentence ends at the first 。！？ (（一） may end at the line's end instead).
_RUN_IN = (
    (HEADING_LEVELS[1], re.compile(r"（[一二三四五六七八九十百]+）[^。！？\n]{1,60}[。！？]?")),
    (HEADING_LEVELS[2], re.compile(r"\d{1,2}[.、．][^。！？\n]{1,60}[。！？]")),
)


def run_in_heading(text: str) -> tuple[HeadingLevel, int] | None:
    """The level and length of the run-in heading that starts the paragraph `text`, if any."""
    for level, pattern in _RUN_IN:
        match = pattern.match(text)
        if match and match.end() < len(text.rstrip()):
            return level, match.end()
    return None


def level_of_markdown(level: int) -> HeadingLevel | None:
    """The official level of a Markdown heading (`##` → 一、 …), None for the title or deeper levels."""
    return next((h for h in HEADING_LEVELS if h.markdown_level == level), None)
