"""Removing junk blocks: the shared junk patterns, collection.yml patterns, and import-only rules.

Every removal is returned with its line and a Chinese reason; nothing is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from huibian.importer.metadata import DOCUMENT_WORDS
from huibian.importer.model import Block, ImportProblem, Removal
from huibian.junk import CHUNK_MARKER, Junk, classify_junk
from huibian.structure import match_marker

# Import-only patterns (the linter never sees these in a finished report).
_BREADCRUMB = re.compile(
    r"^(?:当前位置|您的位置|您现在的位置|所在位置)\s*[:：]|^(?:网站)?首页\s*[>›»/＞]"
    r"|^(?:[^>›»＞。，；]{1,12}\s*[>›»＞]\s*){2,}[^>›»＞。，；]{0,30}$"
)
_MARKUP_ONLY = re.compile(r"^[>＞#\s\u3000]+$")
_TOC_HEADER = re.compile(r"^目\s*录$")
_TOC_LEADER = re.compile(r"^.{2,80}?(?:[.．。·…\-—_]\s*){4,}\s*[0-9０-９]{1,3}$")
_TOC_PAGE = re.compile(r"[\s.．。·…\-—_]*[0-9０-９]{1,3}$")
_SENTENCE_PUNCT = re.compile(r"[。！？；]")
_BRAND_MAX = 12
_BRANDED = ("J001", "J005", "J006")
_SANDWICH_MAX = 40


class JunkRule:
    """A pattern from `collection.yml` (`import: junk: [...]`) with its reason."""

    def __init__(self, pattern: re.Pattern[str], reason: str) -> None:
        self.pattern = pattern
        self.reason = reason


def collection_rules(settings: dict[str, Any], path: str) -> list[JunkRule]:
    """Read `import: junk:` from collection.yml: a list of regexes or of {pattern, reason}."""
    section = settings.get("import") or {}
    if not isinstance(section, dict):
        raise ImportProblem(f"{path}：import 应为“字段: 值”的映射，例如 import: {{junk: [...]}}", code="config")
    raw = section.get("junk") or []
    if not isinstance(raw, list):
        raise ImportProblem(f"{path}：import.junk 应为列表（每项一个正则表达式）", code="config")
    rules = []
    for index, item in enumerate(raw):
        if isinstance(item, dict):
            pattern, reason = item.get("pattern"), str(item.get("reason") or "collection.yml 中的导入规则")
        else:
            pattern, reason = item, "collection.yml 中的导入规则"
        if not isinstance(pattern, str) or not pattern:
            raise ImportProblem(f"{path}：import.junk[{index}] 缺少 pattern（正则表达式）", code="config")
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise ImportProblem(
                f"{path}：import.junk[{index}] 的正则表达式“{pattern}”写得不对"
                f"{f'（第 {exc.pos + 1} 个字符附近）' if exc.pos is not None else ''}，请检查括号、方括号和转义",
                code="config",
            ) from None
        rules.append(JunkRule(compiled, f"{reason}（{pattern}）"))
    return rules


def _classify(block: Block, rules: list[JunkRule]) -> Junk | str | None:
    """Why the block is junk: a `Junk` from the shared classifier, a reason, or None."""
    if block.kind not in ("para", "title"):
        return None
    text = block.text
    for rule in rules:
        if rule.pattern.search(text):
            return rule.reason
    junk = classify_junk(text)
    if junk:
        return junk
    if _MARKUP_ONLY.match(text):
        return "只剩“#”或“>”的网页残留行"
    if _BREADCRUMB.match(text):
        return "网页导航（面包屑）"
    return None


@dataclass
class Filtered:
    """The outcome of junk removal: kept blocks, removals, and junk kept because it may be real text."""

    kept: list[Block]
    removals: list[Removal]
    doubtful: list[Removal] = field(default_factory=list)


def remove_junk(blocks: list[Block], rules: list[JunkRule]) -> Filtered:
    """Split blocks into kept ones and removals (in source order); strip junk glued to real text."""
    blocks = list(blocks)
    reasons: list[str | None] = []
    cut: list[Removal] = []
    doubtful: list[Removal] = []
    kept_as_doubtful: list[int] = []
    ads: list[str] = []  # lines of the kinds that carry a site's name (watermarks, ads, contacts, banners)
    for index, block in enumerate(blocks):
        found = _classify(block, rules)
        if isinstance(found, Junk) and found.certain and found.kind.code in _BRANDED:
            ads.append(block.text)
        if isinstance(found, Junk) and not found.certain:
            doubtful.append(Removal(block.line, block.text, found.reason))
            kept_as_doubtful.append(index)
            found = None
        elif isinstance(found, Junk) and found.partial and block.markdown is not None:
            found = None  # a Word paragraph's rendered runs cannot be cut here: kept, and `check` flags it
        while isinstance(found, Junk) and found.partial and block.markdown is None:
            # Junk glued to real text (a chunk number in front, a random string behind): cut, look again.
            rest = (block.text[: found.start] + block.text[found.start + len(found.text) :]).strip()
            cut.append(Removal(block.line, found.text, found.reason))
            block = blocks[index] = replace(block, text=rest)
            found = _classify(block, rules)
            if isinstance(found, Junk) and not (found.certain and found.partial):
                found = None  # what is left is text the line was kept for
        reasons.append(found.reason if isinstance(found, Junk) else found)
    _mark_chunk_numbers(blocks, reasons, cut)
    # A short line naming the site whose watermark lines carry the same name ("酷乐文行").
    for index, block in enumerate(blocks):
        brand_like = (
            reasons[index] is None and block.kind == "para" and len(block.text) <= _BRAND_MAX
            and not _SENTENCE_PUNCT.search(block.text) and not match_marker(block.text)
        )
        if brand_like and any(block.text in other and block.text != other for other in ads):
            reasons[index] = "网站名（与水印、广告行同出一处）"
    # One or two short lines sandwiched between ad lines belong to the ad.
    index = 0
    while index < len(blocks):
        if reasons[index] is None:
            end = index
            while end < len(blocks) and reasons[end] is None and end - index < 3:
                end += 1
            run = blocks[index:end]
            bounded = index > 0 and end < len(blocks) and reasons[index - 1] and reasons[end]
            if bounded and len(run) <= 2 and all(_ad_like(b) for b in run):
                for position in range(index, end):
                    reasons[position] = "夹在广告行之间的广告"
            index = end
        else:
            index += 1
    _mark_table_of_contents(blocks, reasons)
    for index in kept_as_doubtful:  # listed for the author to check: whatever a context rule says, kept
        reasons[index] = None
    kept = [b for b, r in zip(blocks, reasons, strict=True) if r is None]
    removed = [Removal(b.line, b.text, r) for b, r in zip(blocks, reasons, strict=True) if r]
    return Filtered(kept, sorted(removed + cut, key=lambda r: r.line), doubtful)


def _ad_like(block: Block) -> bool:
    text = block.text
    return (
        block.kind == "para" and len(text) <= _SANDWICH_MAX and not _SENTENCE_PUNCT.search(text)
        and not match_marker(text) and not DOCUMENT_WORDS.search(text)
    )


def _mark_table_of_contents(blocks: list[Block], reasons: list[str | None]) -> None:
    """A 目录 at the top: its header, dot-leader lines, and the headings it lists (with or without
    page numbers) before the body repeats them — never taken for the report's structure."""
    live = [i for i, r in enumerate(reasons) if r is None]
    for i in live[:12]:
        text = blocks[i].text
        if _TOC_HEADER.match(text.replace(" ", "").replace("\u3000", "")) or _TOC_LEADER.match(text):
            reasons[i] = "目录"
    live = [i for i, r in enumerate(reasons) if r is None]
    # Bare headings in a row before any paragraph, each repeated later: a contents list.
    run: list[int] = []
    lead = 0
    for i in live:
        marker = match_marker(blocks[i].text)
        if not run and not marker and lead < 3 and not _SENTENCE_PUNCT.search(blocks[i].text):
            lead += 1  # the title and subtitle lines above a contents list
            continue
        if marker and not _SENTENCE_PUNCT.search(blocks[i].text):
            run.append(i)
            continue
        break
    if len(run) < 2:
        return
    later = [blocks[i].text for i in live if i > run[-1]]
    entries = [_TOC_PAGE.sub("", blocks[i].text) for i in run]
    if all(any(text.startswith(entry) for text in later) for entry in entries):
        for i in run:
            reasons[i] = "目录（与正文标题重复）"


_NUMBERED = re.compile(r"^([0-9]{1,3})、")


def _mark_chunk_numbers(blocks: list[Block], reasons: list[str | None], cut: list[Removal]) -> None:
    """Strip a document viewer's chunk numbers (1、 2、 … at line starts) that are no real list.

    They count on without restarting across the report's 一、 sections (a real list starts again
    at 1、 under each heading), or they stand in front of a heading (already cut by the classifier).
    """
    seen = {r.line: n for r in cut if r.reason == CHUNK_MARKER.reason and (n := _marker_number(r.text)) is not None}
    numbered: list[tuple[int, int]] = []  # (block index, number)
    for i, block in enumerate(blocks):
        mark = _NUMBERED.match(block.text) if reasons[i] is None and block.kind == "para" else None
        if mark:
            numbered.append((i, int(mark.group(1))))
        elif block.line in seen:
            numbered.append((i, seen[block.line]))
        elif reasons[i] == CHUNK_MARKER.reason and (number := _marker_number(block.text)) is not None:
            numbered.append((i, number))
    numbers = [n for _i, n in numbered]
    if len(numbers) < 3 or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return
    first, last = numbered[0][0], numbered[-1][0]
    crossed = any(
        reasons[i] is None and (m := match_marker(blocks[i].text)) is not None and m[0] == 1
        for i in range(first + 1, last)
    )
    if not (crossed or seen):
        return
    for i, _number in numbered:
        block = blocks[i]
        mark = _NUMBERED.match(block.text)
        if block.line in seen or mark is None or reasons[i] is not None:
            continue
        cut.append(Removal(block.line, mark.group(0), CHUNK_MARKER.reason))
        blocks[i] = replace(block, text=block.text[mark.end() :].strip())


def _marker_number(marker: str) -> int | None:
    """The number of a chunk marker (“3、”, “3.” with whatever control characters stuck to it)."""
    found = re.search(r"\d+", marker)
    return int(found.group()) if found else None
