"""Which PDF bundles an edition has, their titles, file paths and reports (in reading order).

The plan is made before any page is written, so pages can link to PDFs that exist after the build.
A compilation longer than `PdfConfig.volume_pages` (estimated from the text) is split into volumes
(分册) of about equal length, each a PDF of its own with cover, contents and page numbers: volumes
bind and print, WeasyPrint's memory stays bounded, and an edited report re-renders one volume,
not the whole set.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, replace
from datetime import date

from huibian.pdf.config import PdfConfig
from huibian.periods import Period, sort_key
from huibian.report import Report
from huibian.site import SiteModel, kind_uri, period_uri, unit_uri
from huibian.structure import chinese_numeral


@dataclass(frozen=True)
class Bundle:
    """One PDF: `name` is what `huibian pdf BUNDLE` accepts, `path` is relative to the site root."""

    name: str
    kind: str
    """One of config.BUNDLE_KINDS."""
    title: str
    subtitle: str
    """Shown on the cover above the title (the collection's title)."""
    issuer: str
    reports: tuple[Report, ...]
    cover_lines: tuple[str, ...] = ()
    """The title as the cover breaks it (e.g. 2024年上半年 / 意识形态工作报告汇编); default: one line."""
    volume: int = 0
    """1, 2, … for a volume of a split compilation (its name ends in -v1, -v2, …); 0 when not split."""
    volumes: int = 0

    @property
    def volume_label(self) -> str:
        return f"第{chinese_numeral(self.volume)}册" if self.volume else ""

    @property
    def path(self) -> str:
        return f"pdf/{self.name}.pdf"

    @property
    def docx_path(self) -> str:
        """The Word file of the bundle, next to its PDF."""
        return f"pdf/{self.name}.docx"

    @property
    def date(self) -> date | None:
        """The newest report date: the cover date (never the clock, so builds are reproducible)."""
        dates = [r.date for r in self.reports if r.date]
        return max(dates) if dates else None

    @property
    def single(self) -> bool:
        """A one-report PDF looks like the document itself: no cover, no table of contents."""
        return self.kind == "report"


def bundled_reports(site: SiteModel) -> list[Report]:
    """Drafts are never bundled; the site model already holds only the edition's reports."""
    return [r for r in site.reports if not r.is_draft]


def plan_bundles(site: SiteModel, config: PdfConfig) -> list[Bundle]:
    """Every non-empty bundle the configuration asks for, in a stable order."""
    collection = site.collection
    reports = bundled_reports(site)
    unit_order = {u.id: i for i, u in enumerate(collection.units_in_order())}
    in_time = sorted(reports, key=lambda r: (sort_key(r.period), unit_order.get(r.unit, 0), r.kind, r.id))
    subtitle, issuer = collection.title, collection.issuer
    bundles: list[Bundle] = []
    if "report" in config.bundles:
        for r in in_time:
            bundles.append(Bundle(f"reports/{r.id}", "report", r.title, reports=(r,), subtitle=subtitle, issuer=issuer))
    if "unit" in config.bundles:
        for unit in collection.units_in_order():
            mine = tuple(r for r in in_time if r.unit == unit.id)
            if mine:
                bundles.append(Bundle(f"unit-{unit.id}", "unit", f"{unit.name}工作报告汇编", reports=mine,
                                      cover_lines=(unit.name, "工作报告汇编"), subtitle=subtitle, issuer=issuer))
    periods: list[Period] = sorted({r.period for r in reports}, key=sort_key)
    if "period" in config.bundles:
        for period in periods:
            mine = tuple(r for r in in_time if r.period == period)
            bundles.append(Bundle(f"period-{period.code}", "period", f"{period.label}工作报告汇编", reports=mine,
                                  cover_lines=(period.label, "工作报告汇编"), subtitle=subtitle, issuer=issuer))
    if "kind-period" in config.bundles:
        for period in periods:
            for kind in collection.kinds.values():
                mine = tuple(r for r in in_time if r.period == period and r.kind == kind.id)
                if mine:
                    title = f"{period.label_with(kind.name)}报告汇编"
                    bundles.append(Bundle(f"kind-{kind.id}-{period.code}", "kind-period", title, reports=mine,
                                          cover_lines=(period.label, f"{kind.name}报告汇编"), subtitle=subtitle, issuer=issuer))
    if "collection" in config.bundles and in_time:
        bundles.append(Bundle("collection", "collection", collection.title, reports=tuple(in_time),
                              subtitle="", issuer=collection.issuer))
    return [volume for bundle in bundles for volume in split_volumes(bundle, config.volume_pages)]


_SPACE = re.compile(r"\s+")
# Printed characters per page, title block and paragraph ends included: a GB/T 9704 page holds
# 22 × 28 = 616; fitted on the 168 reports of `gen_corpus.py 200` (mean error 0.3 page a report).
CHARACTERS_PER_PAGE = 510


def estimated_pages(report: Report) -> int:
    """The pages a report takes in a PDF, from its length (the title page's top block counts as one)."""
    return 1 + len(_SPACE.sub("", report.body)) // CHARACTERS_PER_PAGE


def split_volumes(bundle: Bundle, most_pages: int) -> list[Bundle]:
    """The bundle itself, or its volumes: consecutive runs of reports of about equal estimated length.

    A report goes to the volume in which its middle falls, so volumes hold whole reports and
    differ by less than one report from the average (total / number of volumes ≤ most_pages).
    """
    pages = [estimated_pages(r) for r in bundle.reports]
    total = sum(pages)
    if bundle.single or total <= most_pages:
        return [bundle]
    share = total / -(-total // most_pages)
    groups: dict[int, list[Report]] = {}
    before = 0
    for report, size in zip(bundle.reports, pages, strict=True):
        groups.setdefault(int((before + size / 2) // share), []).append(report)
        before += size
    parts = []
    for number, reports in enumerate(groups.values(), start=1):
        part = replace(bundle, name=f"{bundle.name}-v{number}", reports=tuple(reports),
                       cover_lines=bundle.cover_lines or (bundle.title,), volume=number, volumes=len(groups))
        parts.append(replace(part, title=f"{bundle.title}（{part.volume_label}）"))
    return parts


def report_pdfs(bundles: list[Bundle]) -> dict[str, tuple[str, str]]:
    """Report id -> paths of its own PDF and Word file (for catalog.json)."""
    return {b.reports[0].id: (b.path, b.docx_path) for b in bundles if b.kind == "report"}


def pdf_links(bundles: list[Bundle]) -> dict[str, list[tuple[str, str]]]:
    """Page src_uri -> [(label, path)] for SiteModel.pdf_links: each PDF, then its Word file.

    Report pages link their own PDF and their period's compilation; unit, period and kind pages
    link the bundles of that unit, period or kind; the units, periods and kinds landing pages link
    the whole collection.
    """
    links: dict[str, list[tuple[str, str]]] = {}

    def add(uri: str, label: str, bundle: Bundle) -> None:
        links.setdefault(uri, []).extend([(label, bundle.path), (label.replace("PDF", "Word"), bundle.docx_path)])

    for bundle in bundles:
        first = bundle.reports[0]
        if bundle.kind == "report":
            add(first.src_uri, "PDF", bundle)
        elif bundle.kind == "unit":
            add(unit_uri(first.unit), f"{bundle.title}（PDF）", bundle)
        elif bundle.kind == "period":
            add(period_uri(first.period), f"{bundle.title}（PDF）", bundle)
            for report in bundle.reports:
                add(report.src_uri, "本期汇编 PDF", bundle)
        elif bundle.kind == "kind-period":
            add(period_uri(first.period), f"{bundle.title}（PDF）", bundle)
            add(kind_uri(first.kind), f"{bundle.title}（PDF）", bundle)
        else:
            for landing in ("units/index.md", "periods/index.md", "kinds/index.md"):
                add(landing, f"{bundle.title}（全部报告，PDF）", bundle)
    return links


def relative(from_uri: str, pdf_path: str) -> str:
    return posixpath.relpath(pdf_path, posixpath.dirname(from_uri) or ".")
