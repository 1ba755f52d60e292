"""The generated part of the home page: the current period and who is missing, the latest reports,
the compilations to download and the ways into the site.

Written below the hand-written docs/index.md text. A pure function of the SiteModel (the reports
the edition publishes) and the git history, so the public edition names only what it publishes,
in the matrix's 已公开 / 未公开 wording.
"""

from __future__ import annotations

from huibian.history import History, latest_reports
from huibian.indexes import KINDS, PERIODS, PUBLIC_NOTE, STATUS, UNITS, escape, link
from huibian.matrix import Matrix, due_order
from huibian.periods import Period
from huibian.report_page import badges
from huibian.site import SiteModel, format_date, kind_uri, period_uri, unit_uri

HOME = "index.md"
LATEST_LIMIT = 8
"""How many of the latest reports the home page lists (最近更新 lists more)."""


def current_period(site: SiteModel, matrix: Matrix) -> Period | None:
    """The newest period that is owed or has reports, by when it falls due."""
    periods = set(site.by_period) | {cell.period for cell in matrix.owed_cells()}
    return max(periods, key=due_order, default=None)


def home_markdown(site: SiteModel, history: History, matrix: Matrix) -> str:
    """Markdown appended to the home page's own text (`matrix`: the edition's, `indexes.edition_matrix`)."""
    lines = ["", '<div class="hb-home" markdown>', ""]
    lines += _current(site, matrix)
    lines += _latest(site, history)
    lines += _downloads(site, current_period(site, matrix))
    lines += _browse(site)
    lines += ["</div>", ""]
    return "\n".join(lines)


def _current(site: SiteModel, matrix: Matrix) -> list[str]:
    period = current_period(site, matrix)
    if period is None:
        return ["## 本期报送情况", "", "暂无报告，collection.yml 中也没有规定应报送的报告。", ""]
    target = link(HOME, period_uri(period))
    lines = [f"## 本期报送情况：[{period.label}]({target})", ""]
    if matrix.public:
        lines += [PUBLIC_NOTE, ""]
    if not matrix.owed_cells(period):
        lines += [f"本期没有规定应报送的报告，已有 {len(site.by_period.get(period, []))} 份。", ""]
        return lines
    lines += [f"**{matrix.summary(period)}**", ""]
    missing = matrix.missing(period)
    label = "未公开" if matrix.public else "尚未报送"
    if missing:
        names = "、".join(
            f"[{escape(site.unit(c.unit).short)}]({link(HOME, unit_uri(c.unit))})（{escape(site.kind(c.kind).name)}）"
            for c in missing
        )
        lines += [f"{label}：{names}", ""]
    else:
        lines += ["应报送的报告已全部公开。" if matrix.public else "应报送的报告已全部报送。", ""]
    lines += [f"详见[{period.label}各单位报送表]({target})和[报送情况总表]({link(HOME, STATUS)})。", ""]
    return lines


def _latest(site: SiteModel, history: History) -> list[str]:
    latest = latest_reports(site, history, LATEST_LIMIT)
    lines = ["## 最新报告", ""]
    if not latest:
        return [*lines, "暂无报告。", ""]
    for report, when in latest:
        day = f"{format_date(when)} " if when else ""
        unit = escape(site.unit(report.unit).short)
        marks = badges(report)
        lines.append(f"- {day}[{escape(report.title)}]({link(HOME, report.src_uri)})（{unit}）" + (f" {marks}" if marks else ""))
    lines += ["", f"更多见[最近更新]({link(HOME, 'recent.md')})。", ""]
    return lines


def _downloads(site: SiteModel, period: Period | None) -> list[str]:
    """The current period's compilations and the whole collection's, when PDFs are built."""
    found = list(site.pdf_links.get(period_uri(period), [])) if period else []
    found += [entry for entry in site.pdf_links.get(UNITS, []) if entry not in found]
    if not found:
        return []
    lines = ['<div class="hb-pdfs" markdown>', "", "## 汇编下载", ""]
    lines += [f"- [{escape(label)}]({link(HOME, pdf)})" for label, pdf in found]
    return [*lines, "", "</div>", ""]


def _browse(site: SiteModel) -> list[str]:
    units = " · ".join(
        f"[{escape(u.short)}]({link(HOME, unit_uri(u.id))})" for u in site.collection.units_in_order()
    )
    periods = " · ".join(f"[{p.label}]({link(HOME, period_uri(p))})" for p in sorted(site.periods, key=due_order, reverse=True))
    kinds = " · ".join(f"[{escape(k.name)}]({link(HOME, kind_uri(k.id))})" for k in site.collection.kinds.values())
    return [
        "## 浏览",
        "",
        f"- [按单位]({link(HOME, UNITS)})：{units}",
        f"- [按期间]({link(HOME, PERIODS)})：{periods}",
        f"- [按类别]({link(HOME, KINDS)})：{kinds}",
        "",
    ]
