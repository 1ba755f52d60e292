"""H001–H003: links and images that leave the project, remote images, raw HTML that will be stripped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from huibian.check import check_collection

from conftest import report_text

INTRO = "导语。\n\n## 一、工作开展情况\n\n"
FIRST_BODY_LINE = 13  # report_text(): 9 lines of front matter, a blank line, the intro and a blank


def codes(project: Callable[..., Path], body_line: str) -> list[tuple[str, int, int]]:
    root = project({"jtj/a.md": report_text(body=INTRO + body_line + "\n")})
    return [(f.code, f.line, f.col) for f in check_collection(root).findings if f.code.startswith("H")]


@pytest.mark.parametrize(
    ("line", "col"),
    [
        ("![](file:///etc/passwd)", 5),
        ("见[附件](../../../secret.docx)。", 7),
        ("![图](/etc/hosts)", 6),
        ('<img src="C:\\Users\\a.png">', 11),
    ],
)
def test_targets_outside_the_project_are_errors(project: Callable[..., Path], line: str, col: int) -> None:
    assert codes(project, line) == [("H001", FIRST_BODY_LINE + 2, col)]


@pytest.mark.parametrize(
    "line",
    ["![示意图](images/a.png)", "[单位主页](https://example.org/)", "[上一篇](../jtj/b.md)", "[本节](#一工作开展情况)"],
)
def test_targets_inside_the_project_or_ordinary_links_pass(project: Callable[..., Path], line: str) -> None:
    assert codes(project, line) == []


def test_remote_image_is_a_warning(project: Callable[..., Path]) -> None:
    assert codes(project, "![照片](https://example.org/p.jpg)") == [("H002", FIRST_BODY_LINE + 2, 7)]


@pytest.mark.parametrize(
    ("line", "col"),
    [("<script>alert(1)</script>", 1), ('正文<img src="a.png" onerror="x()">', 3), ('<a href="javascript:x()">看</a>', 10),
     ('<iframe src="a.html"></iframe>', 1)],
)
def test_active_html_is_reported(project: Callable[..., Path], line: str, col: int) -> None:
    found = codes(project, line)
    assert ("H003", FIRST_BODY_LINE + 2, col) in found


def test_plain_html_formatting_passes(project: Callable[..., Path]) -> None:
    assert codes(project, "落实<b>重点任务</b>，记录 onlineform 与 javascripts 目录。") == []
