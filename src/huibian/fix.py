"""`huibian check --fix`: safe, mechanical fixes only, and a list of what changed.

Fixed (in the report body, outside fenced code):

- half-width numbering markers at the start of a heading: `(一)` → `（一）`, `(1)` → `（1）` (N006);
- full-width spaces used as indentation at the start of a line (J004);
- a leading `>` left over from copying a web page (J002);
- `####` artefacts: an empty heading line is emptied, hashes glued to text are removed (J003).

Nothing else is touched: front matter, wording, placeholders and junk lines stay as they are,
because only the author can tell what they should say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from huibian.structure import match_marker, outside_code

_FRONT = re.compile(r"^(?:---)[ \t]*$")
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_INDENT = re.compile(r"^([ \t]*)\u3000+")
_EMPTY_HASHES = re.compile(r"^#{1,6}[ \t]*$")
_GLUED_HASHES = re.compile(r"^#{1,6}(?=[^#\s])")
_MD_PREFIX = re.compile(r"^ {0,3}#{1,6}[ \t]+")
_EMPH = re.compile(r"^(?:\*{1,3}|_{2})")


@dataclass(frozen=True)
class Change:
    line: int
    description: str


def fix_text(text: str) -> tuple[str, list[Change]]:
    """Apply the safe fixes to a report's text; return the new text and the changes (file lines)."""
    lines = text.split("\n")
    changes: list[Change] = []
    start = 0
    if lines and _FRONT.match(lines[0].lstrip("\ufeff").rstrip("\r")):
        end = next((i for i in range(1, len(lines)) if _FRONT.match(lines[i].rstrip("\r"))), None)
        if end is None:
            return text, []
        start = end + 1
    for index in outside_code(lines, start):
        raw = lines[index]
        cr = "\r" if raw.endswith("\r") else ""
        line = raw[: len(raw) - len(cr)]
        fixed, notes = fix_line(line)
        if notes:
            lines[index] = fixed + cr
            changes.extend(Change(index + 1, note) for note in notes)
    return "\n".join(lines), changes


def fix_line(line: str) -> tuple[str, list[str]]:
    """Fix one body line; return it and Chinese notes on what changed."""
    notes: list[str] = []
    quote = _QUOTE.match(line)
    if quote:
        line = line[quote.end() :]
        notes.append("删除行首的“>”")
    if _EMPTY_HASHES.match(line):
        notes.append(f"删除空标题“{line.strip()}”")
        return "", notes
    glued = _GLUED_HASHES.match(line)
    if glued:
        line = line[glued.end() :]
        notes.append(f"删除行首多余的“{glued.group(0)}”")
    indent = _INDENT.match(line)
    if indent:
        count = indent.end() - indent.end(1)
        line = indent.group(1) + line[indent.end() :]
        notes.append(f"删除行首的 {count} 个全角空格")
    prefix = _MD_PREFIX.match(line)
    offset = prefix.end() if prefix else len(line) - len(line.lstrip(" \t"))
    emph = _EMPH.match(line[offset:])
    offset += emph.end() if emph else 0
    marker = match_marker(line[offset:])
    if marker and marker[3]:
        old = marker[2]
        new = old.replace("(", "（").replace(")", "）")
        line = line[:offset] + new + line[offset + len(old) :]
        notes.append(f"把“{old}”改为“{new}”")
    return line, notes


def fix_file(path: Path) -> list[Change]:
    """Fix one report file in place (UTF-8 only; BOM and line endings kept). Returns the changes."""
    data = path.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data[3 if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError:
        return []
    fixed, changes = fix_text(text)
    if changes and fixed != text:
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + fixed.encode("utf-8"))
    return changes
