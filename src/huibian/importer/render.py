"""Blocks to Markdown: 一、 → ##, （一） → ###, run-in headings kept bold, text escaped."""

from __future__ import annotations

import re

import yaml

from huibian.importer.metadata import PLACEHOLDER
from huibian.importer.model import Block, Inferred
from huibian.structure import match_marker

_SENTENCE_END = re.compile(r"[。；！？]")
_HEADING_MAX = 60
# A heading separated from its paragraph by a space: "（一）注重思想引领，加强建设 一是加强理论武装。"
_SPACE_SPLIT = re.compile(r"^(\S{2,40}?)[ \u3000]+(?=\S)")
_INLINE_ESCAPE = re.compile(r"([\\`*_\[\]])")
_LIST_ITEM = re.compile(r"^(\d{1,2})([.．])[ \t]+")
_LINE_START = re.compile(r"^(#|>|\||[-+=](?=\s|$)|[-=]{2,}\s*$|\d+[.)](?=\s))")


def escape_inline(text: str) -> str:
    """Escape emphasis, links, code and HTML (not what only matters at the start of a line)."""
    text = _INLINE_ESCAPE.sub(r"\\\1", text)
    text = text.replace("&", "&amp;")  # always: a bold marker may split "&lt;" into "&l**t;"
    return text.replace("<", "&lt;")


# A cell of dashes (and colons) would make its row look like the table's separator row.
_RULE_CELL = re.compile(r"^[\s:]*-[\s:-]*$")


def escape_cell(text: str) -> str:
    """A table cell: inline escapes, "|" (which would end the cell) and a cell that reads as a rule."""
    text = escape_inline(text).replace("|", "\\|")
    return text.replace("-", "\\-", 1) if _RULE_CELL.match(text) else text


def escape(text: str) -> str:
    """Escape text so that Markdown shows it as written (no emphasis, links, HTML or code)."""
    text = escape_inline(text)
    # Python strips \x1c–\x1f and other exotic white space from line starts, so look past it.
    lead = len(text) - len(text.lstrip())
    head, text = text[:lead], text[lead:]
    m = _LINE_START.match(text)
    if m:
        first = m.group(0)
        if first[0].isdigit():
            digits = re.match(r"\d+", first)
            end = digits.end() if digits else 0
            text = text[:end] + "\\" + text[end:]
        else:
            text = "\\" + text
    return head + text


def render_block(block: Block) -> str:
    """The Markdown of one block (without surrounding blank lines)."""
    if block.markdown is not None:
        return block.markdown
    if block.kind == "heading":
        return "#" * (block.level + 1) + " " + escape(block.text)
    text = block.text
    marker = match_marker(text)
    if marker is None:
        return escape(text)
    level, _number, mark, _half = marker
    if level >= 3:
        # 1. items stay in their paragraph; "1. " would turn into a Markdown list, so drop the space.
        return escape(_LIST_ITEM.sub(r"\1\2", text))
    hashes = "#" * (level + 1)
    rest = text[len(mark) :]
    end = _SENTENCE_END.search(rest)
    if end is None or end.end() == len(rest):
        if len(text) <= _HEADING_MAX:
            split = _SPACE_SPLIT.match(rest)
            if split and len(rest) > split.end() and end is not None:
                return f"{hashes} {escape(mark + split.group(1))}\n\n{escape(rest[split.end():])}"
            return f"{hashes} {escape(text)}"
        return escape(text)
    head = rest[: end.start()]
    split = _SPACE_SPLIT.match(rest)
    if split and split.end() <= end.start() and not _SENTENCE_END.search(split.group(1)):
        # Unambiguous: the heading ends at a space and the paragraph follows.
        return f"{hashes} {escape(mark + split.group(1))}\n\n{escape(rest[split.end():])}"
    if len(head) > _HEADING_MAX:
        return escape(text)
    return bold_run_in(mark + rest[: end.end()], rest[end.end() :])


_TRAILING_PUNCT = re.compile(r"[。；！？：:，,\s]+$")


def bold_run_in(head: str, tail: str) -> str:
    """`**（一）加强组织领导**。局党组……`: the closing ** goes before the sentence's full stop.

    CommonMark only closes emphasis there (a ** between 。 and a Han character closes nothing),
    and the linter follows CommonMark.
    """
    m = _TRAILING_PUNCT.search(head)
    if m and m.start() > 0:
        head, tail = head[: m.start()], head[m.start() :] + tail
    return f"**{escape(head)}**{escape(tail)}"


def front_matter(meta: dict[str, Inferred], status: str = "draft") -> str:
    """YAML front matter; placeholders carry a comment saying what to fill in and why."""
    lines = ["---"]
    for key in ("title", "unit", "period", "kind", "date"):
        item = meta.get(key)
        if item is None:
            continue
        if item.value is None:
            if key == "title":
                lines.append(f'title: ""  # {PLACEHOLDER}：{item.evidence}')
            elif key == "date":
                lines.append(f"# date: YYYY-MM-DD  # {PLACEHOLDER}：{item.evidence}")
            else:
                lines.append(f"{key}: {PLACEHOLDER}  # {item.evidence}")
            continue
        dumped = yaml.safe_dump({key: item.value}, allow_unicode=True, width=1000).strip()
        lines.append(dumped)
    lines.append(f"status: {status}  # 导入的报告先作草稿，核对无误后改为 final")
    lines.append("---")
    return "\n".join(lines)


def render_report(meta: dict[str, Inferred], blocks: list[Block], title_notes: list[tuple[str, str]] | None = None,
                  ) -> str:
    """The report's Markdown: front matter, blocks, then the footnotes (the title's first)."""
    parts = [front_matter(meta), ""]
    footnotes: list[tuple[str, str]] = list(title_notes or [])
    previous_list = False
    for block in blocks:
        is_list = block.kind == "list"
        if parts and not (is_list and previous_list):
            parts.append("")
        parts.append(render_block(block))
        footnotes.extend(block.footnotes)
        previous_list = is_list
    if footnotes:
        parts.append("")
        for label, text in footnotes:
            parts.append(f"[^{label}]: {text}")
    text = "\n".join(parts).strip("\n") + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)
