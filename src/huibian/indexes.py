"""Generated index pages: units, periods (with the submission matrix), kinds, the overview of who
has submitted, tags, the term index and statistics.

Every page is a pure function of the SiteModel, which holds only the reports the edition shows:
the public edition's pages therefore never name, link or count an internal or draft report.
Landing pages are `<section>/index.md` (listed in the navigation by NAV_SECTIONS); detail pages
are left out of the navigation but are built and searchable.

Lists of reports and terms and the tables are written as raw HTML blocks, in the shape Python-Markdown
would give them and with the hrefs MkDocs would write (`report_page.href`): Python-Markdown's inline
pass over thousands of links cost more than all the rest of these pages. User text in them goes
through `huibian.escaping`.
"""

from __future__ import annotations

import html
from collections.abc import Hashable
from functools import partial

from huibian.collection import Kind, Unit
from huibian.escaping import html_text as escape_html
from huibian.escaping import markdown_text as escape
from huibian.html_blocks import set_aside
from huibian.matrix import Cell, Matrix, State, due_order
from huibian.memo import OFF, Memo, listing_key
from huibian.periods import Period
from huibian.recycled import SHOWN_FROM, percent, source_label
from huibian.report import Report
from huibian.report_page import badges, file_icon, href
from huibian.site import GeneratedPage, SiteModel, format_date, kind_uri, period_uri, unit_uri
from huibian.stats import Tally, statistics
from huibian.terms import Entry, TermIndex, build_index, grouped

UNITS = "units/index.md"
PERIODS = "periods/index.md"
KINDS = "kinds/index.md"
STATUS = "status/index.md"
TAGS = "tags/index.md"
TERMS = "genindex/index.md"
DOCUMENTS = "genindex/documents.md"
STATS = "stats/index.md"
REVIEW = "review/index.md"

# The generated sections of the navigation: (title, landing page).
NAV_SECTIONS = (
    ("按单位", UNITS),
    ("按期间", PERIODS),
    ("按类别", KINDS),
    ("报送情况", STATUS),
    ("标签", TAGS),
    ("索引", TERMS),
    ("统计", STATS),
    ("重复率", REVIEW),
)

PUBLIC_NOTE = (
    "本页为公开版：只统计已公开的报告。“未公开”表示该单位本期的报告尚未报送或不对外公开。"
)


def link(from_uri: str, to_uri: str) -> str:
    """A relative link between two generated pages: up to the root, then down.

    Not always the shortest path (`../units/a.md` from `units/b.md`), but valid, and much cheaper
    than posixpath.relpath on the tens of thousands of links of a large collection's index pages.
    """
    return "../" * from_uri.count("/") + to_uri


def _pdfs(site: SiteModel, uri: str) -> list[str]:
    """Links to the PDF bundles planned for this page and their Word files, if any (not printed: .hb-pdfs)."""
    links = [f"[{file_icon(path)} {escape(label)}]({link(uri, path)})" for label, path in site.pdf_links.get(uri, [])]
    return ["汇编下载：" + " · ".join(links), "{: .hb-pdfs }", ""] if links else []


def _report_item(report: Report, from_uri: str, site: SiteModel, show_unit: bool = True,
                 show_kind: bool = True) -> str:
    """A report as a list item of a raw HTML list: title, badges, then unit · kind · date and the summary."""
    details = []
    if show_unit:
        details.append(f'<a href="{href(from_uri, unit_uri(report.unit))}">{escape_html(site.unit(report.unit).short)}</a>')
    if show_kind:
        details.append(escape_html(site.kind(report.kind).name))
    if report.date:
        details.append(format_date(report.date))
    marks = badges(report)
    item = f'<li><a href="{href(from_uri, report.src_uri)}">{escape_html(report.title)}</a>' + (f" {marks}" if marks else "")
    item += '<br><span class="hb-line-details">' + " · ".join(details) + "</span>"
    if report.summary:
        item += f"<br>{escape_html(report.summary)}"
    return item + "</li>"


# -- units ------------------------------------------------------------------------------------

def unit_pages(site: SiteModel, memo: Memo = OFF) -> list[GeneratedPage]:
    pages = []
    rows = []
    for unit in site.collection.units_in_order():
        parent = escape_html(site.unit(unit.parent).short) if unit.parent else ""
        reports = site.by_unit.get(unit.id, [])
        latest = max((r.period for r in reports), key=due_order).label if reports else "—"
        rows.append([_a(UNITS, unit_uri(unit.id), unit.name), parent, str(len(reports)), latest])
    table = _html_table(["单位", "上级单位", "报告数", "最近一期"], rows, right=frozenset({2}))
    pages.append(GeneratedPage(UNITS, "\n".join(["# 按单位浏览", "", *_pdfs(site, UNITS), *table])))
    for unit in site.collection.units_in_order():
        reports = site.by_unit.get(unit.id, [])
        key = ("unit", unit.id, _listed(reports), _pdfs_key(site, unit_uri(unit.id)))
        pages.append(memo.get(key, partial(_unit_page, site, unit, reports)))
    return pages


def _unit_page(site: SiteModel, unit: Unit, reports: list[Report]) -> GeneratedPage:
    uri = unit_uri(unit.id)
    lines = [f"# {escape(unit.name)}", ""]
    facts = [f"简称：{escape_html(unit.short)}"]
    if unit.parent:
        up = site.unit(unit.parent)
        facts.append(f"上级单位：{_a(uri, unit_uri(up.id), up.name)}")
    children = site.collection.children(unit.id)
    if children:
        facts.append("下属单位：" + "、".join(_a(uri, unit_uri(c.id), c.name) for c in children))
    facts.append(f"报告 {len(reports)} 份")
    lines += ['<div class="hb-meta">', f"<p>{' · '.join(facts)}</p>", "</div>", ""]
    lines += _pdfs(site, uri)
    if not reports:
        lines += ["暂无报告。", ""]
    for period in sorted({r.period for r in reports}, key=due_order, reverse=True):
        lines += [f"## [{period.label}]({link(uri, period_uri(period))})", ""]
        lines += _html_list([_report_item(r, uri, site, show_unit=False) for r in reports if r.period == period])
    return GeneratedPage(uri, "\n".join(lines))


# -- the submission matrix ----------------------------------------------------------------------

COMPACT_FROM = 6
"""From this many periods on, the overview shows one-character marks so the table fits the page."""
MISSING_LISTED = 50
"""At most this many missing reports are named above the overview matrix."""


def _cell(cell: Cell | None, from_uri: str, compact: bool = False) -> str:
    if cell is None:
        return '<span class="hb-st hb-st--none" title="不需报送">—</span>'
    state = cell.state
    extra = "" if cell.owed else "（非应报）"
    label = state.mark if compact else state.value + extra
    if cell.reports:
        target = href(from_uri, cell.reports[0].src_uri)
        return f'<a class="hb-st hb-st--{state.css}" href="{target}" title="{state.value}{extra}">{label}</a>'
    return f'<span class="hb-st hb-st--{state.css}" title="{state.value}">{label}</span>'


def legend(matrix: Matrix, compact: bool = False) -> str:
    if compact:
        marks = " ".join(f'<span class="hb-st hb-st--{s.css}">{s.mark}</span> {s.value}' for s in matrix.states)
    else:
        marks = " ".join(f'<span class="hb-st hb-st--{s.css}">{s.value}</span>' for s in matrix.states)
    return f'<p class="hb-legend">图例：{marks} <span class="hb-st hb-st--none">—</span> 不需报送</p>'


def period_matrix(site: SiteModel, matrix: Matrix, period: Period, uri: str) -> list[str]:
    """Units × kinds for one period, with counts."""
    kinds = matrix.kinds_in(period)
    if not kinds:
        return ["本期没有应报送的报告。", ""]
    lines = [f"**{matrix.summary(period)}**", "", legend(matrix), ""]
    rows = [[_a(uri, unit_uri(unit.id), unit.short), *(_cell(matrix.cell(unit.id, period, k.id), uri) for k in kinds)]
            for unit in matrix.units(period=period)]
    lines += _html_table(["单位", *(escape_html(k.name) for k in kinds)], rows)
    missing = matrix.missing(period)
    if missing:
        label = "未公开" if matrix.public else "未报送"
        names = "、".join(f"{escape(site.unit(c.unit).short)}（{escape(site.kind(c.kind).name)}）" for c in missing)
        lines += [f"{label}：{names}", ""]
    return lines


def overview_page(site: SiteModel, matrix: Matrix) -> GeneratedPage:
    """报送情况: the whole matrix, units × periods, one coloured table per kind."""
    uri = STATUS
    lines = ["# 报送情况", ""]
    if matrix.public:
        lines += [f'!!! note "公开版"\n    {PUBLIC_NOTE}', ""]
    lines += [f"**合计{matrix.summary()}**", ""]
    missing = matrix.missing()[::-1]
    if missing:
        label = "未公开" if matrix.public else "未报送"
        names = "；".join(
            f"[{c.period.label}]({link(uri, period_uri(c.period))}) {escape(site.unit(c.unit).short)}"
            f"（{escape(site.kind(c.kind).name)}）"
            for c in missing[:MISSING_LISTED]
        )
        more = f"；等共 {len(missing)} 份，见各期间页" if len(missing) > MISSING_LISTED else ""
        lines += [f"{label}：{names}{more}", ""]
    compact = any(len(matrix.periods(k.id)) >= COMPACT_FROM for k in matrix.kinds())
    lines += [legend(matrix, compact), ""]
    for kind in matrix.kinds():
        periods = matrix.periods(kind.id)
        lines += [f"## [{escape(kind.name)}]({link(uri, kind_uri(kind.id))})", "", matrix.summary(kind=kind.id), ""]
        css = "hb-matrix hb-matrix--compact" if compact else "hb-matrix"
        rows = [[_a(uri, unit_uri(unit.id), unit.short),
                 *(_cell(matrix.cell(unit.id, p, kind.id), uri, compact) for p in periods)]
                for unit in matrix.units(kind=kind.id)]
        done = State.PUBLISHED if matrix.public else State.SUBMITTED
        totals = []
        for period in periods:
            counts = matrix.counts(period, kind.id)
            totals.append(f"{counts.get(done, 0)}/{sum(counts.values())}")
        rows.append([f"<strong>{done.value}/应报</strong>", *totals])
        table = _html_table(["单位", *(f'<a href="{href(uri, period_uri(p))}">{p.label}</a>' for p in periods)], rows)
        lines += [f'<div class="{css} hb-scroll">', _scroll_hint("期间"), *table[:-1], "</div>", ""]
    if not matrix.kinds():
        lines += ["collection.yml 中没有规定应报送的报告（expectations）。", ""]
    return GeneratedPage(uri, "\n".join(lines))


# -- periods and kinds --------------------------------------------------------------------------

def period_pages(site: SiteModel, matrix: Matrix, memo: Memo = OFF, listed: Hashable = None) -> list[GeneratedPage]:
    """The periods' landing page and each period's page; `listed`: `_listed(site.reports)` if known."""
    periods = sorted(site.periods, key=due_order, reverse=True)
    everything = _listed(site.reports) if listed is None else listed
    pages = [memo.get(("periods", everything, _pdfs_key(site, PERIODS)), lambda: _periods_page(site, matrix, periods))]
    for period in periods:
        reports = site.by_period.get(period, [])
        key = ("period", period, _listed(reports), _pdfs_key(site, period_uri(period)))
        pages.append(memo.get(key, partial(_period_page, site, matrix, period, reports)))
    return pages


def _periods_page(site: SiteModel, matrix: Matrix, periods: list[Period]) -> GeneratedPage:
    rows = []
    for period in periods:
        count = len(site.by_period.get(period, []))
        owed = matrix.summary(period) if matrix.owed_cells(period) else "—"
        rows.append([_a(PERIODS, period_uri(period), period.label), str(count), owed])
    table = _html_table(["期间", "报告数", "报送情况"], rows, right=frozenset({1}))
    return GeneratedPage(PERIODS, "\n".join(["# 按期间浏览", "", *_pdfs(site, PERIODS), *table]))


def _period_page(site: SiteModel, matrix: Matrix, period: Period, reports: list[Report]) -> GeneratedPage:
    """A period's page: its submission matrix (which the reports of the period decide) and its reports."""
    uri = period_uri(period)
    lines = [f"# {period.label}", ""]
    if matrix.public:
        lines += [f'!!! note "公开版"\n    {PUBLIC_NOTE}', ""]
    lines += _pdfs(site, uri)
    lines += ["## 报送情况", ""] + period_matrix(site, matrix, period, uri)
    lines += [f"## 本期报告（{len(reports)} 份）", ""]
    lines += _html_list([_report_item(r, uri, site) for r in reports]) or ["暂无报告。"]
    return GeneratedPage(uri, "\n".join(lines) + "\n")


def kind_pages(site: SiteModel, memo: Memo = OFF) -> list[GeneratedPage]:
    rows = [[_a(KINDS, kind_uri(kind.id), kind.name), str(len(site.by_kind.get(kind.id, [])))]
            for kind in site.collection.kinds.values()]
    table = _html_table(["类别", "报告数"], rows, right=frozenset({1}))
    pages = [GeneratedPage(KINDS, "\n".join(["# 按类别浏览", "", *_pdfs(site, KINDS), *table]))]
    for kind in site.collection.kinds.values():
        reports = site.by_kind.get(kind.id, [])
        key = ("kind", kind.id, _listed(reports), _pdfs_key(site, kind_uri(kind.id)))
        pages.append(memo.get(key, partial(_kind_page, site, kind, reports)))
    return pages


def _kind_page(site: SiteModel, kind: Kind, reports: list[Report]) -> GeneratedPage:
    uri = kind_uri(kind.id)
    lines = [f"# {escape(kind.name)}", "", *_pdfs(site, uri)]
    for period in sorted({r.period for r in reports}, key=due_order, reverse=True):
        lines += [f"## [{period.label}]({link(uri, period_uri(period))})", ""]
        lines += _html_list([_report_item(r, uri, site, show_kind=False) for r in reports if r.period == period])
    if not reports:
        lines.append("暂无报告。")
    return GeneratedPage(uri, "\n".join(lines) + "\n")


# -- tags ---------------------------------------------------------------------------------------

def tags_page(site: SiteModel) -> GeneratedPage:
    """The tags index, filled in by Material's tags plugin from the report pages' `tags`."""
    allowed = "、".join(escape(t) for t in site.collection.tags) or "（未规定）"
    lines = [
        "# 标签",
        "",
        f"报告可用的标签在 reports/collection.yml 的 tags 中统一规定：{allowed}。",
        "",
        "<!-- material/tags -->",
        "",
    ]
    return GeneratedPage(TAGS, "\n".join(lines))


# -- the term index -----------------------------------------------------------------------------

def _entry_html(entry: Entry, uri: str, site: SiteModel, memo: Memo, term: str | None = None) -> str:
    """One term as the list item Python-Markdown would make of `- **term**（…）` and its sub-list."""
    shown = tuple((r.unit, r.period, r.kind, r.suffix, *sections) for r, sections in entry.places.values())
    key = ("entry", uri, entry.term, term, entry.count, shown)
    return memo.get(key, lambda: _make_entry_html(entry, uri, site, term))


def _make_entry_html(entry: Entry, uri: str, site: SiteModel, term: str | None) -> str:
    places = entry.by_report()
    items = []
    for report, sections in places:
        target = href(uri, report.src_uri)
        label = f"{site.unit(report.unit).short} · {report.period.label} · {site.kind(report.kind).name}"
        where = "、".join(f'<a href="{target}#{html.escape(s.anchor)}">{escape_html(s.title)}</a>' for s in sections if s.anchor)
        items.append(f'<li><a href="{target}">{escape_html(label)}</a>' + (f"：{where}" if where else "") + "</li>")
    head = escape_html(entry.term if term is None else term)
    return f"<li><strong>{head}</strong>（{entry.count} 处，{len(places)} 份报告）<ul>\n" + "\n".join(items) + "\n</ul>\n</li>"


def _html_list(items: list[str]) -> list[str]:
    """A raw HTML list block: Python-Markdown keeps it as it is (it must stand alone between blank lines)."""
    return ["<ul>", *items, "</ul>", ""] if items else []


def _html_table(head: list[str], rows: list[list[str]], right: frozenset[int] = frozenset()) -> list[str]:
    """A raw HTML table, as Python-Markdown's tables extension writes one; `right`: right-aligned columns."""
    def cells(tag: str, values: list[str]) -> list[str]:
        return [f'<{tag} style="text-align: right;">{v}</{tag}>' if n in right else f"<{tag}>{v}</{tag}>"
                for n, v in enumerate(values)]

    lines = ["<table>", "<thead>", "<tr>", *cells("th", head), "</tr>", "</thead>", "<tbody>"]
    for row in rows:
        lines += ["<tr>", *cells("td", row), "</tr>"]
    return [*lines, "</tbody>", "</table>", ""]


def _a(from_uri: str, to_uri: str, text: str) -> str:
    """A raw HTML link to a page, with user text."""
    return f'<a href="{href(from_uri, to_uri)}">{escape_html(text)}</a>'


def _scroll_hint(what: str) -> str:
    """Shown above a table wider than the screen (docs/javascripts/hb-tables.js), which then slides sideways."""
    return f'<p class="hb-scroll-hint" aria-hidden="true">左右滑动查看更多{what} →</p>'


def _jump_bar(groups: list[tuple[str, list[Entry]]]) -> str:
    return " · ".join(f"[{_group_title(letter)}](#{_group_id(letter)})" for letter, _ in groups)


def _group_title(letter: str) -> str:
    return "其他" if letter == "#" else letter


def _group_id(letter: str) -> str:
    return "其他" if letter == "#" else letter.lower()


SPLIT_INDEX_AT = 3000
"""With more report links than this, the term index gets one page per initial (like Sphinx's
`html_split_index`), so no reader has to load one page of megabytes."""


def _letter_uri(letter: str) -> str:
    return f"genindex/{'other' if letter == '#' else letter.lower()}.md"


def term_pages(site: SiteModel, index: TermIndex, memo: Memo = OFF) -> list[GeneratedPage]:
    groups = grouped(index.terms.values())
    links = sum(len(entry.places) for _, entries in groups for entry in entries)
    split = links > SPLIT_INDEX_AT
    lines = [
        "# 索引",
        "",
        "报告中用引号标出的提法、活动和品牌（如“三会一课”），以及报告元数据 index 中列出的词条，"
        "按拼音首字母排列；每个词条链接到使用它的报告和章节。"
        f"报告引用的文件（《…》）见[引用文件]({link(TERMS, DOCUMENTS)})。",
        "",
    ]
    pages = []
    if groups:
        lines += [_jump_bar(groups), ""]
    for letter, entries in groups:
        lines += [f"## {_group_title(letter)}", ""]
        if split:
            uri = _letter_uri(letter)
            target = href(TERMS, uri)
            lines += _html_list([
                f'<li><a href="{target}">{escape_html(e.term)}</a>（{e.count} 处，{len(e.places)} 份报告）</li>'
                for e in entries
            ])
            detail = [f"# 索引：{_group_title(letter)}", "", f"[返回索引]({link(uri, TERMS)})", ""]
            detail += _html_list([_entry_html(entry, uri, site, memo) for entry in entries])
            pages.append(GeneratedPage(uri, "\n".join(detail)))
        else:
            lines += _html_list([_entry_html(entry, TERMS, site, memo) for entry in entries])
    if not groups:
        lines += ["暂无词条。", ""]
    documents = grouped(index.documents.values())
    doc_lines = ["# 引用文件", "", f"报告中以书名号《》引用的文件、讲话和书籍。[返回索引]({link(DOCUMENTS, TERMS)})", ""]
    for letter, entries in documents:
        doc_lines += [f"## {_group_title(letter)}", ""]
        doc_lines += _html_list([_entry_html(entry, DOCUMENTS, site, memo, f"《{entry.term}》") for entry in entries])
    if not documents:
        doc_lines += ["暂无引用文件。", ""]
    return [GeneratedPage(TERMS, "\n".join(lines)), GeneratedPage(DOCUMENTS, "\n".join(doc_lines)), *pages]


# -- statistics ---------------------------------------------------------------------------------

def stats_page(site: SiteModel, memo: Memo = OFF) -> GeneratedPage:
    data = statistics(site.reports, memo)
    uri = STATS

    def row(label: str, tally: Tally) -> list[str]:
        average = tally.characters // tally.reports if tally.reports else 0
        return [label, str(tally.reports), f"{tally.characters:,}", f"{average:,}", str(tally.placeholders)]

    def table(first: str, rows: list[list[str]]) -> list[str]:
        head = [first, "报告数", "汉字数", "平均每份", "未填占位符"]
        html_table = _html_table(head, rows, right=frozenset({1, 2, 3, 4}))
        return ['<div class="hb-scroll">', _scroll_hint("列"), *html_table[:-1], "</div>", ""]

    lines = ["# 统计", ""]
    if site.audience == "public":
        lines += ['!!! note "公开版"\n    本页只统计已公开的报告。', ""]
    lines += [f"共 **{data.total.reports}** 份报告，**{data.total.characters:,}** 个汉字。", "", "## 按单位", ""]
    lines += table("单位", [
        row(_a(uri, unit_uri(unit.id), unit.short), data.by_unit.get(unit.id, Tally()))
        for unit in site.collection.units_in_order()
    ])
    lines += ["## 按期间", ""]
    lines += table("期间", [
        row(_a(uri, period_uri(period), period.label), data.by_period.get(period.code, Tally()))
        for period in sorted(site.periods, key=due_order, reverse=True)
    ])
    lines += ["## 按类别", ""]
    lines += table("类别", [
        row(_a(uri, kind_uri(kind.id), kind.name), data.by_kind.get(kind.id, Tally()))
        for kind in site.collection.kinds.values()
    ])
    lines += ["## 未填的模板占位符", ""]
    if not data.total.with_placeholders:
        lines += ["所有报告均已填写完整，没有残留的占位符。", ""]
    else:
        for unit in site.collection.units_in_order():
            found = data.by_unit.get(unit.id)
            if found and found.with_placeholders:
                links = "、".join(f"[{escape(r.title)}]({link(uri, r.src_uri)})" for r in found.with_placeholders)
                lines.append(f"- {escape(unit.short)}：{found.placeholders} 处，见 {links}")
        lines.append("")
    return GeneratedPage(uri, "\n".join(lines))


# -- recycled text (重复率) ------------------------------------------------------------------------

def review_page(site: SiteModel) -> GeneratedPage:
    """Per period, newest first, the reports whose text stands in earlier or other units' reports, by share."""
    uri = REVIEW
    lines = ["# 重复率", ""]
    analysis = site.recycled
    if analysis is None:
        return GeneratedPage(uri, "\n".join([*lines, "暂无数据。", ""]))
    settings = analysis.settings
    lines += [
        "每份报告的正文与本单位早期报告、其他单位（同期及以前）报告相同的比例。年份、数字改动或语序调换的，"
        "仍算相同；标题、引号和书名号中的内容不算；"
        f"在 {analysis.common_units} 个及以上单位的报告中都出现的表述视为通用提法，不算重复。"
        f"超过 {percent(settings.threshold)} 的报告标为“超过阈值”，`huibian check` 给出警告（R001–R003）；"
        "阈值等设置见 reports/collection.yml 的 review: recycled:。"
        f"只列出重复率不低于 {percent(SHOWN_FROM)} 的报告；点击报告，在页首可标出重复的文字。",
        "",
    ]
    if site.audience == "public":
        lines += ['!!! note "公开版"\n    本页只在已公开的报告之间比较。', ""]
    listed = 0
    for period in sorted(site.by_period, key=due_order, reverse=True):
        found = [r for r in (analysis.shown(report) for report in site.by_period[period]) if r is not None]
        if not found:
            continue
        found.sort(key=lambda r: (-r.share, r.report.source))
        rows = []
        for result in found:
            report = result.report
            mark = ' <span class="hb-badge hb-badge--above">超过阈值</span>' if result.share > settings.threshold else ""
            top = (result.earlier + result.others)[:2]
            sources = "、".join(_a(uri, s.report.src_uri, source_label(s.report, site.collection)) for s in top)
            rows.append([_a(uri, report.src_uri, report.title) + mark, escape_html(site.unit(report.unit).short),
                         percent(result.share), percent(result.earlier_share), percent(result.other_share), sources])
        lines += [f"## {period.label}（{len(found)} 份）", ""]
        lines += _html_table(["报告", "单位", "重复率", "与本单位早期报告", "与其他单位报告", "主要来源"], rows,
                             right=frozenset({2, 3, 4}))
        listed += len(found)
    if not listed:
        lines += [f"没有重复率达到 {percent(SHOWN_FROM)} 的报告。", ""]
    return GeneratedPage(uri, "\n".join(lines))


def edition_matrix(site: SiteModel, memo: Memo = OFF) -> Matrix:
    """Units × periods × kinds of the edition (which the reports' listing fields decide)."""
    return memo.get(("matrix", _listed(site.reports)), lambda: Matrix(site.collection, site.reports, site.audience))


def index_pages(site: SiteModel, matrix: Matrix | None = None, memo: Memo = OFF) -> list[GeneratedPage]:
    """Every generated index page of the site; from `memo`, those whose reports did not change what they show."""
    matrix = edition_matrix(site, memo) if matrix is None else matrix
    listed = _listed(site.reports)
    pages = (
        unit_pages(site, memo)
        + period_pages(site, matrix, memo, listed)
        + kind_pages(site, memo)
        + [memo.get(("status", listed), lambda: overview_page(site, matrix)), tags_page(site)]
        + term_pages(site, build_index(site.reports, memo), memo)
        + [stats_page(site, memo), review_page(site)]
    )
    return [memo.get(("aside", page.src_uri, page.content), partial(_aside, page)) for page in pages]


def _aside(page: GeneratedPage) -> GeneratedPage:
    return GeneratedPage(page.src_uri, *set_aside(page.content))


def _listed(reports: list[Report]) -> tuple[tuple[object, ...], ...]:
    """What index pages show of `reports`: a memo key."""
    return tuple(listing_key(report) for report in reports)


def _pdfs_key(site: SiteModel, uri: str) -> tuple[tuple[str, str], ...]:
    """The compilations a page links to (`_pdfs`): a memo key."""
    return tuple(site.pdf_links.get(uri, ()))
