"""A generated report page: front matter that reads back whatever the title, metadata line, neighbours."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import markdown
import yaml
from hypothesis import given
from hypothesis import strategies as st

from huibian.html_blocks import finish
from huibian.report_page import front_matter

from conftest import report_text

NASTY = [
    "县交通运输局2024年上半年意识形态工作情况汇报",
    '标题: "引号" #井号 - 减号 [方括号] {花括号} & * ! | > \' % @ `',
    "行一\n行二\r\n\t制表\x00\x07\x1b\x7f\x85\u2028\u2029\ufeff\ufffe\uffff",
    "null", "yes", "1e3", "~", "", " 前后空格 ", "😀 表情 𠀀",
]


def test_front_matter_reads_back_for_hostile_titles() -> None:
    """Values read back HTML-escaped: templates print page titles and tags as HTML."""
    for title in NASTY:
        fields: dict[str, str | list[str]] = {"title": title, "huibian_report": "jtj-2024-h1", "tags": [title, "宣传"]}
        escaped = {"title": html.escape(title), "huibian_report": "jtj-2024-h1", "tags": [html.escape(title), "宣传"]}
        assert yaml.safe_load(front_matter(fields)) == escaped


@given(st.text(), st.lists(st.text(), max_size=3))
def test_front_matter_reads_back_for_any_text(title: str, tags: list[str]) -> None:
    fields: dict[str, str | list[str]] = {"title": title, "huibian_report": "u1-2024", "tags": tags}
    escaped = {"title": html.escape(title), "huibian_report": "u1-2024", "tags": [html.escape(t) for t in tags]}
    assert yaml.safe_load(front_matter(fields)) == escaped


def test_metadata_line_and_neighbours_as_the_reader_sees_them(project: Callable[..., Path]) -> None:
    """Unit, period and kind links, the PDF icon link and the neighbours, with titles shown as text."""
    from huibian.check import check_collection
    from huibian.report_page import report_page
    from huibian.site import SiteModel

    older = report_text(title="测试县交通运输局2023年度<i>意识形态</i>工作*情况*汇报", period="2023")
    result = check_collection(project({"jtj/2024-h1.md": report_text(), "jtj/2023.md": older}))
    assert result.collection is not None
    site = SiteModel(result.collection, result.reports)
    report = next(r for r in site.reports if r.period.code == "2024-H1")
    site.pdf_links = {report.src_uri: [("交通运输局报告汇编（PDF）", "pdf/unit-jtj.pdf")]}
    page = report_page(report, site)
    html = finish(markdown.markdown(page.content.split("---\n", 2)[2], extensions=["attr_list", "md_in_html"]), page)
    meta = re.search(r'<div class="hb-meta">\s*<p>(.*?)</p>\s*</div>', html, re.S)
    assert meta is not None
    assert '<a href="../../../units/jtj/">测试县交通运输局</a> · <a href="../../../periods/2024-h1/">2024年上半年</a>' in meta[1]
    assert re.search(r'<a href="../../../pdf/unit-jtj.pdf"><span class="twemoji"><svg [^>]*><path d="[^"]+"\s*/?>'
                     r"(</path>)?</svg></span> 交通运输局报告汇编（PDF）</a>", meta[1])
    siblings = re.search(r'<nav class="hb-siblings">\s*<p>(.*?)</p>\s*</nav>', html, re.S)
    assert siblings is not None
    assert siblings[1] == ('<a class="hb-prev" href="../2023-ideology/">← 上一篇：'
                           "测试县交通运输局2023年度&lt;i&gt;意识形态&lt;/i&gt;工作*情况*汇报</a>")


def test_a_paragraph_that_looks_like_a_placeholder_stays_text(project: Callable[..., Path]) -> None:
    """The page's metadata and neighbour links come back once, where Huibian put them, and nowhere else."""
    from conftest import mkdocs_build

    lookalikes = ["hb-html-block-0", "hb-html-block-1", "hb-block-0123456789abcdef-0"]
    body = "导语。\n\n" + "\n\n".join(lookalikes) + "\n\n## 一、工作开展情况\n\n正文。\n"
    root = project({"jtj/2024-h1.md": report_text(body=body), "jtj/2023.md": report_text(period="2023")})
    assert mkdocs_build(root).returncode == 0
    page = (root / "site/reports/jtj/2024-h1-ideology/index.html").read_text(encoding="utf-8")
    assert page.count('<div class="hb-meta">') == 1 and page.count('<nav class="hb-siblings">') == 1
    for text in lookalikes:
        assert f"<p>{text}</p>" in page
