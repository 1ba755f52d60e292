"""Inferring title, unit, period, kind and date from a report's text, with the evidence.

Nothing is guessed silently: every value says where it came from, and what cannot be found
becomes a placeholder that `huibian check` reports.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from huibian.collection import Collection
from huibian.importer.model import Block, Inferred, Removal
from huibian.periods import parse_period
from huibian.structure import match_marker

PLACEHOLDER = "待填写"
"""Written where a metadata value could not be found (the front matter and the import log)."""

_SENTENCE_PUNCT = re.compile(r"[。！？；，：:]$|[。！？；]")
_CLAUSE_PUNCT = re.compile(r"[，,；;]")
DOCUMENT_WORDS = re.compile(r"汇报|报告|总结|材料|述职|计划|要点|方案|[彙匯]報|報告|總結|述職|計劃|要點")
"""Words that name a kind of document (文种) in a title, Traditional forms too: the importer's one list."""
_TITLE_WORDS = re.compile(rf"{DOCUMENT_WORDS.pattern}|情况|情況")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PERIOD_IN_TITLE = re.compile(
    r"((?:19|20)\d{2})\s*年\s*(?:(上半年)|(下半年)|第?([一二三四1-4])季度|(\d{1,2})\s*月份?(?!\d{0,2}日)|度)?"
)
_PERIOD_IN_TEXT = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:(上半年)|(下半年)|第([一二三四1-4])季度|度)?(?!\s*\d{1,2}\s*月)")
DATE_LINE = re.compile(
    r"^(?P<before>.{0,40}?)\s*(?P<y>(?:19|20)\d{2}|[〇○零Ｏ一二三四五六七八九]{4})\s*年"
    r"\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$"
)


_SPACE_IN_WORD = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000\u00a0]+(?=[\u4e00-\u9fff])")
_TITLE_LABEL = re.compile(r"^(?:文章标题|文档标题|标题|题目|标\s*题)\s*[:：]\s*")
_TITLE_SUFFIX = re.compile(
    r"(?:\s*[\[【［](?:打印本页|打印|关闭窗口|关闭|收藏本页|收藏)[\]】］]"
    r"|\s*[|｜_]\s*[^|｜_]{1,30}"
    r"|\s*[-—]{1,2}\s*[^-—\s]{1,20}(?:网|文库|范文|平台|之家)"
    r"|\s*[（(](?:精编|精选|范文|通用|优选|[0-9一二三四五六七八九十]+篇)[）)]"
    r"|(?:精编|精选|范文|优选|通用|汇总|合集|大全|[0-9一二三四五六七八九十]+篇))$"
)
_TITLE_LINES = 6


def despace(text: str) -> str:
    """Text without the spaces set between Chinese characters (`报  告` → `报告`)."""
    return _SPACE_IN_WORD.sub("", text)


def strip_title_decorations(blocks: list[Block]) -> tuple[list[Block], list[Removal]]:
    """Take labels (`标题：`) and web-site suffixes (`[打印本页]`, `|某某范文网`, `精编`) off the
    title line, so that neither is taken into the title nor makes the junk filter drop it."""
    out = list(blocks)
    removed: list[Removal] = []
    for index, block in enumerate(blocks[:_TITLE_LINES]):
        if block.kind not in ("para", "title") or block.markdown is not None:
            continue
        text, pieces = block.text, []
        label = _TITLE_LABEL.match(text)
        if label:
            pieces.append((label.group(0), "标题前的标签"))
            text = text[label.end() :]
        while (suffix := _TITLE_SUFFIX.search(text)) and suffix.start() > 0:
            pieces.append((suffix.group(0), "网页附在标题后的文字"))
            text = text[: suffix.start()]
        if pieces and is_title(replace(block, text=text, kind="para")):
            out[index] = replace(block, text=text)
            removed += [Removal(block.line, piece.strip(), reason) for piece, reason in pieces]
            break
    return out, removed


def is_title(block: Block) -> bool:
    """A title line: short, no sentence punctuation, no section number, names a kind of document."""
    if block.kind == "title":
        return True
    text = despace(block.text)
    return (
        block.kind == "para" and 6 <= len(text) <= 60 and not _SENTENCE_PUNCT.search(text)
        and not _CLAUSE_PUNCT.search(text) and not text.endswith(("如下", "如下："))
        and match_marker(text) is None and bool(_TITLE_WORDS.search(text)) and not DATE_LINE.match(text)
    )


def find_title(blocks: list[Block]) -> int | None:
    """Index of the title block: among the blocks before the first paragraph or heading."""
    for index, block in enumerate(blocks[:4]):
        if is_title(block):
            return index
        if block.kind in ("heading", "table") or match_marker(block.text) or len(block.text) > 80:
            return None
    return None


def _period_code(match: re.Match[str]) -> str:
    year = match.group(1)
    if match.group(2):
        return f"{year}-H1"
    if match.group(3):
        return f"{year}-H2"
    if match.group(4):
        return f"{year}-Q{_QUARTER[match.group(4)]}"
    groups = match.groups()
    if len(groups) >= 5 and groups[4]:
        month = int(groups[4])
        return f"{year}-{month:02d}" if 1 <= month <= 12 else year
    return year


def infer_period(title: str | None, opening: str | None) -> Inferred:
    if title:
        m = _PERIOD_IN_TITLE.search(title)
        if m and parse_period(_period_code(m)):
            return Inferred(_period_code(m), f"标题中的“{m.group(0)}”")
    if opening:
        m = _PERIOD_IN_TEXT.search(opening)
        if m and parse_period(_period_code(m)):
            return Inferred(_period_code(m), f"开头一段中的“{m.group(0)}”")
    return Inferred(None, "标题和开头一段都没有写明期间（如“2024年上半年”）")


def infer_unit(collection: Collection | None, title: str | None, closing: list[str], opening: str | None) -> Inferred:
    if collection is None:
        return Inferred(None, "没有 collection.yml，无法对照单位")
    names: list[tuple[str, str]] = []
    for unit in collection.units.values():
        names.append((unit.name, unit.id))
        if unit.short and unit.short != unit.name:
            names.append((unit.short, unit.id))
    names.sort(key=lambda item: -len(item[0]))
    for where, texts in (("标题", [title or ""]), ("落款", closing), ("开头一段", [opening or ""])):
        for text in texts:
            for name, uid in names:
                if name and name in text:
                    return Inferred(uid, f"{where}中的“{name}”")
    return Inferred(None, "标题、落款和开头一段都没有 collection.yml 中的单位全称或简称")


_OTHER_GENRE = re.compile(
    r"(工作要点|要点|工作计划|计划|实施方案|工作方案|方案|工作安排|安排|通知|意见|讲话稿|讲话|发言稿|发言|决定|办法|规定|纪要|简报)$"
)


def other_genre(title: str | None) -> str | None:
    """The 文种 at the end of a title that is not a report (工作要点, 计划, 方案, 通知…), or None."""
    m = _OTHER_GENRE.search(despace(title or ""))
    return m.group(1) if m else None


def infer_kind(collection: Collection | None, title: str | None, opening: str | None) -> Inferred:
    """The kind of report named in the title or opening; never a report kind for a 要点 or 计划."""
    found = _named_kind(collection, title, opening)
    genre = other_genre(title)
    if found.value is not None and genre and collection is not None:
        kind = collection.kinds[found.value]
        if genre not in f"{kind.title or ''}{kind.name or ''}":
            return Inferred(None, f"标题的文种是“{genre}”，不是报告，没有归入“{kind.name}”；请确认后填写类别")
    return found


def _named_kind(collection: Collection | None, title: str | None, opening: str | None) -> Inferred:
    if collection is None:
        return Inferred(None, "没有 collection.yml，无法对照报告类别")
    for where, text in (("标题", title or ""), ("开头一段", opening or "")):
        found: list[tuple[int, str, str]] = []
        for kind in collection.kinds.values():
            for name in (kind.title, kind.name):
                if name and name in text:
                    found.append((len(name), kind.id, name))
                    break
        if found:
            found.sort(reverse=True)
            ids = {kid for length, kid, _name in found if length == found[0][0]}
            if len(ids) == 1:
                return Inferred(found[0][1], f"{where}中的“{found[0][2]}”")
            return Inferred(None, f"{where}同时符合多个类别（{'、'.join(sorted(ids))}），请选择")
    return Inferred(None, "标题和开头一段都没有 collection.yml 中的类别名称")


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 4:  # 二〇二四
        return int("".join(str(_CN_DIGITS.get(ch, 0)) for ch in text))
    value = 0
    if "十" in text:
        tens, _, units = text.partition("十")
        value = (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)
        return value
    return _CN_DIGITS.get(text, 0)


def infer_date(blocks: list[Block], word: str) -> Inferred:
    """The date of the closing 落款: a line at the end that is only a date (after the unit name).

    A date inside a sentence, or a website's byline or upload time (removed as junk before this
    runs), is never taken. `word` names the place: 行 (text files) or 段 (Word paragraphs).
    """
    for block in reversed(blocks[-4:]):
        m = DATE_LINE.match(block.text)
        if not m or _SENTENCE_PUNCT.search(m.group("before")):
            continue
        try:
            found = date(_number(m.group("y")), _number(m.group("m")), _number(m.group("d")))
        except ValueError:
            return Inferred(None, f"落款日期“{block.text}”不是有效日期")
        return Inferred(found.isoformat(), f"落款“{block.text}”（第 {block.line} {word}）")
    return Inferred(None, "结尾没有落款日期")


def closing_lines(blocks: list[Block]) -> list[str]:
    """The short lines at the end (the 落款: unit name and date)."""
    lines = []
    for block in reversed(blocks[-3:]):
        if len(block.text) <= 40 and not _SENTENCE_PUNCT.search(block.text):
            lines.append(block.text)
        else:
            break
    return lines
