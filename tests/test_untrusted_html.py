"""Raw HTML in a report cannot run script in the published site (checked in Chromium)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from huibian.sanitize import clean_html

from conftest import mkdocs_build, report_text, serve_folder

HOSTILE_BODY = """\
今年以来，我局扎实推进各项工作。

<script>window.__pwned = "script"; alert("script")</script>

<img src="missing.png" onerror="window.__pwned = 'onerror'; alert('onerror')">

<a id="jslink" href="javascript:window.__pwned='link';alert('link')">相关链接</a>

<iframe src="javascript:alert('frame')"></iframe>

<div onmouseover="window.__pwned='hover'" style="position:fixed;inset:0">覆盖层</div>

<svg><script>window.__pwned = "svg"</script></svg>

## 一、工作开展情况

加强理论学习，落实<b>重点任务</b>。
"""


def test_cleaner_keeps_report_markup_and_drops_script() -> None:
    html = clean_html('<p onclick="x()">正文<b>加粗</b><script>bad()</script></p><a href="javascript:x()">链接</a>')
    assert html == "<p>正文<b>加粗</b></p><a>链接</a>"


@pytest.fixture
def served_hostile_site(project: Callable[..., Path]) -> Iterator[str]:
    root = project({"jtj/a.md": report_text(title="测试县交通运输局2024年上半年意识形态工作情况汇报", body=HOSTILE_BODY)})
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    with serve_folder(root / "site") as url:
        yield url


def test_generated_page_html_has_no_active_content(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": report_text(body=HOSTILE_BODY)})
    assert mkdocs_build(root).returncode == 0
    page = (root / "site/reports/jtj/2024-h1-ideology/index.html").read_text(encoding="utf-8")
    article = page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    for needle in ("<script", "onerror", "onmouseover", "javascript:", "<iframe", "__pwned"):
        assert needle not in article
    assert "<b>重点任务</b>" in article
    assert "相关链接" in article  # the link text survives, only the script URL is gone


@pytest.mark.browser
def test_hostile_report_runs_no_script_in_chromium(served_hostile_site: str, browser: Any) -> None:
    dialogs: list[str] = []
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(served_hostile_site + "reports/jtj/2024-h1-ideology/")
    page.wait_for_load_state("load")
    page.mouse.move(300, 300)
    page.get_by_text("相关链接").click()
    page.wait_for_timeout(300)
    pwned = page.evaluate("window.__pwned === undefined ? null : window.__pwned")
    heading = page.locator("h1").first.inner_text()
    context.close()
    assert dialogs == []
    assert pwned is None
    assert "意识形态工作情况汇报" in heading
