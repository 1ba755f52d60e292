"""Generated index pages: units, periods and kinds, each with a landing page."""

from __future__ import annotations

from huibian.periods import sort_key
from huibian.report import Report
from huibian.report_page import badges
from huibian.site import GeneratedPage, SiteModel, format_date, kind_uri, link, period_uri, unit_uri


def _report_line(report: Report, from_uri: str, site: SiteModel, show_unit: bool = True) -> str:
    unit = site.unit(report.unit).short if show_unit else site.kind(report.kind).name
    date = format_date(report.date)
    details = " · ".join(x for x in (unit, date) if x)
    summary = f"<br>{report.summary}" if report.summary else ""
    return f"- [{report.title}]({link(from_uri, report.src_uri)}) {badges(report)}<br>{details}{summary}"


def unit_pages(site: SiteModel) -> list[GeneratedPage]:
    pages = []
    rows = ["| 单位 | 简称 | 上级单位 | 报告数 |", "|---|---|---|---:|"]
    for unit in site.collection.units_in_order():
        parent = site.unit(unit.parent).short if unit.parent else ""
        rows.append(f"| [{unit.name}]({link('units/index.md', unit_uri(unit.id))}) | {unit.short} | {parent} | "
                    f"{len(site.by_unit.get(unit.id, []))} |")
    pages.append(GeneratedPage("units/index.md", "# 按单位浏览\n\n" + "\n".join(rows) + "\n"))
    for unit in site.collection.units_in_order():
        uri = unit_uri(unit.id)
        lines = [f"# {unit.name}", ""]
        if unit.parent:
            above = site.unit(unit.parent)
            lines += [f"上级单位：[{above.name}]({link(uri, unit_uri(above.id))})", ""]
        children = site.collection.children(unit.id)
        if children:
            names = "、".join(f"[{c.name}]({link(uri, unit_uri(c.id))})" for c in children)
            lines += [f"下属单位：{names}", ""]
        reports = site.by_unit.get(unit.id, [])
        if not reports:
            lines += ["暂无报告。", ""]
        for period in sorted({r.period for r in reports}, key=sort_key, reverse=True):
            lines += [f"## {period.label}", ""]
            lines += [_report_line(r, uri, site, show_unit=False) for r in reports if r.period == period]
            lines.append("")
        pages.append(GeneratedPage(uri, "\n".join(lines)))
    return pages


def period_pages(site: SiteModel) -> list[GeneratedPage]:
    pages = []
    index = ["# 按期间浏览", ""]
    for period in site.periods:
        count = len(site.by_period.get(period, []))
        index.append(f"- [{period.label}]({link('periods/index.md', period_uri(period))})（{count} 份）")
    pages.append(GeneratedPage("periods/index.md", "\n".join(index) + "\n"))
    for period in site.periods:
        uri = period_uri(period)
        reports = site.by_period.get(period, [])
        lines = [f"# {period.label}", ""]
        lines += [_report_line(r, uri, site) for r in reports] or ["暂无报告。"]
        pages.append(GeneratedPage(uri, "\n".join(lines) + "\n"))
    return pages


def kind_pages(site: SiteModel) -> list[GeneratedPage]:
    pages = []
    index = ["# 按类别浏览", ""]
    for kind in site.collection.kinds.values():
        count = len(site.by_kind.get(kind.id, []))
        index.append(f"- [{kind.name}]({link('kinds/index.md', kind_uri(kind.id))})（{count} 份）")
    pages.append(GeneratedPage("kinds/index.md", "\n".join(index) + "\n"))
    for kind in site.collection.kinds.values():
        uri = kind_uri(kind.id)
        reports = site.by_kind.get(kind.id, [])
        lines = [f"# {kind.name}", ""]
        for period in sorted({r.period for r in reports}, key=sort_key, reverse=True):
            lines += [f"## {period.label}", ""]
            lines += [_report_line(r, uri, site) for r in reports if r.period == period]
            lines.append("")
        if not reports:
            lines.append("暂无报告。")
        pages.append(GeneratedPage(uri, "\n".join(lines) + "\n"))
    return pages


# The generated sections of the navigation: (title, landing page).
NAV_SECTIONS = (("按单位", "units/index.md"), ("按期间", "periods/index.md"), ("按类别", "kinds/index.md"))


def index_pages(site: SiteModel) -> list[GeneratedPage]:
    """Every generated index page of the site."""
    return unit_pages(site) + period_pages(site) + kind_pages(site)
