"""Placeholders left over from report templates: `XX`, `X次`, `***`, `××`, `Ⅹ月Ⅹ日`, `20XX`, `（请结合实际添加）`.

`find_placeholders(line)` returns every placeholder on one line with its 1-based column, so the
linter can point at the exact spot and the importer can warn about it. Ordinary text is left
alone: Latin words containing `xx`, Markdown `*emphasis*`/`**bold**`, list bullets, `X光`, `3×4`,
and inline code, HTML, link targets, URLs and attribute lists.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

KIND_X = "x"
"""`XX`, `X次`, `××`, `Ｘ`, `Ⅹ`: a letter standing for a name or number."""
KIND_STARS = "stars"
"""`*`/`***` standing for a name or number."""
KIND_YEAR = "year"
"""`20XX`, `202_`."""
KIND_NOTE = "note"
"""An editorial note for the author, such as `（请结合实际添加）`."""


@dataclass(frozen=True)
class Placeholder:
    col: int
    """1-based column of the first character."""
    text: str
    kind: str


_CJK = r"\u3400-\u9fff"
# 20XX, 202X, 202_, 20__, 19XX — a four-character year with placeholder digits.
_YEAR = re.compile(r"(?<![0-9A-Za-z_])(?=[12][0-9Xx_＿Ｘ]{3}(?![0-9A-Za-z_＿Ｘ]))[12][0-9]{1,2}[Xx_＿Ｘ]{1,2}[0-9Xx_＿Ｘ]?")
# Two or more ASCII x's that are not part of a Latin word (`XX`, `xx`, `XXX局`).
_XX = re.compile(r"(?<![A-Za-z0-9])[Xx]{2,}(?![A-Za-z0-9])")
# One ASCII X before a Chinese character or % (`X次`, `X月X日`, `X%`), but not `X光`, `X射线`, `X轴`.
_X_CJK = re.compile(rf"(?<![A-Za-z0-9])[Xx](?=[ \u3000]?[{_CJK}]|[%％])")
_X_REAL = ("光", "射线", "线", "轴", "型", "染色体", "战警")
# Full-width Ｘ/ｘ and the Roman-numeral look-alikes Ⅹ (U+2169) / ⅹ (U+2179), outside a word of their kind.
# A run may mix in ASCII X's: `ⅩX市`, `《XⅩ日报》` are one placeholder each.
_WIDE_X = re.compile(r"(?<![Ａ-Ｚａ-ｚⅠ-ⅿA-Za-z0-9])[XxＸｘⅩⅹ]*[ＸｘⅩⅹ][XxＸｘⅩⅹ]*(?![Ａ-Ｚａ-ｚⅠ-ⅿA-Za-z0-9])")
# ×: a run of two or more, or a single one not used as a multiplication/dimension sign.
_TIMES = re.compile(r"×+")
_NOTE = re.compile(
    r"[（(【\[]"
    r"[^（()）【】\[\]\n]{0,30}?"
    r"(?:请|此处|根据实际|结合实际|酌情|视情况|自行|按实际|可根据|可结合)"
    r"[^（()）【】\[\]\n]{0,30}?"
    r"(?:添加|填写|补充|修改|删减|删除|完善|替换|填入|增减|调整|撰写|列举|选用|选择|细化|充实)"
    r"[^（()）【】\[\]\n]{0,20}?"
    r"[）)】\]]"
)
# Every placeholder contains one of these characters: lines without any are skipped quickly.
_CANDIDATE = re.compile(r"[Xx×ＸｘⅩⅹ*_＿（(【\[]")
_YEAR_LETTER = re.compile(r"[Xx_＿Ｘ]")
_WIDE_LETTER = re.compile(r"[ＸｘⅩⅹ]")
# Spans where placeholders are not looked for: inline code, HTML comments and tags, link targets, URLs,
# attribute lists.
_MASK = re.compile(r"`[^`\n]+`|<!--.*?-->|</?[A-Za-z][^<>\n]*>|\]\([^)\s]*\)|https?://[^\s)）]+|\{:[^}]*\}")
# Every masked span contains one of these characters (a URL starts with "h").
_MASKABLE = re.compile(r"[`<\]{h]")
_STAR_RUN = re.compile(r"(?<!\\)\*+")
_BULLET = re.compile(r"^[ \t\u3000]*(?:>[ \t]*)*\*[ \t]")
_RULE_LINE = re.compile(r"^[ \t]*(?:\*[ \t]*){3,}$")


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _is_punct(ch: str) -> bool:
    return ch != "" and unicodedata.category(ch)[0] in "PS"


def _emphasis_runs(line: str) -> list[tuple[int, int, bool]]:
    """Runs of `*` as (start, end, matched) following CommonMark's flanking rules on one line."""
    runs = []
    for m in _STAR_RUN.finditer(line):
        before = line[m.start() - 1] if m.start() else ""
        after = line[m.end()] if m.end() < len(line) else ""
        left = not _is_space(after) and (not _is_punct(after) or _is_space(before) or _is_punct(before))
        right = not _is_space(before) and (not _is_punct(before) or _is_space(after) or _is_punct(after))
        runs.append([m.start(), m.end(), left, right, False])
    openers: list[int] = []
    for index, run in enumerate(runs):
        if run[3] and openers:
            opener = openers.pop()
            runs[opener][4] = True
            run[4] = True
            continue
        if run[2]:
            openers.append(index)
    return [(int(r[0]), int(r[1]), bool(r[4])) for r in runs]


def find_placeholders(line: str) -> list[Placeholder]:
    """Every placeholder on `line`, left to right, without overlaps; none inside code, HTML, link targets or URLs."""
    if not _CANDIDATE.search(line):
        return []
    if _MASKABLE.search(line):
        line = _MASK.sub(lambda m: " " * len(m.group(0)), line)
    found: list[tuple[int, int, str]] = []
    taken = bytearray(len(line))  # 1 where a placeholder was already found: no overlaps

    def add(start: int, end: int, kind: str) -> None:
        if any(taken[start:end]):
            return
        taken[start:end] = b"\x01" * (end - start)
        found.append((start, end, kind))

    if "（" in line or "(" in line or "【" in line or "[" in line:
        for m in _NOTE.finditer(line):
            add(m.start(), m.end(), KIND_NOTE)
    # The lookbehinds make _YEAR and _WIDE_X slow to scan a line: look for the letters they need first.
    if _YEAR_LETTER.search(line):
        for m in _YEAR.finditer(line):
            if any(ch in "Xx_＿Ｘ" for ch in m.group(0)):
                add(m.start(), m.end(), KIND_YEAR)
    if _WIDE_LETTER.search(line):
        for m in _WIDE_X.finditer(line):
            add(m.start(), m.end(), KIND_X)
    if "X" in line or "x" in line:
        for m in _XX.finditer(line):
            add(m.start(), m.end(), KIND_X)
        for m in _X_CJK.finditer(line):
            rest = line[m.end() :].lstrip(" \u3000")
            if not rest.startswith(_X_REAL):
                add(m.start(), m.end(), KIND_X)
    if "×" in line:
        for m in _TIMES.finditer(line):
            before = line[: m.start()].rstrip(" ")[-1:]
            after = line[m.end() :].lstrip(" ")[:1]
            sign = len(m.group(0)) == 1 and (before.isdigit() or after.isdigit() or before.isascii() and before.isalpha())
            if not sign:
                add(m.start(), m.end(), KIND_X)
    if "*" in line and not _RULE_LINE.match(line):
        bullet = _BULLET.match(line)
        for start, end, matched in _emphasis_runs(line):
            if matched or (bullet and start == bullet.end() - 2):
                continue
            add(start, end, KIND_STARS)
    found.sort()
    return [Placeholder(start + 1, line[start:end], kind) for start, end, kind in found]
