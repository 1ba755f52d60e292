"""User text in generated pages: every value from a report or collection.yml is escaped on its way in.

One function per context a value can land in. Generated pages never put such a value anywhere
without one of these, so markup in a title, a tag or a unit's name shows as text and never
becomes an element (docs/security.md, tests/test_hostile_fields.py).
"""

from __future__ import annotations

import html
import re

# What Markdown (with the site's extensions) reads in running text: emphasis, code, links, table
# cells, attr_list's `{: …}` and an ATX heading's closing hashes. Each has a backslash escape.
_MARKDOWN_CHARS = r"[\\`*_\[\]{}#|]"
_MARKDOWN_SPECIAL = re.compile(f"({_MARKDOWN_CHARS})")
_MARKDOWN_ESCAPED = re.compile(f"\\\\({_MARKDOWN_CHARS})")
_CODE_SPAN = re.compile(r"(`[^`\n]+`)")


def html_text(text: str) -> str:
    """Text inside a raw HTML block: escaped, and without the blank line that would end the block."""
    text = html.escape(text, quote=False)
    return "\n".join(line for line in text.split("\n") if line.strip()) if "\n" in text else text


def markdown_text(text: str, *, code_spans: bool = False) -> str:
    """Text inside Markdown (headings, links, tables): shown literally, never read as Markdown or HTML.

    With `code_spans`, `` `…` `` stays a code span (a linter message naming a command); Markdown
    shows a code span's content literally itself.
    """
    if code_spans:
        parts = _CODE_SPAN.split(text)
        return "".join(part if index % 2 else markdown_text(part) for index, part in enumerate(parts))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def plain_text(markdown: str) -> str:
    """The text `markdown_text` escaped, back as it was."""
    return html.unescape(_MARKDOWN_ESCAPED.sub(r"\1", markdown))


def meta_text(text: str) -> str:
    """A value of a generated page's front matter (`title`, `tags`).

    MkDocs and Material treat page titles as HTML (a title taken from a heading keeps its
    entities) and print them, and tag names, unescaped: so the value is escaped here, once.
    """
    return html.escape(text)
