"""The nothing-lost check: every piece of source text is in an output report or in the removal log.

The check reads the finished Markdown back (front matter title, body without Markdown syntax)
and looks for each source line (each occurrence found accounts for one source piece only), after
normalising both sides: Unicode compatibility
folding (full-width and half-width punctuation become the same), no whitespace, and no '#', '>'
or '|' (Markdown syntax that the importer adds or strips as copy-paste artefacts).

The source pieces never come from the reader under test: for text files they are the decoded
lines, for Word files the independent inventory of the package (docx_inventory.py), which also
lists every part the text refers to (pictures, charts, embedded documents), so one the reader
skipped is caught too.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from huibian import safeyaml
from huibian.importer.docx_inventory import Embedded
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
    """Source pieces that are neither in the outputs nor removed (with a reason), in source order.

    Each occurrence in the output, and each entry of the removal log, accounts for one piece only;
    a piece is never found across the boundary of two log entries. Longer pieces are placed first,
    so that a short piece ("1.") cannot take the place it needs inside a longer one (a title moved
    ahead); where that leaves a piece unplaced, the pieces are placed again in source order (“*一、”
    then a cell “一、一、” in the output “*一、一、一、”), and the better placing counts.
    """
    logged = [normalise(removal.text) for removal in removals]
    keyed: dict[tuple[int, str], list[int]] = {}
    for number, removal in enumerate(removals):
        keyed.setdefault((removal.line, removal.place), []).append(number)
    used: set[int] = set()
    stream = _Stream(normalise("".join(markdown_text(md) for md in outputs)))
    wanted: list[tuple[int, str, str]] = []
    for index, unit in enumerate(units):
        whole = normalise(unit.text)
        free = [number for number in keyed.get((unit.line, unit.place), []) if number not in used]
        exact = next((number for number in free if logged[number] == whole), None)
        if exact is not None:
            used.add(exact)
            continue
        rest = whole
        for position, number in enumerate(free):
            piece = logged[number]
            if piece and piece in rest:
                rest = _without(rest, piece, stream.text, [logged[n] for n in free[position + 1 :]])
                used.add(number)
        if rest:
            wanted.append((index, whole, rest))
    # The rest of the log, one entry after another with a separator no piece can hold.
    separator = next(chr(code) for code in range(0xE000, 0xF900) if all(chr(code) not in text for text in logged))
    log = separator.join(text for number, text in enumerate(logged) if number not in used)
    lost = _unplaced(sorted(wanted, key=lambda item: -len(item[2])), stream, _Stream(log))
    if lost:  # longest first failed: try the source's own order, which the output mostly keeps
        in_order = _unplaced(wanted, _Stream(stream.text), _Stream(log))
        lost = in_order if len(in_order) < len(lost) else lost
    return [Lost(units[i].line, units[i].text.strip(), units[i].place) for i in sorted(lost)]


def _unplaced(wanted: list[tuple[int, str, str]], stream: _Stream, log: _Stream) -> list[int]:
    """The pieces (index, whole, rest) that find no free occurrence in the output, placed in the given order."""
    lost = []
    for index, whole, rest in wanted:
        # A line joined to the one before is removed with it: text in the log counts as kept (once).
        if stream.take(rest) < 0 and log.take(rest) < 0 and log.take(whole) < 0:
            lost.append(index)
    return lost


def _without(text: str, piece: str, output: str, later: list[str]) -> str:
    """`text` with one occurrence of the removed `piece` cut out: the occurrence that leaves text the
    output holds (a suffix “|0” cut from a title is not the 0 of its “2024”), or else one that leaves
    the pieces removed `later` whole."""
    cuts = []
    at = text.find(piece)
    while at != -1:
        cuts.append(text[:at] + text[at + len(piece) :])
        at = text.find(piece, at + 1)
    return next((cut for cut in cuts if cut in output), None) or next(
        (cut for cut in cuts if all(other in cut for other in later)), cuts[0] if cuts else text)


class _Stream:
    """The output text, where each occurrence found is taken: a piece of source text that occurs
    twice needs two occurrences, so a dropped footnote cannot hide behind the same words in the body."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.skip: dict[str, int] = {}
        """Per piece, where to search from: every occurrence before it is taken."""

    def take(self, wanted: str) -> int:
        """The first free occurrence of `wanted` (now taken), or -1."""
        index = self.text.find(wanted, self.skip.get(wanted, 0))
        while index >= 0:
            end = index + len(wanted)
            slot = bisect.bisect_right(self.starts, index)
            if (slot == 0 or self.ends[slot - 1] <= index) and (slot == len(self.starts) or self.starts[slot] >= end):
                self.starts.insert(slot, index)
                self.ends.insert(slot, end)
                self.skip[wanted] = end
                return index
            index = self.text.find(wanted, index + 1)
            self.skip[wanted] = index if index >= 0 else len(self.text)
        return -1


def find_lost_embedded(embedded: Sequence[Embedded], saved: dict[str, str], logged: set[str],
                       outputs: list[tuple[str, dict[str, bytes]]]) -> list[Lost]:
    """Embedded parts (pictures, charts…) that no report shows (linked, with their bytes) and the log does not list."""
    lost = []
    for item in embedded:
        name = saved.get(item.part)
        shown = name is not None and any(f"/{name})" in markdown and name in images for markdown, images in outputs)
        if not shown and item.part not in logged:
            lost.append(Lost(item.line, f"{item.name} {item.part}", item.place))
    return lost
