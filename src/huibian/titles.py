"""Titles broken by meaning (GB/T 9704-2012 7.3.3): whole words on each line, lines balanced.

A report title is `<unit><period><topic><文种>` (桐溪县交通运输局 / 2024年上半年 / 意识形态工作情况 /
汇报). The collection knows every unit name, so a title is cut into its parts first; a line
breaks between parts, and only where a part is longer than a line, between the words of that
part. Of the breaks that fit, the one chosen keeps the lines as even as can be, with no line
longer than the one above it (a trapezoid, 正梯形) or, for three lines, the middle one longest
(a diamond, 菱形).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import combinations

# 文种 and the compilation's own names, longest first, so 自查报告 wins over 报告.
_DOCUMENT_KINDS = ("分析研判材料", "工作报告汇编", "自查报告", "述职报告", "报告汇编", "情况汇报", "情况报告",
                   "汇报", "报告", "总结", "汇编", "材料")
_PERIOD = re.compile(r"\d{4}(?:[—–-]\d{4})?年(?:度|上半年|下半年|第[一二三四]季度|\d{1,2}月份?)?")
# Words a topic is made of, in the order they are looked for; what is left between them is a
# word too (意识形态, 安全生产, …). Breaking only at these keeps 工作 and 情况 whole.
_TOPIC_WORDS = ("工作", "情况", "专项", "整改", "落实", "建设", "管理", "责任制", "意识形态", "党风廉政", "安全生产",
                "有关", "关于", "开展", "推进", "方面", "问题", "自查", "述职", "述廉")


def title_parts(title: str, names: Iterable[str] = ()) -> list[str]:
    """`title` cut into unbreakable pieces: unit names, periods, the 文种 and the topic's words."""
    pieces: list[tuple[int, int]] = []
    taken = [False] * len(title)

    def claim(start: int, end: int) -> None:
        if end > start and not any(taken[start:end]):
            pieces.append((start, end))
            for i in range(start, end):
                taken[i] = True

    for name in sorted({n for n in names if n}, key=len, reverse=True):
        for match in re.finditer(re.escape(name), title):
            claim(match.start(), match.end())
    for match in _PERIOD.finditer(title):
        claim(match.start(), match.end())
    for kind in _DOCUMENT_KINDS:
        if title.endswith(kind):
            claim(len(title) - len(kind), len(title))
            break
    for word in sorted(_TOPIC_WORDS, key=len, reverse=True):
        for match in re.finditer(word, title):
            claim(match.start(), match.end())
    # What is left between the claimed pieces stays whole (a word we do not know).
    start = None
    for i in range(len(title) + 1):
        free = i < len(title) and not taken[i]
        if free and start is None:
            start = i
        elif not free and start is not None:
            pieces.append((start, i))
            start = None
    return [title[a:b] for a, b in sorted(pieces)]


def width(text: str) -> float:
    """Width in em: Han characters and full-width punctuation 1, ASCII (digits) about a half."""
    return sum(0.5 if ord(c) < 0x80 else 1.0 for c in text)


def break_title(title: str, per_line: float, names: Iterable[str] = ()) -> list[str]:
    """The title as lines of at most `per_line` em, broken between its parts (see the module doc)."""
    if width(title) <= per_line:
        return [title]
    parts = title_parts(title, names)
    major = _major_breaks(title, parts, names)
    for count in range(2, len(parts) + 1):
        best = None
        for cuts in combinations(range(1, len(parts)), count - 1):
            lines = ["".join(parts[a:b]) for a, b in zip((0, *cuts), (*cuts, len(parts)), strict=True)]
            sizes = [width(line) for line in lines]
            if max(sizes) > per_line:
                continue
            minor = sum(1 for cut in cuts if cut not in major)
            score = (minor, not _balanced(sizes), max(sizes) - min(sizes))
            if best is None or score < best[0]:
                best = (score, lines)
        if best is not None:
            return best[1]
    return parts  # a single piece longer than a line: WeasyPrint and Word wrap it


def _major_breaks(title: str, parts: list[str], names: Iterable[str]) -> set[int]:
    """Indexes into `parts` where a new title part (unit, period, topic, 文种) starts."""
    known = set(names)
    kinds = {p for p in parts if p in _DOCUMENT_KINDS}
    starts = set()
    for index in range(1, len(parts)):
        before, here = parts[index - 1], parts[index]
        if (here in known or before in known or _PERIOD.fullmatch(here) or _PERIOD.fullmatch(before)
                or (here in kinds and index == len(parts) - 1)):
            starts.add(index)
    return starts


def _balanced(sizes: list[float]) -> bool:
    """A trapezoid (no line longer than the one above) or, for three lines, a diamond."""
    if all(a >= b for a, b in zip(sizes, sizes[1:], strict=False)):
        return True
    return len(sizes) == 3 and sizes[1] >= sizes[0] and sizes[1] >= sizes[2]
