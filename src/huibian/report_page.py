"""The Markdown of a report's page: metadata line, badges, body and links to its neighbours."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from huibian.escaping import html_text as escape
from huibian.escaping import markdown_text, meta_text
from huibian.html_blocks import block_key, placeholder
from huibian.memo import OFF, Memo, report_key
from huibian.recycled import Recycled, SourceShare, percent, source_label
from huibian.report import Report
from huibian.site import GeneratedPage, SiteModel, format_date, kind_uri, period_uri, unit_uri

PDF_ICON = (
    '<span class="twemoji"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M19 3H5c-1.1 0-2'
    ' .9-2 2v14c0 1.1.9 2 2 2h14c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2m-9.5 8.5c0 .8-.7 1.5-1.5 1.5H7v2H5.5V9H8c.8 0 1.5.7'
    ' 1.5 1.5zm5 2c0 .8-.7 1.5-1.5 1.5h-2.5V9H13c.8 0 1.5.7 1.5 1.5zm4-3H17v1h1.5V13H17v2h-1.5V9h3zm-6.5 0h1v3h-1zm-5'
    ' 0h1v1H7z"/></svg></span>'
)
"""Material Design's file-pdf-box icon, as Material's emoji extension writes `:material-file-pdf-box:`.

Written inline so the site needs no pymdownx.emoji, whose icon index costs a tenth of a second
per build and whose inline pattern runs over every text of every page."""


WORD_ICON = (
    '<span class="twemoji"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M15.5 17H14l-2-7.5-2'
    ' 7.5H8.5L6.1 7h1.7l1.54 7.5L11.3 7h1.4l1.97 7.5L16.2 7h1.7M19 3H5c-1.11 0-2 .89-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0'
    ' 0 2-2V5a2 2 0 0 0-2-2"/></svg></span>'
)
"""Material Design's file-word-box icon (`:material-file-word-box:`), for the Word files of the PDFs."""


def file_icon(path: str) -> str:
    """The icon of a download link: Word for a .docx, PDF otherwise."""
    return WORD_ICON if path.endswith(".docx") else PDF_ICON


def page_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a Markdown page: units/index.md → units/, units/jtj.md → units/jtj/."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index").rstrip("/")
    return f"{stem}/" if stem else ""


def href(from_uri: str, to_uri: str) -> str:
    """The href MkDocs writes for a Markdown link from page `from_uri` to a page or file (directory URLs).

    For links written as raw HTML, which MkDocs passes through untouched: generated pages hold
    thousands of links, and Python-Markdown's inline processing of them cost more than all the
    other work on those pages.
    """
    here = page_url(from_uri).split("/")[:-1]
    there = quote(page_url(to_uri) if to_uri.endswith(".md") else to_uri).split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) or "./"


def badges(report: Report) -> str:
    """HTML badges for the states a reader must notice: internal, draft."""
    marks = []
    if report.classification != "public":
        marks.append('<span class="hb-badge hb-badge--internal">内部</span>')
    if report.is_draft:
        marks.append('<span class="hb-badge hb-badge--draft">草稿</span>')
    return " ".join(marks)


# What a YAML double-quoted scalar may not hold literally: line breaks YAML folds (NEL, LS, PS)
# and the characters outside YAML's printable set. JSON leaves them raw with ensure_ascii=False.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar for any string (JSON's string syntax is YAML's)."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def front_matter(fields: dict[str, str | list[str]]) -> str:
    """YAML front matter MkDocs reads back as `fields`, each value HTML-escaped (`escaping.meta_text`).

    yaml.safe_dump gives the same, 25 times slower.
    """
    lines = []
    for key, value in fields.items():
        if isinstance(value, list):
            text = "[" + ", ".join(_quoted(meta_text(v)) for v in value) + "]"
        else:
            text = _quoted(meta_text(value))
        lines.append(f"{key}: {text}")
    return "\n".join(lines)


def report_page(report: Report, site: SiteModel, memo: Memo = OFF) -> GeneratedPage:
    """The generated page for one report (from `memo` when nothing it shows has changed)."""
    uri = report.src_uri
    recycled = site.recycled.shown(report) if site.recycled else None
    recycled_parts = (recycled_html(recycled, site), site.recycled.marked(report)) if recycled and site.recycled else None
    before, after = site.neighbours(report)
    key = ("report", report_key(report), tuple(site.history.get(uri, ())), tuple(site.pdf_links.get(uri, ())),
           recycled_parts, before and (before.src_uri, before.title), after and (after.src_uri, after.title))
    return memo.get(key, lambda: _report_page(report, site, recycled_parts, before, after))


def _report_page(report: Report, site: SiteModel, recycled: tuple[str, tuple[str, ...]] | None,
                 before: Report | None, after: Report | None) -> GeneratedPage:
    uri = report.src_uri
    unit = site.unit(report.unit)
    kind = site.kind(report.kind)
    front: dict[str, str | list[str]] = {"title": report.title, "huibian_report": report.id}
    if report.tags:
        front["tags"] = list(report.tags)
    # The metadata line and the links to the neighbours are raw HTML, kept out of the Markdown like
    # the index pages' (huibian.html_blocks).
    facts = [
        f'<a href="{href(uri, unit_uri(unit.id))}">{escape(unit.name)}</a>',
        f'<a href="{href(uri, period_uri(report.period))}">{escape(report.period.label)}</a>',
        f'<a href="{href(uri, kind_uri(kind.id))}">{escape(kind.name)}</a>',
    ]
    if report.date:
        facts.append(f"成文日期 {format_date(report.date)}")
    facts += [escape(fact) for fact in site.history.get(uri, [])]
    # The download links in a span of their own, which print.css leaves off paper.
    files = "".join(f' · <a href="{href(uri, path)}">{file_icon(path)} {escape(label)}</a>'
                    for label, path in site.pdf_links.get(uri, []))
    if files:
        files = f'<span class="hb-pdfs">{files}</span>'
    meta_line = f"{' · '.join(facts)}{files} {badges(report)}".strip()
    recycled_line = f"\n{recycled[0]}" if recycled else ""
    blocks = [f'<div class="hb-meta">\n<p>{meta_line}</p>{recycled_line}\n</div>']
    if before or after:
        links = []
        if before:
            links.append(f'<a class="hb-prev" href="{href(uri, before.src_uri)}">← 上一篇：{escape(before.title)}</a>')
        if after:
            links.append(f'<a class="hb-next" href="{href(uri, after.src_uri)}">下一篇：{escape(after.title)} →</a>')
        blocks.append('<nav class="hb-siblings">\n<p>' + "\n".join(links) + "</p>\n</nav>")
    key = block_key(blocks)
    parts = [
        "---",
        front_matter(front),
        "---",
        "",
        f"# {markdown_text(report.title)}",
        "",
        placeholder(0, key),
        "",
        report.body.strip("\n"),
        "",
    ]
    if len(blocks) > 1:
        parts += [placeholder(1, key), ""]
    return GeneratedPage(uri, "\n".join(parts), tuple(blocks), report.run_in_heads, recycled[1] if recycled else ())


RECYCLED_SOURCES_SHOWN = 3


def recycled_html(recycled: Recycled, site: SiteModel) -> str:
    """The report page's line on its recycled text: shares, linked sources, and the switch that marks the passages."""
    report = recycled.report
    uri = report.src_uri

    def sources(shares: list[SourceShare]) -> str:
        named = [f'<a href="{href(uri, s.report.src_uri)}">{escape(source_label(s.report, site.collection, report))}</a>'
                 f" {percent(s.share)}" for s in shares[:RECYCLED_SOURCES_SHOWN]]
        more = f" 等 {len(shares)} 份" if len(shares) > RECYCLED_SOURCES_SHOWN else ""
        return "（" + "、".join(named) + more + "）"

    parts = []
    if recycled.earlier:
        parts.append(f"与本单位早期报告重复 {percent(recycled.earlier_share)}{sources(recycled.earlier)}")
    if recycled.others:
        parts.append(f"与其他单位报告重复 {percent(recycled.other_share)}{sources(recycled.others)}")
    above = recycled.share > site.recycled.settings.threshold if site.recycled else False
    css = "hb-recycled hb-recycled--above" if above else "hb-recycled"
    switch = ('<a class="hb-recycled-on" href="#hb-recycled">标出重复文字</a>'
              '<a class="hb-recycled-off" href="#">取消标出</a>')
    return f'<p class="{css}" id="hb-recycled">{"；".join(parts)} · {switch}</p>'
