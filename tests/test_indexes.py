"""Generated index pages, asserted on the HTML of real MkDocs builds (a tiny collection in tmp_path)."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

import markdown
import pytest

from huibian.check import check_collection
from huibian.html_blocks import finish

from conftest import TINY_COLLECTION, article, copy_project, mkdocs_build, report_links, report_text, row, text


def meta(**fields: str) -> str:
    base = {"date": "2024-07-08", "classification": "public", "status": "final"}
    base.update(fields)
    return "".join(f"{k}: {v}\n" for k, v in base.items())


JTJ_H1 = report_text(
    extra=meta(tags="[理论学习]", summary="上半年理论学习和阵地管理情况"),
    body=(
        "今年上半年，我局认真落实“三会一课”制度。\n\n"
        "## 一、工作开展情况\n\n"
        "开展“清风课堂”活动，学习《中国共产党宣传工作条例》。"
        "群众说“好”，也说“这件事办得好，大家都满意。”\n\n"
        "## 二、存在的问题\n\n"
        "个别支部“三会一课”流于形式。\n"
    ),
)
JTJ_2023 = report_text(
    title="测试县交通运输局2023年度意识形态工作情况汇报", period="2023",
    extra=meta(date="2024-01-10", classification="internal"),
    body="## 一、工作开展情况\n\n坚持“清风课堂”常态化。\n",
)
GLZX_DRAFT = report_text(
    title="测试县公路养护中心2024年上半年意识形态工作情况汇报", unit="glzx",
    extra=meta(status="draft", tags="[舆论引导]"),
    body="## 一、工作开展情况\n\n推进“道班夜校”建设。\n",
)
TINY = {"jtj/2024-h1.md": JTJ_H1, "jtj/2023.md": JTJ_2023, "glzx/2024-h1.md": GLZX_DRAFT}


def build_tiny(base: Path, env: dict[str, str] | None = None) -> Path:
    """The tiny collection as a real project, built; returns its site folder."""
    root = copy_project(base / "project", demo=False)
    (root / "reports").mkdir()
    (root / "reports" / "collection.yml").write_text(TINY_COLLECTION, encoding="utf-8")
    for name, content in TINY.items():
        (root / "reports" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "reports" / name).write_text(content, encoding="utf-8")
    done = mkdocs_build(root, env=env)
    assert done.returncode == 0, done.stderr
    assert "anchor" not in done.stderr, done.stderr  # every section link of the term index resolves
    return root / "site"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny(tmp_path_factory.mktemp("internal"))


@pytest.fixture(scope="module")
def tiny_public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny(tmp_path_factory.mktemp("public"), env={"HUIBIAN_AUDIENCE": "public"})


def test_unit_page_lists_exactly_its_reports(tiny: Path) -> None:
    jtj = article(tiny, "units/jtj")
    assert report_links("units/jtj/", jtj) == {"reports/jtj/2024-h1-ideology/", "reports/jtj/2023-ideology/"}
    assert "下属单位" in text(jtj) and "测试县公路养护中心" in text(jtj)
    # newest period first, with summary line and date
    assert text(jtj).index("2024年上半年") < text(jtj).index("2023年度")
    assert "上半年理论学习和阵地管理情况" in text(jtj)
    assert "2024年7月8日" in text(jtj)
    glzx = article(tiny, "units/glzx")
    assert report_links("units/glzx/", glzx) == {"reports/glzx/2024-h1-ideology/"}
    assert "上级单位" in text(glzx) and "测试县交通运输局" in text(glzx)
    assert "暂无报告" in text(article(tiny, "units/jyj"))


def test_period_matrix_marks_submitted_draft_and_missing(tiny: Path) -> None:
    html = article(tiny, "periods/2024-h1")
    assert "应报 3 份：已报送 1，草稿 1，未报送 1" in text(html)
    assert row(html, "交通运输局") == "已报送"
    assert row(html, "养护中心") == "草稿"
    assert row(html, "教育局") == "未报送"
    assert "未报送：教育局（意识形态工作）" in text(html)
    assert report_links("periods/2024-h1/", html) == {"reports/jtj/2024-h1-ideology/", "reports/glzx/2024-h1-ideology/"}


def test_overview_matrix_and_kind_page(tiny: Path) -> None:
    html = article(tiny, "status")
    assert "hb-st--missing" in html and "hb-st--draft" in html
    assert row(html, "教育局") == "— | 未报送"  # columns: 2023年度, 2024年上半年
    # jtj's 2023 report is not owed by collection.yml but still shown
    assert row(html, "交通运输局") == "已报送（非应报） | 已报送"
    assert row(html, "已报送/应报") == "0/0 | 1/3"
    kind = article(tiny, "kinds/ideology")
    assert len(report_links("kinds/ideology/", kind)) == 3
    assert text(kind).index("2024年上半年") < text(kind).index("2023年度")


def test_term_index_links_every_report_and_section(tiny: Path) -> None:
    html = article(tiny, "genindex")
    entries = text(html)
    assert "清风课堂（2 处，2 份报告）" in entries
    assert "三会一课（2 处，1 份报告）" in entries
    assert "道班夜校" in entries
    # noise: a one-character quote, a quoted sentence, a book title
    assert "“好”" not in entries and "这件事办得好" not in entries and "宣传工作条例" not in entries
    # grouped by pinyin initial: 清 (Q), 三 (S), 道 (D)
    assert re.search(r"<h2[^>]*>D.*道班夜校.*<h2[^>]*>Q.*清风课堂.*<h2[^>]*>S.*三会一课", html, re.S)
    item = re.search(r"<li>\s*<strong>清风课堂</strong>.*?</ul>", html, re.S)
    assert item
    assert report_links("genindex/", item.group(0)) == {"reports/jtj/2024-h1-ideology/", "reports/jtj/2023-ideology/"}
    anchors = re.findall(r'href="([^"]*2024-h1-ideology/)#([^"]+)"', item.group(0))
    assert anchors, item.group(0)
    report_html = (tiny / "reports/jtj/2024-h1-ideology/index.html").read_text(encoding="utf-8")
    for _, anchor in anchors:
        assert f'id="{anchor}"' in report_html
    assert "一、工作开展情况" in text(item.group(0))
    documents = text(article(tiny, "genindex/documents"))
    assert "《中国共产党宣传工作条例》（1 处，1 份报告）" in documents


def test_tags_statistics_and_navigation(tiny: Path) -> None:
    tags = article(tiny, "tags")
    assert "理论学习" in text(tags) and "舆论引导" in text(tags)
    assert "测试县交通运输局2024年上半年意识形态工作情况汇报" in text(tags)
    stats = article(tiny, "stats")
    assert "共 3 份报告" in text(stats)
    assert row(stats, "交通运输局").startswith("2 |")
    home = (tiny / "index.html").read_text(encoding="utf-8")
    tabs = {title: href for href, title in
            re.findall(r'<a href="([^"]*)" class="md-tabs__link">\s*([^<]*?)\s*</a>', home)}
    assert tabs["按单位"] == "units/" and tabs["报送情况"] == "status/" and tabs["索引"] == "genindex/"
    assert {"按期间", "按类别", "标签", "统计"} <= set(tabs)
    # detail pages stay out of the navigation
    assert "units/jtj/" not in re.sub(r"<article.*?</article>", "", home, flags=re.S)


def test_public_build_reveals_no_internal_or_draft_report(tiny_public: Path) -> None:
    hidden = ("2023年度意识形态工作情况汇报", "公路养护中心2024年上半年", "道班夜校", "草稿")
    for url in ("units", "units/jtj", "units/glzx", "periods", "periods/2024-h1", "periods/2023", "kinds",
                "kinds/ideology", "status", "tags", "genindex", "genindex/documents", "stats"):
        if not (tiny_public / url / "index.html").exists():
            continue
        html = article(tiny_public, url)
        for word in hidden:
            assert word not in text(html), (url, word)
        assert report_links(url + "/", html) <= {"reports/jtj/2024-h1-ideology/"}, url
    tags_json = (tiny_public / "tags.json").read_text(encoding="utf-8")
    assert "glzx" not in tags_json and "2023-ideology" not in tags_json
    matrix = article(tiny_public, "periods/2024-h1")
    assert "应报 3 份：已公开 1，未公开 2" in text(matrix)
    assert row(matrix, "养护中心") == "未公开"
    stats = article(tiny_public, "stats")
    assert "共 1 份报告" in text(stats)
    assert "清风课堂（1 处，1 份报告）" in text(article(tiny_public, "genindex"))


def test_unknown_tag_is_a_finding_and_not_a_new_tag(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": report_text(extra=meta(tags="[理论学习, 舆论导向]"))})
    result = check_collection(root)
    [finding] = result.findings
    assert (finding.code, finding.line, finding.path) == ("M015", 9, "reports/jtj/a.md")
    assert "标签“舆论导向”不在 collection.yml 的 tags 中，是不是“舆论引导”？" in finding.message
    assert result.reports[0].tags == ("理论学习",)
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    assert "M015" in done.stderr
    assert "舆论导向" not in article(root / "site", "tags")


def test_rebuild_after_an_edit_regenerates_the_pages(project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """What `mkdocs serve` does on a change: load the config again and build in the same process."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = project({"jtj/2024-h1.md": JTJ_H1})
    monkeypatch.setenv("HUIBIAN_PDF", "0")
    monkeypatch.chdir(root)

    def rebuild() -> None:
        config = load_config(str(root / "mkdocs.yml"))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)

    rebuild()
    assert row(article(root / "site", "periods/2024-h1"), "教育局") == "未报送"
    jyj = report_text(title="测试县教育局2024年上半年意识形态工作情况汇报", unit="jyj", extra=meta(),
                      body="## 一、工作开展情况\n\n开展“清风课堂”活动。\n")
    (root / "reports/jyj").mkdir()
    (root / "reports/jyj/a.md").write_text(jyj, encoding="utf-8")
    rebuild()
    assert row(article(root / "site", "periods/2024-h1"), "教育局") == "已报送"
    assert "清风课堂（2 处，2 份报告）" in text(article(root / "site", "genindex"))


def test_pdf_bundle_links_come_from_the_plan(project: Callable[..., Path]) -> None:
    """Whatever the PDF plan put in SiteModel.pdf_links is linked, on the page it names."""
    from huibian.indexes import index_pages
    from huibian.site import SiteModel

    result = check_collection(project(TINY))
    assert result.collection is not None
    site = SiteModel(result.collection, result.reports)
    site.pdf_links = {
        "units/jtj.md": [("交通运输局报告汇编（PDF）", "pdf/unit-jtj.pdf")],
        "units/index.md": [("测试汇编（全部报告，PDF）", "pdf/collection.pdf")],
    }
    generated = {p.src_uri: p for p in index_pages(site)}
    pages = {uri: p.content for uri, p in generated.items()}
    # The link carries the PDF icon as the page shows it (inline SVG, no emoji extension needed).
    html = finish(markdown.markdown(pages["units/jtj.md"], extensions=["attr_list", "md_in_html"]), generated["units/jtj.md"])
    assert re.search(r'<a href="../pdf/unit-jtj.pdf"><span class="twemoji"><svg [^>]*><path d="[^"]+"\s*/?>'
                     r"(</path>)?</svg></span> 交通运输局报告汇编（PDF）</a>", html)
    assert "(../pdf/collection.pdf)" in pages["units/index.md"]
    assert "pdf/" not in pages["units/glzx.md"] and "pdf/" not in pages["periods/2024-h1.md"]


def test_statistics_count_characters_and_open_placeholders(project: Callable[..., Path]) -> None:
    """Under `mkdocs serve` (errors allowed) the statistics page shows the placeholders still open."""
    from huibian.indexes import stats_page
    from huibian.site import SiteModel

    body = ("## 一、工作开展情况\n\n全年开展培训X次，XX局参加。\n\n另见`XX局`和https://example.com/XX的说明。\n\n"
            "```\nXX 在代码块里不算\n```\n")
    root = project({"jyj/a.md": report_text(unit="jyj", extra=meta(), body=body), "jtj/a.md": JTJ_H1})
    result = check_collection(root)
    assert [f.code for f in result.findings] == ["T001", "T001"]  # not in code, a URL or a code block
    assert result.collection is not None
    content = stats_page(SiteModel(result.collection, result.reports)).content
    right = '<td style="text-align: right;">'
    assert "<th>单位</th>" in content and '<th style="text-align: right;">未填占位符</th>' in content
    jyj_row = f'<td><a href="../units/jyj/">教育局</a></td>\n{right}1</td>\n{right}31</td>\n{right}31</td>\n{right}2</td>'
    assert jyj_row in content  # the same two as lint
    assert "- 教育局：2 处，见 [测试县教育局2024年上半年意识形态工作情况汇报](../reports/jyj/2024-h1-ideology.md)" in content
    assert "交通运输局：" not in content


def test_overview_uses_one_character_marks_for_many_periods(project: Callable[..., Path]) -> None:
    """Ten periods of three units still fit the page: ✓ / 稿 / ✗ with the full word as tooltip."""
    from huibian.indexes import overview_page
    from huibian.matrix import Matrix
    from huibian.site import SiteModel

    periods = ", ".join(f"{y}-H1, \"{y}\"" for y in range(2020, 2025))
    collection = TINY_COLLECTION.replace("periods: [2024-H1]", f"periods: [{periods}]")
    result = check_collection(project(TINY, collection=collection))
    assert result.collection is not None and not result.findings
    site = SiteModel(result.collection, result.reports)
    content = overview_page(site, Matrix(site.collection, site.reports)).content
    assert 'class="hb-matrix hb-matrix--compact hb-scroll"' in content
    assert '<a class="hb-st hb-st--ok" href="../reports/jtj/2024-h1-ideology/" title="已报送">✓</a>' in content
    assert '<span class="hb-st hb-st--missing" title="未报送">✗</span>' in content
    assert '<a class="hb-st hb-st--draft" href="../reports/glzx/2024-h1-ideology/" title="草稿">稿</a>' in content
    assert "应报 30 份：已报送 2，草稿 1，未报送 27" in content  # jtj's 2023 report is owed now too


def test_large_term_index_is_split_per_initial(project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from huibian import indexes
    from huibian.site import SiteModel
    from huibian.terms import build_index

    result = check_collection(project(TINY))
    assert result.collection is not None
    site = SiteModel(result.collection, result.reports)
    monkeypatch.setattr(indexes, "SPLIT_INDEX_AT", 2)
    pages = {p.src_uri: p.content for p in indexes.term_pages(site, build_index(site.reports))}
    assert set(pages) == {"genindex/index.md", "genindex/documents.md", "genindex/d.md", "genindex/q.md",
                          "genindex/s.md"}
    assert '<li><a href="q/">清风课堂</a>（2 处，2 份报告）</li>' in pages["genindex/index.md"]
    assert "reports/" not in pages["genindex/index.md"]
    assert "<li><strong>清风课堂</strong>（2 处，2 份报告）<ul>" in pages["genindex/q.md"]
    assert 'href="../../reports/jtj/2023-ideology/#一工作开展情况"' in pages["genindex/q.md"]


def test_raw_html_links_are_the_ones_mkdocs_writes() -> None:
    """The term index's links are raw HTML: each href is what MkDocs makes of the Markdown link."""
    from mkdocs.structure.files import File

    from huibian.indexes import href

    pairs = [("genindex/index.md", "reports/jtj/2024-h1-ideology.md"), ("genindex/q.md", "genindex/index.md"),
             ("genindex/documents.md", "reports/jtj/2024-h1-ideology-第二份.md"), ("units/index.md", "units/jtj.md"),
             ("units/jtj.md", "reports/jtj/2024-h1-ideology.md"), ("index.md", "units/a b.md"),
             ("reports/jtj/2024-h1-ideology.md", "reports/jtj/2023-ideology.md"),
             ("reports/jtj/2024-h1-ideology.md", "pdf/unit-jtj.pdf"), ("units/index.md", "pdf/汇编.pdf")]
    for here, there in pairs:
        source, target = (File(uri, "/docs", "/site", use_directory_urls=True) for uri in (here, there))
        assert href(here, there) == target.url_relative_to(source), (here, there)


def test_report_lists_show_markup_in_titles_and_summaries_as_text(project: Callable[..., Path]) -> None:
    """Index lists are raw HTML: a title or summary holding markup or blank lines stays text in its list item."""
    from huibian.indexes import index_pages
    from huibian.site import SiteModel

    odd = report_text(
        title="测试县交通运输局2023年度<b>意识形态</b>工作*情况*汇报 & [链接](x.md)", period="2023",
        extra=meta(date="2024-01-10", summary='"第一段 <script>alert(1)</script>\\n\\n  第二段 **粗**"'),
        body="## 一、工作开展情况\n\n正文。\n",
    )
    result = check_collection(project({**TINY, "jtj/2023.md": odd}))
    assert result.collection is not None
    site = SiteModel(result.collection, result.reports)
    page = next(p for p in index_pages(site) if p.src_uri == "units/jtj.md")
    html = finish(markdown.markdown(page.content, extensions=["attr_list", "md_in_html", "tables"]), page)
    items = re.findall(r"<li>(.*?)</li>", html, re.S)
    assert len(items) == 2  # both reports, each in its own item
    odd_item = next(i for i in items if "2023" in i)
    assert '<a href="../../reports/jtj/2023-ideology/">' in odd_item
    assert text(odd_item).split(" 意识形态工作")[0] == "测试县交通运输局2023年度<b>意识形态</b>工作*情况*汇报 & [链接](x.md)"
    assert "第一段 <script>alert(1)</script>" in unescape(odd_item) and "<script>" not in odd_item
    assert "第二段 **粗**" in unescape(odd_item)
