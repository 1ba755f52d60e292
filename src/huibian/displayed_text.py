"""Markup in text the site displays (titles, names, tags): found by `huibian check` (M016, C006).

Generated pages escape every such value (`huibian.escaping`), so markup shows as text and never
runs; it is still a finding, because the author most likely pasted it by mistake.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from huibian import rules
from huibian.findings import Finding

if TYPE_CHECKING:
    from huibian.collection import Collection
    from huibian.report import Report

# A tag (`<b>`, `</p>`, `<img …>`, `<!-- -->`) or an entity used as markup (`&lt;`, `&#60;`).
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>?|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")

DISPLAYED_FIELDS = ("title", "summary", "author", "tags", "index")
"""Front-matter fields whose values the site or the PDFs show."""


def markup_in(text: str) -> str | None:
    """The first tag or entity in `text`, or None."""
    if "<" not in text and "&" not in text:
        return None
    match = _MARKUP.search(text)
    return match.group() if match else None


def check_displayed_fields(report: Report, collection: Collection) -> list[Finding]:
    """M016 for every displayed front-matter value that holds markup, at the field's line."""
    found = []
    for name in DISPLAYED_FIELDS:
        value = report.meta.get(name)
        for item in value if isinstance(value, list) else [value]:
            markup = markup_in(item) if isinstance(item, str) else None
            if markup:
                found.append(rules.MARKUP_IN_FIELD.finding(report.source, report.line_of(name), 1, field=name,
                                                           markup=markup))
                break
    return found
