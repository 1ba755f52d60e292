"""The importer's data model: source units, blocks, removals, results and the one error type."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class ImportProblem(Exception):
    """An import that cannot go on. The message is Chinese and names the file (and line).

    `code` tells callers (and tests) which documented failure it is:
    `encoding`, `empty`, `unreadable`, `lost-text`, `exists`, `config`, `unsupported`, `unsafe`.
    """

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class Block:
    """One paragraph-level piece of the source after cleaning.

    `line` is the source line (text files) or paragraph number (Word files) it came from.
    """

    line: int
    text: str
    kind: str = "para"
    """para | heading | title | table | image | list"""
    level: int = 0
    """For `heading` blocks from Word styles or Markdown '#': 1 = ##, 2 = ###, 3 = ####."""
    markdown: str | None = None
    """Pre-rendered Markdown (Word inline formatting, tables, images); None = render from `text`."""
    footnotes: list[tuple[str, str]] = field(default_factory=list)
    """(label, Markdown text) of footnotes referenced in this block (Word files)."""


@dataclass(frozen=True)
class Logged:
    """Source text the import log lists, with why."""

    line: int
    text: str
    reason: str
    place: str = ""
    """Where it was when that is not a line of the body: 页眉, 页脚, 批注 3 (Word files)."""

    def where(self, word: str) -> str:
        return self.place or f"第 {self.line} {word}"


class Removal(Logged):
    """Source text the importer left out of the report."""


class Change(Logged):
    """Source text the importer joined, split or converted (not removed)."""


@dataclass(frozen=True)
class SourceUnit:
    """A piece of the original text (a line, a Word paragraph or table row) for the nothing-lost check."""

    line: int
    text: str
    place: str = ""
    """Where it is when that is not a line of the body: 脚注 2, 尾注 1, 页眉, 页脚, 批注 3 (Word files)."""


@dataclass
class Inferred:
    """A metadata value and where it came from (shown to the user), or a placeholder."""

    value: str | None
    evidence: str


@dataclass
class ImportedReport:
    markdown: str
    metadata: dict[str, Inferred]
    first_line: int
    target: Path | None = None
    images: dict[str, bytes] = field(default_factory=dict)
    """Relative path (from the report's folder) -> bytes of images to save next to the report."""

    @property
    def title(self) -> str:
        return self.metadata["title"].value or ""


@dataclass
class ImportResult:
    source: str
    encoding: str
    reports: list[ImportedReport]
    removals: list[Removal]
    notes: list[str] = field(default_factory=list)
    unit_word: str = "行"
    """How source positions are named: 行 (lines of a text file) or 段 (Word paragraphs)."""
    verbatim: bool = False
    """The source was already a report (front matter + Markdown): its text is kept as written."""
    changes: list[Change] = field(default_factory=list)
    """Lines joined or split (broken lines, glued headings, titles over several lines)."""
    conversions: list[Change] = field(default_factory=list)
    """Lines converted from Traditional to Simplified characters, with their original text."""
    doubtful: list[Removal] = field(default_factory=list)
    """Lines that look like web junk but may be real text: kept, listed for the author to check."""
