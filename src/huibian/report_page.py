"""The Markdown of a report's page: metadata line, badges, body and links to its neighbours."""

from __future__ import annotations

import yaml

from huibian.report import Report
from huibian.site import GeneratedPage, SiteModel, format_date, kind_uri, link, period_uri, unit_uri
from huibian.structure import parse_structure


def badges(report: Report) -> str:
    """HTML badges for the states a reader must notice: internal, draft."""
    marks = []
    if report.classification != "public":
        marks.append('<span class="hb-badge hb-badge--internal">内部</span>')
    if report.is_draft:
        marks.append('<span class="hb-badge hb-badge--draft">草稿</span>')
    return " ".join(marks)


def emphasise_run_in(body: str) -> str:
    """Set paragraph headings and the heading sentence of run-in ones (“（一）加强组织领导。正文……”) in bold."""
    lines = body.split("\n")
    for heading in parse_structure(body).headings:
        if heading.md_depth is not None:
            continue
        line = lines[heading.line - 1]
        start = heading.col - 1
        head = heading.marker + heading.text
        if line[start : start + len(head)] != head or "*" in head or "**" in line[:start]:
            continue
        lines[heading.line - 1] = f"{line[:start]}**{head}**{line[start + len(head):]}"
    return "\n".join(lines)


def report_page(report: Report, site: SiteModel) -> GeneratedPage:
    """The generated page for one report."""
    uri = report.src_uri
    unit = site.unit(report.unit)
    kind = site.kind(report.kind)
    front: dict[str, object] = {"title": report.title, "huibian_report": report.id}
    if report.tags:
        front["tags"] = list(report.tags)
    facts = [
        f"[{unit.name}]({link(uri, unit_uri(unit.id))})",
        f"[{report.period.label}]({link(uri, period_uri(report.period))})",
        f"[{kind.name}]({link(uri, kind_uri(kind.id))})",
    ]
    if report.date:
        facts.append(f"成文日期 {format_date(report.date)}")
    facts += site.history.get(uri, [])
    for label, pdf in site.pdf_links.get(uri, []):
        facts.append(f"[:material-file-pdf-box: {label}]({link(uri, pdf)})")
    meta_line = " · ".join(facts)
    badge = badges(report)
    parts = [
        "---",
        yaml.safe_dump(front, allow_unicode=True, sort_keys=False).strip(),
        "---",
        "",
        f"# {report.title}",
        "",
        '<div class="hb-meta" markdown>',
        "",
        f"{meta_line} {badge}".strip(),
        "",
        "</div>",
        "",
        emphasise_run_in(report.body).strip("\n"),
        "",
    ]
    before, after = site.neighbours(report)
    if before or after:
        parts += ['<nav class="hb-siblings" markdown>', ""]
        if before:
            parts.append(f"[← 上一篇：{before.title}]({link(uri, before.src_uri)}){{ .hb-prev }}")
        if after:
            parts.append(f"[下一篇：{after.title} →]({link(uri, after.src_uri)}){{ .hb-next }}")
        parts += ["", "</nav>", ""]
    return GeneratedPage(uri, "\n".join(parts))
