"""The search index on disk: keys, sections taken from built pages, shards, editions."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from huibian.code_version import code_digest
from huibian.search import (
    INDEX_DIR,
    Entry,
    Facets,
    Section,
    keys,
    page_sections,
    query_keys,
    section_keys,
    shard_of,
    write_index,
)
from huibian.search_cache import SectionCache

from conftest import TINY_COLLECTION, mkdocs_build, report_text

BODY = (
    "今年上半年，我局扎实推进意识形态工作。\n\n"
    "## 一、工作开展情况\n\n开办“清风夜校”，组织网评员培训3次。\n\n"
    "### （一）加强阵地管理\n\n落实三会一课制度。\n\n"
    "## 二、存在的问题\n\n学习强国积分偏低。\n"
)


def lookup(site: Path, term: str) -> set[str]:
    """What the browser does with the index: intersect the term's keys, map sections to reports."""
    data = site / INDEX_DIR
    meta = json.loads((data / "meta.json").read_text(encoding="utf-8"))
    found: set[int] | None = None
    for key in query_keys(term):
        shard = json.loads((data / "s" / f"{shard_of(key, meta['shards'])}.json").read_text(encoding="utf-8"))
        ids, total = set(), 0
        for delta in shard.get(key, []):
            total += delta
            ids.add(total)
        found = ids if found is None else found & ids
    starts = [r[5] for r in meta["reports"]]
    reports = {max(i for i, s in enumerate(starts) if s <= section) for section in found or set()}
    return {meta["reports"][i][1] for i in reports}


def test_keys_are_bigrams_of_han_runs_and_lowercased_words() -> None:
    assert list(keys("意识形态")) == ["意识", "识形", "形态"]
    assert list(keys("“清风夜校”，2024年PDF")) == ["清风", "风夜", "夜校", "2024", "pdf"]
    assert query_keys("形态") == ["形态"]
    assert query_keys("字") == []  # a single character has no bigram: the page asks for two


def test_shard_of_is_stable_and_in_range() -> None:
    assert shard_of("意识", 1) == 0
    assert {shard_of(k, 16) for k in ("意识", "识形", "形态", "清风", "夜校", "2024")} <= set(range(16))
    assert shard_of("意识", 256) == shard_of("意识", 256)
    # FNV-1a of "a" (0x61): the JavaScript in hb-search.js computes the same
    assert shard_of("a", 2**31) == 0xE40C292C % 2**31


def test_page_sections_split_at_headings_and_skip_title_meta_and_permalinks() -> None:
    html = (
        '<html><body><nav>菜单</nav><article class="md-content__inner md-typeset">'
        "<h1>某局汇报</h1><div class=\"hb-meta\"><p>某局 · 2024年上半年</p></div>"
        "<p>导语正文。</p>"
        '<h2 id="一工作情况">一、工作情况<a class="headerlink" href="#一工作情况">¶</a></h2>'
        "<p>第一段。</p><ul><li>甲</li><li>乙</li></ul>"
        '<h3 id="一阵地">（一）阵地</h3><p>阵地<strong>管理</strong>。<br>下一行</p>'
        '<nav class="hb-siblings"><a href="#">下一篇</a></nav>'
        "</article><footer>页脚</footer></body></html>"
    )
    sections = page_sections(html)
    assert [(s.anchor, s.heading) for s in sections] == [("", ""), ("一工作情况", "一、工作情况"), ("一阵地", "（一）阵地")]
    assert sections[0].text == "导语正文。"
    assert sections[1].text == "第一段。\n甲\n乙"
    assert sections[2].text == "阵地管理。\n下一行"


def test_write_index_lays_out_meta_shards_and_texts(tmp_path: Path) -> None:
    entries = [
        Entry("reports/a/", "甲局汇报", "a", "2024-H1", "k", [Section("", "", "意识形态工作")]),
        Entry("reports/b/", "乙局汇报", "b", "2024", "k", [Section("", "", "导语"), Section("x", "一、形态", "正文")]),
    ]
    facets = Facets([("a", "甲局"), ("b", "乙局")], [("2024-H1", "2024年上半年"), ("2024", "2024年度")],
                    [("k", "意识形态工作")])
    stats, _ = write_index(tmp_path, entries, facets)
    data = tmp_path / INDEX_DIR
    meta = json.loads((data / "meta.json").read_text(encoding="utf-8"))
    assert meta["reports"] == [["甲局汇报", "reports/a/", 0, 0, 0, 0], ["乙局汇报", "reports/b/", 1, 1, 0, 1]]
    assert meta["units"] == [["a", "甲局"], ["b", "乙局"]]
    assert (stats.reports, stats.sections) == (2, 3)
    assert json.loads((data / "t" / "1.json").read_text(encoding="utf-8")) == {
        "s": [["", "", "导语"], ["x", "一、形态", "正文"]]
    }
    assert lookup(tmp_path, "形态") == {"reports/a/", "reports/b/"}
    shard = json.loads((data / "s" / f"{shard_of('形态', meta['shards'])}.json").read_text(encoding="utf-8"))
    assert shard["#形态"] == [2]  # the heading of section 2 holds it: ranked first


def test_an_index_brought_up_to_date_is_the_index_written_afresh(tmp_path: Path) -> None:
    """A live preview's rebuild rewrites only the files an edit changed, and they hold what a new index would."""
    def entries(edited: list[Section]) -> list[Entry]:
        return [
            Entry("reports/a/", "甲局汇报", "a", "2024", "k", [Section("", "", "落实意识形态工作责任制")]),
            Entry("reports/b/", "乙局汇报", "b", "2024", "k", edited),
            Entry("reports/c/", "丙局汇报", "a", "2024", "k", [Section("y", "二、问题", "阵地管理仍有不足")]),
        ]

    facets = Facets([("a", "甲局"), ("b", "乙局")], [("2024", "2024年度")], [("k", "意识形态")])
    live = tmp_path / "live"
    _, state = write_index(live, entries([Section("", "", "导语"), Section("x", "一、做法", "守好网络阵地")]), facets)
    files = {p: p.stat().st_mtime_ns for p in (live / INDEX_DIR).rglob("*.json")}
    edits = [
        [Section("", "", "导语"), Section("x", "一、做法", "开展清风夜校活动")],  # the same sections, other words
        [Section("", "", "导语")],  # a section fewer: every later section id moves
        [Section("z", "三、计划", "健全网络阵地管理")],
    ]
    for edit in edits:
        _, state = write_index(live, entries(edit), facets, state)
        fresh = tmp_path / "fresh"
        write_index(fresh, entries(edit), facets)
        made, expected = (sorted(p.relative_to(root) for p in (root / INDEX_DIR).rglob("*.json")) for root in (live, fresh))
        assert made == expected
        assert all((live / p).read_bytes() == (fresh / p).read_bytes() for p in expected)
        if edit is edits[0]:
            rewritten = {p for p, mtime in files.items() if p.stat().st_mtime_ns != mtime}
            assert live / INDEX_DIR / "t" / "1.json" in rewritten
            assert live / INDEX_DIR / "t" / "0.json" not in rewritten and live / INDEX_DIR / "meta.json" not in rewritten
    assert lookup(live, "阵地") == {"reports/b/", "reports/c/"}


def test_index_files_are_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Two builds of the same site write the same index: key order may not follow Python's string hashing."""
    program = (
        "import sys; from pathlib import Path; from huibian.search import Entry, Facets, Section, write_index; "
        "text = '坚持以人民为中心，落实意识形态工作责任制，守好网络阵地 ABC Web 2024' * 3; "
        "write_index(Path(sys.argv[1]), [Entry('reports/a/', '甲局汇报', 'a', '2024', 'k', "
        "[Section('x', '一、阵地建设', text)])], Facets([('a', '甲局')], [('2024', '2024年度')], [('k', '意识形态')]))"
    )
    for seed in ("1", "2"):
        subprocess.run([sys.executable, "-c", program, str(tmp_path / seed)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
    first, second = (sorted((tmp_path / seed / INDEX_DIR).rglob("*.json")) for seed in ("1", "2"))
    assert [p.relative_to(tmp_path / "1") for p in first] == [p.relative_to(tmp_path / "2") for p in second]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def reports_in(urls: set[str]) -> set[str]:
    return {url for url in urls if url.startswith("reports/")}


def test_built_site_finds_terms_inside_words_and_only_published_reports(project: Callable[..., Path]) -> None:
    internal = report_text(unit="jyj", title="测试县教育局2024年上半年意识形态工作情况汇报",
                           extra="date: 2024-07-08\nclassification: internal\nstatus: final\n",
                           body="今年上半年，我局开展铜锣巷议事会试点。\n")
    root = project({"jtj/a.md": report_text(body=BODY), "jyj/b.md": internal}, collection=TINY_COLLECTION)
    done = mkdocs_build(root, env={"HUIBIAN_AUDIENCE": "internal"})
    assert done.returncode == 0, done.stderr
    site = root / "site"
    assert (site / "search" / "index.html").is_file()
    for term in ("清风夜校", "风夜", "形态", "网评员", "三会一课", "学习强国", "阵地管理"):
        assert reports_in(lookup(site, term)) == {"reports/jtj/2024-h1-ideology/"}, term
    assert lookup(site, "铜锣巷") == {"reports/jyj/2024-h1-ideology/"}
    # the generated index pages are searchable too (listed apart on the results page)
    assert {"units/jtj/", "units/"} <= lookup(site, "测试县交通运输局")
    assert lookup(site, "不存在的词") == set()

    done = mkdocs_build(root, env={"HUIBIAN_AUDIENCE": "public"})
    assert done.returncode == 0, done.stderr
    assert lookup(site, "铜锣巷") == set()
    for path in (site / "search").rglob("*"):
        if path.is_file():
            assert "铜锣巷" not in path.read_text(encoding="utf-8"), path
    # the header search box is on every page and points at the results page, relatively
    page = (site / "reports" / "jtj" / "2024-h1-ideology" / "index.html").read_text(encoding="utf-8")
    assert 'class="hb-search-box" action="../../../search/"' in page
    assert "search_index.json" not in page and not (site / "search" / "search_index.json").exists()


def test_page_sections_read_html_as_a_browser_does() -> None:
    """Entities, comments, inline SVG, scripts holding tags and quoted `>` do not disturb the sections."""
    html = (
        '<article class="md-content__inner md-typeset"><!-- <h2 id="no">注释</h2> -->'
        "<h1>标题</h1><p>导语&amp;说明&#65306;A&lt;B</p>"
        '<script>var s = "<h2 id=\'x\'>脚本</h2>";</script>'
        '<h2 id="一&amp;二" title="a > b">一、工作<span class=\'twemoji\'><svg viewBox="0 0 24 24">'
        '<path d="M19 3H5"/></svg></span>情况</h2>'
        "<P>第一段<BR/>第二行</P><style>p > a { color: red }</style><p>尾段</p>"
        "</article><p>页脚</p>"
    )
    sections = page_sections(html)
    assert [(s.anchor, s.heading, s.text) for s in sections] == [
        ("", "", "导语&说明：A<B"),
        ("一&二", "一、工作情况", "第一段\n第二行\n尾段"),
    ]


def test_page_sections_read_attribute_names_in_any_case_and_only_as_names() -> None:
    html = (
        '<article CLASS="md-content__inner"><p>导语</p><DIV Class="hb-meta">元信息</DIV>'
        '<p title="class=hb-meta" data-class="headerlink">正文</p>'
        '<H2 ID="一" class="x">一、情况<A CLASS=headerlink href="#一">¶</A></H2><p>段落</p></article>'
    )
    assert [(s.anchor, s.heading, s.text) for s in page_sections(html)] == [
        ("", "", "导语\n正文"),
        ("一", "一、情况", "段落"),
    ]


def test_section_cache_reuses_unchanged_pages_and_extracts_changed_ones(tmp_path: Path) -> None:
    cache_file = tmp_path / ".cache" / "sections.json"
    page = ('<nav>导航</nav><article class="md-content__inner md-typeset"><h1>标题</h1><p>导语意识形态。</p>'
            '<h2 id="yi">一、工作情况</h2><p>清风夜校 PDF</p></article>')
    fresh = page_sections(page)

    other = page.replace("导语", "另一篇的导语")
    first = SectionCache(cache_file)
    assert first.sections(page) == fresh
    first.sections(other)
    assert (first.extracted, first.reused) == (2, 0)
    first.save()

    second = SectionCache(cache_file)
    reused = second.sections(page.replace("导航", "新的导航"))  # outside the article: same entry
    assert (second.extracted, second.reused) == (0, 1)
    assert reused == fresh
    assert [section_keys(s) for s in reused] == [section_keys(s) for s in page_sections(page)]
    assert section_keys(reused[1]) == ("工作 作情 情况", "工作 作情 情况 清风 风夜 夜校 pdf")
    changed = second.sections(page.replace("夜校", "讲堂"))
    assert second.extracted == 1 and [s.text for s in changed] == ["导语意识形态。", "清风讲堂 PDF"]
    second.save()
    # Each build keeps only its own pages: `other`, which the second build did not have, is gone.
    third = SectionCache(cache_file)
    third.sections(other)
    third.sections(page.replace("夜校", "讲堂"))
    assert (third.extracted, third.reused) == (1, 1)


def test_section_cache_ignores_a_damaged_or_foreign_file_and_a_read_only_folder(tmp_path: Path) -> None:
    page = '<article class="md-content__inner"><h2 id="a">一、情况</h2><p>正文内容</p></article>'
    cache_file = tmp_path / "sections.json"
    for damaged in ("{", '{"format": 2, "context": "another version", "entries": {}}', '[1, 2]',
                    json.dumps({"format": 2, "context": code_digest(), "entries": {
                        hashlib.sha256(page.encode()).hexdigest(): [["a", "一、情况", 7, "", ""]]}})):
        cache_file.write_text(damaged, encoding="utf-8")
        cache = SectionCache(cache_file)
        assert cache.sections(page) == page_sections(page) and cache.extracted == 1, damaged

    # A cache that cannot be written (here its folder's name is taken by a file) only costs time.
    blocked = tmp_path / "blocked"
    blocked.write_text("", encoding="utf-8")
    cache = SectionCache(blocked / "sections.json")
    assert cache.sections(page) == page_sections(page)
    cache.save()
    assert sorted(tmp_path.iterdir()) == [blocked, cache_file]


def test_a_build_with_the_cache_writes_the_same_index_as_one_without(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": report_text(body=BODY)}, collection=TINY_COLLECTION)
    assert mkdocs_build(root).returncode == 0
    cache_file = root / ".cache" / "huibian" / "search" / "sections.json"
    assert cache_file.is_file()
    cold = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site" / INDEX_DIR).rglob("*") if p.is_file()}
    done = mkdocs_build(root, "-v")
    assert done.returncode == 0, done.stderr
    assert re.search(r"全文检索：0 个页面重新提取，\d+ 个沿用缓存", done.stderr), done.stderr[-2000:]
    warm = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site" / INDEX_DIR).rglob("*") if p.is_file()}
    assert warm == cold and len(cold) > 3
    assert reports_in(lookup(root / "site", "清风夜校")) == {"reports/jtj/2024-h1-ideology/"}
