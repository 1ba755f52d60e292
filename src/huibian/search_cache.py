"""The search sections of built pages, kept between builds: a build extracts only the pages that changed.

Taking each page's sections out of its HTML (0.7–0.9 s) and listing each section's index keys
(1.0–1.2 s) were most of the 2.5–2.7 s that the search index cost a 1,000-report build. Both depend only on the page's article
HTML and Huibian's code, so one file maps a hash of each article to its sections and their keys.
Each build writes it anew with its own pages, so it holds one site's worth and never grows stale.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from huibian.cache_file import read_entries, write_entries
from huibian.code_version import code_digest
from huibian.search import Section, article_html, page_sections, read_html, section_keys

CACHE_FILE = Path(".cache") / "huibian" / "search" / "sections.json"
_FORMAT = 2

# A page's sections as stored: [anchor, heading, text, heading keys, heading and text keys] each,
# the keys space-joined as `section_keys` gives them, which JSON reads far faster than lists of strings.
Rows = list[list[str]]


class SectionCache:
    """`sections(html)` from the cache file at `path` when the page's article is unchanged; `save()` after the build."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.reused = 0
        self.extracted = 0
        self._previous: dict[str, Rows] = read_entries(path, _FORMAT, code_digest())
        self._current: dict[str, Rows] = {}
        self._files: dict[str, tuple[tuple[int, int, int], list[Section]]] = {}
        """Built page -> (its stat, its sections), as this cache last read it."""

    def of_file(self, page: Path) -> list[Section]:
        """`sections` of a built page, without reading it again if it was not written since this cache last did."""
        stat = page.stat()
        identity = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        known = self._files.get(str(page))
        if known is not None and known[0] == identity:
            self.reused += 1
            return known[1]
        sections = self.sections(read_html(page))
        self._files[str(page)] = (identity, sections)
        return sections

    def sections(self, html: str) -> list[Section]:
        """The page's sections, as `page_sections` gives them, with their index keys listed."""
        article = article_html(html)
        key = hashlib.sha256(article.encode("utf-8")).hexdigest()
        rows = self._current.get(key, self._previous.get(key))
        sections = _sections(rows) if rows is not None else None
        if rows is None or sections is None:
            sections = page_sections(article)
            rows = [[s.anchor, s.heading, s.text, *section_keys(s)] for s in sections]
            self.extracted += 1
        else:
            self.reused += 1
        self._current[key] = rows
        return sections

    def save(self) -> None:
        """Write this build's pages, atomically; a cache that cannot be written only costs time."""
        write_entries(self.path, _FORMAT, code_digest(), self._current)


def _sections(rows: object) -> list[Section] | None:
    """Sections from stored rows; None if the rows are not what `SectionCache` writes."""
    if not isinstance(rows, list):
        return None
    sections = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 5 and all(isinstance(cell, str) for cell in row)):
            return None
        anchor, heading, text, in_heading, in_section = row
        sections.append(Section(anchor, heading, text, (in_heading, in_section)))
    return sections
