"""Report bodies Python-Markdown cannot convert: too deep for its recursion, or quadratic in its links.

Python-Markdown recurses once per level of nested blocks (lists, quotes, admonitions, details,
HTML elements inside `markdown="1"`) and of nested emphasis, and stops with a RecursionError a
few hundred levels down. Its link and image patterns scan from every `[` to its matching `]`,
or to the end of the paragraph when there is none: a paragraph of many unpaired `[` costs time
quadratic in its length (a 32 KB line took 95 s). `body_problem` finds both before conversion, so
such a report is a finding with its line (F005, F007) and never reaches the converter.
Limits and measurements: docs/security.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from huibian import rules
from huibian.findings import Finding

MAX_NESTING = 12
"""Levels of lists, quotes, admonitions and details."""
MAX_HTML_NESTING = 32
"""Levels of HTML elements inside an element with a `markdown` attribute."""
MAX_EMPHASIS = 100
"""Emphasis delimiters (`*`, `_`) open at once."""
MAX_BRACKET_WORK = 400_000
"""Characters the link patterns scan, summed over every `[` of a paragraph (at most about 1 s to convert)."""

# Each level needs at least one prefix character ('>', a tab or four spaces): only lines with a long
# prefix can be too deep, and a regex finds those without visiting every line in Python.
_DEEP_CANDIDATE = re.compile(rf"^[ \t>]{{{MAX_NESTING - 1},}}.*$", re.M)
_OPENER = re.compile(r"(?:[-*+]|\d+[.)])[ \t]|(?:!!!|\?\?\?\+?)[ \t]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_DELIMITERS = re.compile(r"[*_]+")
_BRACKET = re.compile(r"[\[\]]")


def body_problem(body: str, first_line: int, source: str) -> Finding | None:
    """The first construct of `body` Python-Markdown cannot convert (F005, F007), or None.

    `first_line` is the file line of the body's first line.
    """
    for problem in (_block_nesting, _html_nesting, _emphasis_nesting, _bracket_work):
        found = problem(body)
        if found is not None:
            offset, rule, values = found
            return rule.finding(source, first_line + body.count("\n", 0, offset), 1, None, **values)
    return None


_Found = tuple[int, rules.Rule, dict[str, object]]


def _block_nesting(body: str) -> _Found | None:
    """Lists, quotes, admonitions (`!!!`) and details (`???`): one level per `>` or per four columns of indent."""
    # A long prefix holds a ">" or a tab, or else is all spaces; most bodies have none of these.
    if ">" not in body and "\t" not in body and " " * (MAX_NESTING - 1) not in body:
        return None
    for match in _DEEP_CANDIDATE.finditer(body):
        line = match.group(0)
        prefix = line[: len(line) - len(line.lstrip(" \t>"))]
        depth = prefix.count(">")
        rest = line[len(prefix.rstrip(" \t")) :] if depth else line
        indent = len(rest) - len(rest.lstrip(" \t"))
        if _OPENER.match(rest.lstrip(" \t")):
            depth += len(rest[:indent].expandtabs(4)) // 4 + 1
        if depth > MAX_NESTING:
            return match.start(), rules.TOO_DEEP, {"what": "列表、引用、提示框或折叠块", "depth": depth,
                                                   "limit": MAX_NESTING}
    return None


def _html_nesting(body: str) -> _Found | None:
    """HTML elements nested inside an element with `markdown="1"` (md_in_html converts each level)."""
    if "markdown" not in body or "<" not in body:
        return None
    stack: list[tuple[str, bool]] = []  # (tag, inside an element with a markdown attribute)
    depth = 0
    for match in _TAG.finditer(body):
        closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == name:
                    depth -= sum(inside for _, inside in stack[index:])
                    del stack[index:]
                    break
            continue
        if name in _VOID or attributes.rstrip().endswith("/"):
            continue
        inside = "markdown" in attributes or bool(stack and stack[-1][1])
        stack.append((name, inside))
        depth += inside
        if depth > MAX_HTML_NESTING:
            return match.start(), rules.TOO_DEEP, {"what": "带 markdown 属性的 HTML 元素", "depth": depth,
                                                   "limit": MAX_HTML_NESTING}
    return None


def _paragraphs(body: str, needle: str, enough: int) -> Iterator[tuple[int, str]]:
    """(offset, text) of the paragraphs holding more than `enough` of the characters in `needle`."""
    if sum(body.count(c) for c in needle) <= enough:
        return
    start = 0
    for end in [m.start() for m in _PARAGRAPH_BREAK.finditer(body)] + [len(body)]:
        text = body[start:end]
        if sum(text.count(c) for c in needle) > enough:
            yield start, text
        start = end


def _emphasis_nesting(body: str) -> _Found | None:
    """Emphasis opened inside emphasis (`*a *a *a … a* a* a*`): Python-Markdown recurses per level."""
    for start, text in _paragraphs(body, "*_", MAX_EMPHASIS):
        open_count = 0
        for run in _DELIMITERS.finditer(text):
            before = text[run.start() - 1] if run.start() else " "
            after = text[run.end()] if run.end() < len(text) else " "
            opens, closes = not after.isspace(), not before.isspace()
            if run.group()[0] == "_" and before.isalnum() and after.isalnum():
                continue  # intraword underscores are not emphasis
            if opens and not (closes and open_count):
                open_count += len(run.group())
            elif closes:
                open_count = max(0, open_count - len(run.group()))
            if open_count > MAX_EMPHASIS:
                return start + run.start(), rules.TOO_DEEP, {"what": "强调符号（* 或 _）", "depth": open_count,
                                                             "limit": MAX_EMPHASIS}
    return None


def _bracket_work(body: str) -> _Found | None:
    """The characters the link patterns scan: from each `[` to its `]`, or to the paragraph's end."""
    if body.count("[") * len(body) <= MAX_BRACKET_WORK:
        return None
    for start, text in _paragraphs(body, "[", 0):
        if text.count("[") * len(text) <= MAX_BRACKET_WORK:
            continue
        opened: list[int] = []
        work = 0
        for bracket in _BRACKET.finditer(text):
            if bracket.group() == "[":
                opened.append(bracket.start())
            elif opened:
                work += bracket.start() - opened.pop()
        unpaired = len(opened)
        work += sum(len(text) - at for at in opened)
        if work > MAX_BRACKET_WORK:
            first = opened[0] if opened else text.index("[")
            return start + first, rules.UNBOUNDED_MARKDOWN, {"count": text.count("["), "unpaired": unpaired,
                                                             "length": len(text)}
    return None
