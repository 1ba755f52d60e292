"""Linter findings in the site: the build log, and a Chinese box on the page in preview only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from huibian.findings import Finding, Severity
from huibian.lint import findings_admonition
from huibian.report import Report, parse_report

from conftest import mkdocs_build, report_text

BODY = """\
今年以来，我局扎实推进意识形态工作。

## 一、工作开展情况

（一）加强组织领导。局党组召开会议2次。

## 二、存在的问题

\u3000\u3000一是学习不够深入；二是宣传力量不强。
"""


def _page(root: Path) -> str:
    return (root / "site" / "reports" / "jtj" / "2024-h1-ideology" / "index.html").read_text(encoding="utf-8")


def test_preview_box_lists_findings_with_section_links(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": report_text(body=BODY)})
    shown = mkdocs_build(root, env={"HUIBIAN_SHOW_FINDINGS": "1"})
    assert shown.returncode == 0, shown.stderr
    assert "reports/jtj/a.md:19:1: J004 警告 行首有 2 个全角空格" in shown.stderr
    page = _page(root)
    assert "检查发现 1 个问题（0 个错误，1 个警告），请作者修改" in page
    assert 'class="admonition warning"' in page
    assert "第 19 行第 1 列" in page
    assert 'href="#二存在的问题"' in page and 'id="二存在的问题"' in page

    published = mkdocs_build(root)
    assert published.returncode == 0, published.stderr
    assert "检查发现" not in _page(root)
    assert "J004" in published.stderr  # the build log still lists it


def test_admonition_text_escapes_markdown_and_marks_front_matter() -> None:
    report, _ = parse_report(report_text(body=BODY).encode(), "reports/jtj/a.md", None)
    assert isinstance(report, Report)
    findings = [
        Finding("reports/jtj/a.md", 2, 1, "K001", Severity.ERROR, "标题写的是“**”"),
        Finding("reports/jtj/a.md", 15, 12, "T001", Severity.ERROR, "“X”像是占位符"),
    ]
    box = findings_admonition(report, findings, lambda text: "anchor")
    assert box.startswith('!!! danger "检查发现 2 个问题（2 个错误，0 个警告），请作者修改"')
    assert "    - **错误 K001** 第 2 行第 1 列（元数据）：标题写的是“\\*\\*”" in box
    assert "    - **错误 T001** 第 15 行第 12 列，见 [一、工作开展情况](#anchor)：“X”像是占位符" in box
