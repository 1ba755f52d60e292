"""Hostile sizes: each input either works or fails with a clear message within seconds."""

from __future__ import annotations

import resource
from collections.abc import Callable
from pathlib import Path

from huibian.check import check_collection
from huibian.findings import has_errors

from conftest import mkdocs_build, report_text, run_huibian


def test_fifty_megabyte_report_is_refused_without_reading_it(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": report_text()})
    with (root / "reports/jtj/a.md").open("r+b") as handle:
        handle.truncate(50 * 1024 * 1024)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    findings = check_collection(root).findings
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert [(f.code, f.line) for f in findings] == [("F003", 1)]
    assert "52428800 字节" in findings[0].message
    assert grown_kib < 20 * 1024  # the 50 MB were never loaded


def test_deeply_nested_lists_and_quotes_are_findings_with_lines(project: Callable[..., Path]) -> None:
    lists = "".join("    " * i + "- 项目\n" for i in range(40))
    quotes = "> " * 5000 + "引用\n"
    root = project({
        "jtj/a.md": report_text(body="导语。\n\n" + lists),
        "jyj/b.md": report_text(unit="jyj", body="导语。\n\n" + quotes),
    })
    done = run_huibian(root, "check")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith("reports/jtj/a.md:25:1: F005 错误 列表或引用嵌套了 13 层")
    assert lines[1].startswith("reports/jyj/b.md:13:1: F005 错误 列表或引用嵌套了 5000 层")


def test_ordinary_nesting_is_fine(project: Callable[..., Path]) -> None:
    lists = "".join("    " * i + "- 项目\n" for i in range(6))
    root = project({"jtj/a.md": report_text(body="导语。\n\n" + lists + "\n> > 引用\n")})
    assert [f for f in check_collection(root).findings if f.code == "F005"] == []


def test_million_character_line_and_ten_thousand_headings_build(project: Callable[..., Path]) -> None:
    long_line = "长" * 1_000_000
    headings = "".join(f"## 标题{i}\n\n正文。\n\n" for i in range(10_000))
    root = project({
        "jtj/a.md": report_text(body=long_line + "\n"),
        "jyj/b.md": report_text(unit="jyj", body=headings),
    })
    assert not has_errors(check_collection(root).findings)
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr[-2000:]
    page = (root / "site/reports/jyj/2024-h1-ideology/index.html").read_text(encoding="utf-8")
    assert "标题9999" in page
