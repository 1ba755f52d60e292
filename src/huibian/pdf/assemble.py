"""A bundle as HTML: cover and table of contents (`front`), then every report on a new page (`html`).

The two parts are laid out separately (see `render.render_one`): the table of contents gets its page
numbers written in, instead of CSS `target-counter()`, which makes WeasyPrint lay the whole bundle
out a second time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from huibian import __version__
from huibian import layout as L
from huibian.collection import Collection
from huibian.findings import Finding
from huibian.pdf.fragments import PREFIX, FragmentCache
from huibian.pdf.markup import REPORT_LINK, Fragment, render_report
from huibian.pdf.plan import Bundle
from huibian.report import Report
from huibian.site import format_date
from huibian.titles import break_title

_REPORT_HREF = re.compile(r'<a href="' + re.escape(REPORT_LINK) + r'([^"#]*)(?:#([^"]*))?"([^>]*)>(.*?)</a>', re.S)
# In `front`, where the start page of report n goes: `data-page="@@r<n>@@"`.
_PAGE_SLOT = re.compile(r' data-page="@@(r\d+)@@"')


@dataclass
class Document:
    """A bundle's HTML and what it depends on (for the cache key and the warnings).

    `html` is a whole HTML document with every report; `front` (empty for a single report) is the
    cover and table of contents, a second document whose page numbers `fill_front` writes in.
    """

    bundle: Bundle
    html: str
    front: str = ""
    images: list[Path] = field(default_factory=list)

    def whole(self) -> str:
        """Both parts as one document, the TOC numbered by CSS `target-counter()` (the plain way)."""
        front = _PAGE_SLOT.sub("", self.front).replace("</body>", "").split("<body>\n", 1)[-1]
        return self.html.replace("<body>\n", "<body>\n" + front, 1)


def fill_front(front: str, starts: dict[str, int]) -> str:
    """The front matter with each report's start page (`starts`: the body's anchors → first page; "0000"
    for a report not laid out yet)."""
    return _PAGE_SLOT.sub(lambda m: f' data-page="{starts.get(m.group(1), "0000")}"', front)


class Assembler:
    """Converts each report's Markdown once, however many bundles it appears in (and, with a
    `cache`, only when the report changed since an earlier build)."""

    def __init__(self, collection: Collection, root: Path, cache: FragmentCache | None = None) -> None:
        self.collection = collection
        self.root = root
        self.cache = cache
        self._fragments: dict[str, Fragment] = {}
        self.names = [n for u in collection.units.values() for n in (u.name, u.short)]
        self.names += [k.name for k in collection.kinds.values()]

    def title_lines(self, title: str, per_line: float) -> str:
        """`title` broken by meaning into lines of at most `per_line` em, as escaped HTML."""
        lines = break_title(title, per_line, self.names)
        return "<br>".join(escape(line) for line in lines)

    def fragment(self, report: Report) -> Fragment:
        if report.id not in self._fragments:
            self._fragments[report.id] = (self.cache.fragment(report) if self.cache
                                          else render_report(report, self.root, PREFIX))
        return self._fragments[report.id]

    def findings(self) -> list[Finding]:
        """Every image finding, once per report."""
        return sorted({f for fragment in self._fragments.values() for f in fragment.findings})

    def document(self, bundle: Bundle) -> Document:
        parts: list[str] = []
        images: list[Path] = []
        numbers = {r.source: n for n, r in enumerate(bundle.reports, start=1)}
        for number, report in enumerate(bundle.reports, start=1):
            fragment = self.fragment(report)
            images.extend(fragment.images)
            parts.append(self.report(report, number, fragment, numbers))
        unit_names = "、".join(dict.fromkeys(self.collection.units[r.unit].name for r in bundle.reports
                                             if r.unit in self.collection.units))
        subject = f"{bundle.title}：共 {len(bundle.reports)} 份报告（{unit_names}）"
        head = (
            '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(bundle.title)}</title>\n"
            f'<meta name="author" content="{escape(bundle.issuer or self.collection.title)}">\n'
            f'<meta name="description" content="{escape(subject)}">\n'
            f'<meta name="generator" content="Huibian {__version__}">\n'
            "</head>\n<body>\n"
        )
        tail = "\n</body>\n</html>\n"
        front = "" if bundle.single else head + self.cover(bundle) + "\n" + self.contents(bundle) + tail
        return Document(bundle, head + "\n".join(parts) + tail, front, sorted(set(images)))

    def cover(self, bundle: Bundle) -> str:
        lines = ['<section class="hb-cover">']
        if bundle.subtitle:
            lines.append(f'<p class="hb-cover-subtitle">{escape(bundle.subtitle)}</p>')
        if bundle.cover_lines:
            title = "<br>".join(escape(line) for line in bundle.cover_lines)
        else:
            title = self.title_lines(bundle.title, L.ems_per_line(L.COVER_TITLE_PT))
        lines.append(f'<p class="hb-cover-title">{title}</p>')
        if bundle.volume:
            lines.append(f'<p class="hb-cover-volume">{bundle.volume_label}（共{bundle.volumes}册）</p>')
        if bundle.issuer:
            lines.append(f'<p class="hb-cover-issuer">{escape(bundle.issuer)}</p>')
        if bundle.date:
            lines.append(f'<p class="hb-cover-date">{format_date(bundle.date)}</p>')
        lines.append("</section>")
        return "\n".join(lines)

    def contents(self, bundle: Bundle) -> str:
        lines = ['<nav class="hb-toc">', "<h1>目录</h1>", "<ol>"]
        group = None
        for number, report in enumerate(bundle.reports, start=1):
            if bundle.kind in ("collection", "unit") and report.period.label != group:
                group = report.period.label
                lines.append(f'<li class="hb-toc-group">{escape(group)}</li>')
            css = "hb-toc-entry" if group else "hb-toc-item"
            entry = self.title_lines(report.title, L.CHARS_PER_LINE - L.TOC_NUMBER_CHARS - (1 if group else 0))
            lines.append(f'<li class="{css}"><a href="#r{number}" data-page="@@r{number}@@">{entry}</a></li>')
        lines += ["</ol>", "</nav>"]
        return "\n".join(lines)

    def report(self, report: Report, number: int, fragment: Fragment, bundle_numbers: dict[str, int]) -> str:
        unit = self.collection.units.get(report.unit)
        byline = "　".join(x for x in (unit.name if unit else "", format_date(report.date)) if x)
        body = fragment.html.replace(PREFIX, f"r{number}-")
        if REPORT_LINK in body:
            body = self._report_links(body, bundle_numbers)
        return (
            f'<article class="hb-report" id="r{number}">\n'
            f'<h1 class="hb-title">{self.title_lines(report.title, L.ems_per_line(L.TITLE_PT))}</h1>\n'
            f'<p class="hb-byline">{escape(byline)}</p>\n'
            f"{body}\n</article>"
        )

    @staticmethod
    def _report_links(body: str, numbers: dict[str, int]) -> str:
        """Links to other reports: to their place in this bundle, or plain text when they are not in it."""

        def point(match: re.Match[str]) -> str:
            source, anchor, rest, text = match.groups()
            number = numbers.get(source)
            if number is None:
                return text
            return f'<a href="#r{number}{"-" + anchor if anchor else ""}"{rest}>{text}</a>'

        return _REPORT_HREF.sub(point, body)
