"""What the site holds: the published reports of an edition, grouped, and the URLs of pages.

Framework-free: the MkDocs glue turns these into files; the CLI and tests use them directly.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field

from huibian.collection import Collection, Kind, Unit
from huibian.periods import Period, sort_key
from huibian.recycled import Analysis
from huibian.report import Report


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    content: str
    html_blocks: tuple[str, ...] = ()
    """Raw HTML set aside from `content`, where html_blocks.placeholder(i, block_key(html_blocks)) stands for block i."""
    bold: tuple[str, ...] = ()
    """Text set in bold where it starts a paragraph or a line (run-in headings), in order."""
    marked: tuple[str, ...] = ()
    """Text of the body marked as recycled (`<mark class="hb-recycled">`), in order."""


@dataclass
class SiteModel:
    """The reports one edition publishes, with the groupings every index page needs."""

    collection: Collection
    reports: list[Report]
    audience: str = "internal"
    pdf_links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Page src_uri -> [(label, site-relative PDF path)], filled when PDFs are planned."""
    history: dict[str, list[str]] = field(default_factory=dict)
    """Page src_uri -> history facts (首次提交 …, 最近修改 …), filled from git by huibian.history."""
    recycled: Analysis | None = None
    """Recycled text among this edition's reports (huibian.recycled), for the report pages and the review page."""

    def __post_init__(self) -> None:
        unit_order = {u.id: i for i, u in enumerate(self.collection.units_in_order())}
        self.reports.sort(key=lambda r: (sort_key(r.period), unit_order.get(r.unit, 0), r.kind, r.id))
        self.by_unit: dict[str, list[Report]] = defaultdict(list)
        self.by_period: dict[Period, list[Report]] = defaultdict(list)
        self.by_kind: dict[str, list[Report]] = defaultdict(list)
        self._place: dict[str, int] = {}  # source -> its place in by_unit
        for report in self.reports:
            self._place[report.source] = len(self.by_unit[report.unit])
            self.by_unit[report.unit].append(report)
            self.by_period[report.period].append(report)
            self.by_kind[report.kind].append(report)

    @property
    def periods(self) -> list[Period]:
        """Every period that has a report or is owed, newest first."""
        known = set(self.by_period) | {p for e in self.collection.expectations for p in e.periods}
        return sorted(known, key=sort_key, reverse=True)

    def unit(self, unit_id: str) -> Unit:
        return self.collection.units[unit_id]

    def kind(self, kind_id: str) -> Kind:
        return self.collection.kinds[kind_id]

    def neighbours(self, report: Report) -> tuple[Report | None, Report | None]:
        """The previous and next report of the same unit, in time order."""
        siblings = self.by_unit[report.unit]
        index = self._place[report.source]
        before = siblings[index - 1] if index > 0 else None
        after = siblings[index + 1] if index + 1 < len(siblings) else None
        return before, after


def unit_uri(unit_id: str) -> str:
    return f"units/{unit_id}.md"


def period_uri(period: Period) -> str:
    return f"periods/{period.slug}.md"


def kind_uri(kind_id: str) -> str:
    return f"kinds/{kind_id}.md"


def within_site(uri: str) -> bool:
    """True if a site-relative path stays inside the output folder: relative, without `..` or empty parts."""
    parts = uri.split("/")
    return bool(uri) and "\\" not in uri and all(part not in ("", ".", "..") for part in parts)


def link(from_uri: str, to_uri: str) -> str:
    """A relative Markdown link target from one page's src_uri to another's."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def format_date(value: object) -> str:
    """2024年7月8日, or an empty string."""
    year, month, day = getattr(value, "year", None), getattr(value, "month", None), getattr(value, "day", None)
    return f"{year}年{month}月{day}日" if year else ""
