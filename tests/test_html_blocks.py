"""Raw HTML set aside from generated Markdown and put back: the page reads as if Markdown had kept it."""

from __future__ import annotations

import markdown

from huibian.html_blocks import block_key, finish, placeholder, put_back, set_aside, wrap
from huibian.site import GeneratedPage

EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html", "admonition", "footnotes"]

GENERATED = "\n".join([
    "# 交通运输局",
    "",
    '<div class="hb-meta">',
    '<p><a href="../">全部单位</a> · 报告 3 篇 &amp; PDF</p>',
    "</div>",
    "",
    "## 2024年度",
    "",
    "<ul>",
    '<li><a href="../../reports/jtj/2024/">2024年工作总结</a></li>',
    "</ul>",
    "",
    "正文里的 <b>行内</b> 标签留在段落里。",
    "",
    '<p class="hb-legend">图例：已报送</p>',
    "",
    "<!-- material/tags -->",
    "",
    "<table>",
    "<tr><td>1</td></tr>",
    "</table>",
])


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def test_blocks_set_aside_and_put_back_give_the_html_markdown_writes() -> None:
    text, blocks = set_aside(GENERATED)
    assert len(blocks) == 4
    assert "<ul>" not in text and "<table>" not in text
    assert "<!-- material/tags -->" in text  # Material's tags marker is not a block of ours
    assert "<b>行内</b>" in text  # inline HTML in a paragraph stays for Markdown
    lines = lambda html: [line for line in html.split("\n") if line.strip()]  # noqa: E731
    assert lines(put_back(convert(text), blocks)) == lines(convert(GENERATED))


def test_a_placeholder_without_its_block_is_left_alone() -> None:
    blocks = ("<ul></ul>",)
    missing = f"<p>{placeholder(7, block_key(blocks))}</p>"
    assert put_back(missing, blocks) == missing
    # A paragraph that looks like a placeholder of other blocks is text, not a block of this page.
    other = f"<p>{placeholder(0, block_key(('<ol></ol>',)))}</p>"
    assert put_back(other, blocks) == other
    assert put_back(f"<p>{placeholder(0, block_key(blocks))}</p>", blocks) == "<ul></ul>"


def test_run_in_heads_are_bold_where_a_paragraph_or_line_starts() -> None:
    html = convert("（一）加强领导。局党组召开会议。\n\n总体上，（二）不是标题。\n（二）健全制度&台账。正文。")
    bold = wrap(html, ["（一）加强领导。", "（二）健全制度&台账。", "（三）没有这一段。"], "<strong>", paragraph_start=True)
    assert "<p><strong>（一）加强领导。</strong>局党组召开会议。</p>" in bold
    assert "总体上，（二）不是标题。\n<strong>（二）健全制度&amp;台账。</strong>正文。" in bold
    assert bold.count("<strong>") == 2


def test_finish_puts_back_blocks_then_sets_bold() -> None:
    page = GeneratedPage("reports/jtj/2024.md", "", ('<div class="hb-meta"><p>元数据</p></div>',), ("（一）标题。",))
    html = finish(f"<p>{placeholder(0, block_key(page.html_blocks))}</p>\n<p>（一）标题。正文</p>", page)
    assert html == '<div class="hb-meta"><p>元数据</p></div>\n<p><strong>（一）标题。</strong>正文</p>'


def test_finish_marks_recycled_text_in_the_body_not_in_the_metadata() -> None:
    meta = '<div class="hb-meta"><p>重复文字</p></div>'
    page = GeneratedPage("reports/jtj/2024.md", "", (meta,), (), marked=("重复文字", "没有这段"))
    html = finish(f"<p>{placeholder(0, block_key(page.html_blocks))}</p>\n<p>正文重复文字。</p>", page)
    assert html == meta + '\n<p>正文<mark class="hb-recycled">重复文字</mark>。</p>'
