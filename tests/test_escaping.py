"""Text from a report shows literally on the generated pages, whatever Markdown it looks like."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from huibian.escaping import markdown_text, plain_text

from conftest import mkdocs_build, report_text

# attr_list syntax would turn into attributes of the heading, and a heading's closing hashes are dropped.
TITLE = "测试县交通运输局2024年上半年意识形态工作情况汇报 第*1*_号_ [注] | {: .hb-evil #top } #"


def test_title_with_attribute_list_and_closing_hash_shows_literally(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": report_text(title=f"'{TITLE}'")})
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr[-3000:]
    page = (root / "site/reports/jtj/2024-h1-ideology/index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert heading is not None
    assert 'class="hb-evil"' not in page and 'id="top"' not in page
    shown = re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", heading.group(1)))
    assert shown == TITLE
    unit_page = (root / "site/units/jtj/index.html").read_text(encoding="utf-8")
    assert f">{TITLE}</a>" in unit_page


def test_plain_text_gives_back_what_markdown_text_escaped() -> None:
    for text in (TITLE, r"a\b`c`<d>&e", "约1~2天 (见#3) +1 !"):
        assert plain_text(markdown_text(text)) == text
