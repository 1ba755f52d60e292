"""Incremental preview: which pages one rebuild of a live preview must read and write again.

MkDocs' `--dirty` rebuild skips a page whose file reports itself unmodified; a generated file
always does, so every save rebuilt all pages (25 s at 1,000 reports). Between the rebuilds of
one `serve` process, `PreviewMemory` keeps a digest of each generated page — its Markdown and the
findings shown on it — and says which pages changed, which disappeared, and when everything must
be rebuilt: a changed `mkdocs.yml`, `collection.yml`, template, edition setting or Huibian code.

Material's tags plugin builds the tags page and `tags.json` from every page it reads, so when a
report's tags, title or address change, every tagged page is read again (not written again).

Framework-free; `huibian.mkdocs_glue` applies the plan to MkDocs' files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


def digest(*parts: str | bytes) -> str:
    """A short digest of the parts, in order."""
    hashed = hashlib.blake2b(digest_size=16)
    for part in parts:
        hashed.update(part.encode("utf-8") if isinstance(part, str) else part)
        hashed.update(b"\0")
    return hashed.hexdigest()


@dataclass(frozen=True)
class RebuildPlan:
    """What one rebuild does."""

    everything: bool
    modified: frozenset[str]
    """Generated pages (src_uri) to read and write again: new, or changed since the last rebuild."""
    removed: tuple[str, ...]
    """Output files (paths) of generated pages that the last rebuild wrote and this one does not."""
    reread_tagged: bool
    """Read every tagged page again, for the tags page and tags.json."""

    def must_write(self, src_uri: str) -> bool:
        return self.everything or src_uri in self.modified


@dataclass
class PreviewMemory:
    """What the previous rebuild of this `serve` process generated (nothing before the first one)."""

    site_key: str | None = None
    pages: dict[str, str] = field(default_factory=dict)
    """src_uri -> digest of the generated page."""
    outputs: dict[str, str] = field(default_factory=dict)
    """src_uri -> the output file the page was written to."""
    tags_key: str | None = None
    tags_json: bytes | None = None
    """tags.json as the last rebuild that read every tagged page wrote it."""

    def plan(self, site_key: str, pages: Mapping[str, str], tags_key: str) -> RebuildPlan:
        """Compare this rebuild's pages (src_uri -> digest) with the last one's."""
        everything = site_key != self.site_key
        modified = frozenset(uri for uri, page_digest in pages.items() if self.pages.get(uri) != page_digest)
        removed = tuple(path for uri, path in self.outputs.items() if uri not in pages)
        return RebuildPlan(everything, modified, removed, everything or tags_key != self.tags_key)

    def remember(self, site_key: str, pages: Mapping[str, str], outputs: Mapping[str, str], tags_key: str) -> None:
        self.site_key, self.pages, self.outputs, self.tags_key = site_key, dict(pages), dict(outputs), tags_key


def tags_key(tagged: Iterable[tuple[str, str, Iterable[str]]]) -> str:
    """A digest of what the tags plugin lists: (page, title, tags) of every tagged page, in order."""
    return digest(*(f"{uri}\0{title}\0{chr(1).join(tags)}" for uri, title, tags in tagged))
