"""What generated pages leave out of their Markdown and add to the HTML Python-Markdown writes.

Index pages and the head and foot of report pages are mostly raw HTML with escaped user text.
Python-Markdown passes such a block through unchanged, but only after reading it with
html.parser twice (MkDocs looks for anchor ids, Markdown for the end of the block): at 100
reports that cost more than converting the text around them. A block set aside stands in the
Markdown as a one-word paragraph, and its HTML replaces that paragraph after conversion.
Run-in headings are set in bold the same way, after conversion. MkDocs does not see ids inside
a block set aside, so no Markdown link may point at one.

The placeholder word carries a hash of the page's blocks: a report paragraph cannot stand for a
block by accident, and the same page always gets the same word.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence

from huibian.site import GeneratedPage

_BLOCK_START = re.compile(r"<(?:div|table|ul|ol|dl|nav|p)[\s>]")
_PLACEHOLDER = re.compile(r"<p>hb-block-([0-9a-f]{16})-(\d+)</p>")


def block_key(blocks: Sequence[str]) -> str:
    """The hash of a page's blocks that its placeholders carry."""
    return hashlib.blake2b("\0".join(blocks).encode("utf-8"), digest_size=8).hexdigest()


def placeholder(index: int, key: str) -> str:
    """The paragraph that stands for block `index` of the blocks whose `block_key` is `key`."""
    return f"hb-block-{key}-{index}"


def set_aside(markdown: str) -> tuple[str, tuple[str, ...]]:
    """Replace every raw HTML block of generated Markdown by a placeholder; return both.

    A block is what Python-Markdown takes for one: lines without a blank one, after a blank
    line, the first opening a block-level tag. Only for Markdown written by Huibian (user text
    escaped, no blank line inside a block), never for a report's body.
    """
    lines = markdown.split("\n")
    kept: list[str | int] = []  # a line, or the number of the block set aside there
    blocks: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _BLOCK_START.match(line) and (not kept or isinstance(kept[-1], str) and not kept[-1].strip()):
            end = i
            while end < len(lines) and lines[end].strip():
                end += 1
            kept.append(len(blocks))
            blocks.append("\n".join(lines[i:end]))
            i = end
        else:
            kept.append(line)
            i += 1
    key = block_key(blocks)
    return "\n".join(placeholder(x, key) if isinstance(x, int) else x for x in kept), tuple(blocks)


def finish(page_html: str, page: GeneratedPage) -> str:
    """The HTML Python-Markdown wrote for a generated page, with its blocks put back, its bold set and its
    recycled passages marked."""
    page_html = wrap(put_back(page_html, page.html_blocks), page.bold, "<strong>", paragraph_start=True)
    return wrap(page_html, page.marked, MARK_START, start=_body_start(page_html)) if page.marked else page_html


def put_back(page_html: str, blocks: Sequence[str]) -> str:
    """The HTML of a page with each placeholder paragraph replaced by its block."""
    if not blocks:
        return page_html
    key = block_key(blocks)

    def block(match: re.Match[str]) -> str:
        index = int(match.group(2))
        return blocks[index] if match.group(1) == key and index < len(blocks) else match.group()

    return _PLACEHOLDER.sub(block, page_html)


def wrap(page_html: str, texts: Sequence[str], opening: str, *, start: int = 0, paragraph_start: bool = False) -> str:
    """Each text wrapped in `opening` and its end tag where it next stands from `start` on, in order.

    With `paragraph_start`, only where a paragraph or a line of one starts. A text not found (one
    Markdown changed: emphasis, a link inside it) is skipped.
    """
    closing = f"</{opening[1:].split(maxsplit=1)[0].rstrip('>')}>"
    parts = [page_html[:start]]
    done = start
    for text in texts:
        escaped = html.escape(text, quote=False)
        at = page_html.find(escaped, done)
        while paragraph_start and at != -1 and not (page_html.endswith("<p>", 0, at) or page_html.endswith("\n", 0, at)):
            at = page_html.find(escaped, at + 1)
        if at == -1:
            continue
        parts += [page_html[done:at], opening, escaped, closing]
        done = at + len(escaped)
    return "".join(parts) + page_html[done:]


MARK_START = '<mark class="hb-recycled">'
_BODY_START = re.compile(r'<div class="hb-meta">.*?</div>', re.S)


def _body_start(page_html: str) -> int:
    """Where a report page's text starts: after its metadata block."""
    meta = _BODY_START.search(page_html)
    return meta.end() if meta else 0
