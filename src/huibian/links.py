"""Links, images and raw HTML in a report body: what would reach outside the project or be stripped."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from huibian import rules
from huibian.collection import Collection
from huibian.findings import Finding
from huibian.report import Report

_MARKDOWN_TARGET = re.compile(r"(!?)\[[^\]\n]*\]\([ \t]*<?([^)\s>]+)")
_HTML_TARGET = re.compile(
    r"""<(img|a|iframe|source|link|embed|object)\b[^>\n]*?\b(src|href|data)[ \t]*=[ \t]*["']?([^"'\s>]+)""", re.I
)
# (pattern, what it finds, a character every match contains: a body without it is not scanned)
_ACTIVE_HTML = (
    (re.compile(r"<\s*script\b", re.I), "<script> 脚本", "<"),
    (re.compile(r"<\s*(iframe|frame|object|embed|form)\b", re.I), "嵌入框架或表单", "<"),
    (re.compile(r"<[^>\n]*[ \t]on[a-z]+[ \t]*=", re.I), "事件属性（on…=）", "<"),
    (re.compile(r"javascript\s*:", re.I), "javascript: 链接", ":"),
)
_WINDOWS_PATH = re.compile(r"^[a-zA-Z]:[\\/]")


def _position(body: str, offset: int) -> tuple[int, int]:
    """(line offset, 1-based column) of a character offset in the body."""
    line_start = body.rfind("\n", 0, offset) + 1
    return body.count("\n", 0, line_start), offset - line_start + 1


def _targets(body: str) -> Iterator[tuple[int, int, bool, str]]:
    """(line offset, column, is_image, target) of every link and image in the body."""
    # Whole-body scans: most reports have no link at all, and per-line loops cost more than the regexes.
    if "[" in body:
        for match in _MARKDOWN_TARGET.finditer(body):
            yield *_position(body, match.start(2)), match.group(1) == "!", match.group(2)
    if "<" in body:
        for match in _HTML_TARGET.finditer(body):
            yield *_position(body, match.start(3)), match.group(1).lower() != "a", match.group(3)


def outside_problem(target: str, source: str) -> str | None:
    """Why `target`, referenced from the report at `source`, would leave the project; None if it stays."""
    lowered = target.lower()
    if lowered.startswith("file:"):
        return "file: 地址"
    if target.startswith(("/", "\\\\")) or _WINDOWS_PATH.match(target):
        return "绝对路径"
    if re.match(r"^[a-z][a-z0-9+.-]*:", lowered) or target.startswith("#"):
        return None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), target.split("#")[0].split("?")[0]))
    if resolved == ".." or resolved.startswith("../"):
        return "用 .. 跳出了项目目录"
    return None


def check_links(report: Report, collection: Collection) -> list[Finding]:
    """H001–H003 findings for one report."""
    findings = []
    for offset, col, is_image, target in _targets(report.body):
        line = report.body_line + offset
        what = "图片" if is_image else "链接"
        problem = outside_problem(target, report.source)
        if problem:
            findings.append(rules.LINK_OUTSIDE.finding(report.source, line, col, what=what, target=target, problem=problem))
        elif is_image and target.lower().startswith(("http:", "https:", "//")):
            findings.append(rules.REMOTE_IMAGE.finding(report.source, line, col, target=target))
    reported: set[tuple[int, str]] = set()
    for pattern, what, needed in _ACTIVE_HTML:
        if needed not in report.body:
            continue
        for match in pattern.finditer(report.body):
            offset, col = _position(report.body, match.start())
            if (offset, what) not in reported:  # once per line and kind, at its first place
                reported.add((offset, what))
                findings.append(rules.UNSAFE_HTML.finding(report.source, report.body_line + offset, col, what=what))
    findings.sort(key=lambda f: (f.line, f.col))
    return findings
