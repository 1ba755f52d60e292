"""The HTML a report may contain, declared once, and the cleaner that enforces it.

Report text comes from many hands and from the web. Whatever raw HTML it holds, the
published page and the PDF keep only the tags and attributes below: no script, no event
handlers, no `javascript:` URLs, no frames, no forms.
"""

from __future__ import annotations

import nh3

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details",
        "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
        "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
        "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
        # Material's icons and emoji are inline SVG.
        "svg", "path",
    }
)
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"align", "colspan", "rowspan", "style"},
    "th": {"align", "colspan", "rowspan", "style"},
    "ol": {"start", "type"},
    "svg": {"xmlns", "viewBox", "width", "height", "aria-hidden", "focusable"},
    "path": {"d", "fill", "fill-rule", "clip-rule"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
ALLOWED_STYLE_PROPERTIES = frozenset({"text-align"})


def clean_html(html: str) -> str:
    """Keep only the allowed HTML; everything else is dropped (script bodies included)."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        filter_style_properties=set(ALLOWED_STYLE_PROPERTIES),
        link_rel=None,
        strip_comments=True,
    )
