"""The nothing-lost check: every piece of source text is in an output report or in the removal log.

The check reads the finished Markdown back (front matter title, body without Markdown syntax)
and looks for each source line, in order, after normalising both sides: Unicode compatibility
folding (full-width and half-width punctuation become the same), no whitespace, and no '#', '>'
or '|' (Markdown syntax that the importer adds or strips as copy-paste artefacts).

The source pieces never come from the reader under test: for text files they are the decoded
lines, for Word files the independent inventory of the package (docx_inventory.py), which also
lists every picture, so a picture the reader skipped is caught too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from huibian import safeyaml
from huibian.importer.docx_inventory import Picture
from huibian.importer.model import Removal, SourceUnit

_IGNORED = re.compile(r"[\s#>|\u200b\u200c\u200d\u2060\ufeff]+")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]:?")
_TABLE_RULE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
"""The separator row of a table the importer wrote (its tables always start with "|")."""
_LIST_MARK = re.compile(r"^(?:[-*+]|\d+\.)\s+")
_ESCAPED = re.compile(r"\\(.)")


def normalise(text: str) -> str:
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Lost:
    line: int
    text: str
    place: str = ""


def markdown_text(markdown: str) -> str:
    """The text a reader sees in an imported report (title first), without Markdown syntax."""
    title = ""
    body = markdown
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end >= 0:
            try:
                meta = safeyaml.load(markdown[4:end])
            except safeyaml.YamlProblem:
                meta = None
            if isinstance(meta, dict) and isinstance(meta.get("title"), str):
                title = meta["title"]
            body = markdown[end + 5 :]
    body = _COMMENT.sub("", body)
    # Escaped characters are set aside first so that no syntax rule below can touch them.
    sentinel = next(chr(code) for code in range(0xE000, 0xF900) if chr(code) not in body)
    escaped: list[str] = []

    def keep(match: re.Match[str]) -> str:
        escaped.append(match.group(1))
        return f"{sentinel}{len(escaped) - 1}{sentinel}"

    out = [title]
    for line in body.split("\n"):
        if _TABLE_RULE.match(line):
            continue
        line = _ESCAPED.sub(keep, line)
        line = _IMAGE.sub(r"\1", line)
        line = _FOOTNOTE_REF.sub("", line)
        line = _LIST_MARK.sub("", line.lstrip())
        line = line.replace("**", "")
        line = re.sub(f"{sentinel}(\\d+){sentinel}", lambda m: escaped[int(m.group(1))], line)
        line = line.replace("&lt;", "<").replace("&amp;", "&")
        out.append(line)
    return "\n".join(out)


def find_lost(units: list[SourceUnit], removals: list[Removal], outputs: list[str]) -> list[Lost]:
    """Source pieces that are neither in the outputs (in order) nor removed (with a reason)."""
    removed: dict[tuple[int, str], list[str]] = {}
    for removal in removals:
        removed.setdefault((removal.line, removal.place), []).append(normalise(removal.text))
    stream = normalise("".join(markdown_text(md) for md in outputs))
    removed_stream = normalise("".join(removal.text for removal in removals))
    cursor = 0
    lost: list[Lost] = []
    for unit in units:
        whole = normalise(unit.text)
        pieces = removed.get((unit.line, unit.place), [])
        if whole in pieces:
            continue
        wanted = whole
        for piece in pieces:
            wanted = wanted.replace(piece, "", 1) if piece else wanted
        if not wanted:
            continue
        found = stream.find(wanted, cursor)
        if found >= 0:
            cursor = found + len(wanted)
        elif stream.find(wanted) < 0 and removed_stream.find(wanted) < 0 and removed_stream.find(whole) < 0:
            # Moved pieces (a title below a header line, footnotes) may come earlier, and a line
            # joined to the one before is removed with it; only text found nowhere is lost.
            lost.append(Lost(unit.line, unit.text.strip(), unit.place))
    return lost


def find_lost_pictures(pictures: Sequence[Picture], saved: dict[str, str], logged: set[str],
                       outputs: list[tuple[str, dict[str, bytes]]]) -> list[Lost]:
    """Pictures of the package that no report links to (with their bytes) and the log does not list."""
    lost = []
    for picture in pictures:
        name = saved.get(picture.part)
        shown = name is not None and any(f"/{name})" in markdown and name in images for markdown, images in outputs)
        if not shown and picture.part not in logged:
            lost.append(Lost(picture.line, f"图片 {picture.part}", picture.place))
    return lost
