"""Hostile sizes: each input either works or fails with a clear message within seconds."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from huibian.check import check_collection
from huibian.findings import has_errors

from conftest import mkdocs_build, report_text, run_huibian


def checked_in_child(root: Path) -> tuple[list[tuple[str, int, str]], int]:
    """`huibian check` of `root` in a fresh process: its findings (code, line, message) and its peak memory in KiB.

    VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so a child of a large pytest process
    would report the parent's size.
    """
    measure = (
        "import json, re, sys; from pathlib import Path; from huibian.check import check_collection; "
        "found = check_collection(Path(sys.argv[1])).findings; "
        "print(json.dumps([(f.code, f.line, f.message) for f in found], ensure_ascii=False)); "
        "print(re.search(r'VmHWM:\\s*(\\d+)', Path('/proc/self/status').read_text())[1])"
    )
    done = subprocess.run([sys.executable, "-c", measure, str(root)], capture_output=True, text=True, check=True)
    findings, peak_kib = done.stdout.splitlines()
    return [tuple(f) for f in json.loads(findings)], int(peak_kib)  # type: ignore[misc]


def test_fifty_megabyte_report_is_refused_without_reading_it(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": report_text()})
    _, ordinary_kib = checked_in_child(root)
    with (root / "reports/jtj/a.md").open("r+b") as handle:
        handle.truncate(50 * 1024 * 1024)
    findings, peak_kib = checked_in_child(root)
    assert [(code, line) for code, line, _ in findings] == [("F003", 1)]
    assert "52428800 字节" in findings[0][2]
    assert peak_kib - ordinary_kib < 20 * 1024  # the 50 MB were never loaded


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
    assert lines[0].startswith("reports/jtj/a.md:25:1: F005 错误 列表、引用、提示框或折叠块嵌套了 13 层")
    assert lines[1].startswith("reports/jyj/b.md:13:1: F005 错误 列表、引用、提示框或折叠块嵌套了 5000 层")


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


BREAKING_BODIES = {
    # unit, period: (body after the lead paragraph, finding code, file line of the finding: the body starts at 13)
    ("jtj", "2024-H1"): ('<div markdown="1">\n' * 400 + "正文\n" + "</div>\n" * 400, "F005", 13 + 32),
    ("jtj", "2024-H2"): ("".join("    " * i + "!!! note\n\n" for i in range(400)) + "正文\n", "F005", 13 + 24),
    ("jtj", "2023"): ("".join("    " * i + "??? note\n\n" for i in range(400)) + "正文\n", "F005", 13 + 24),
    ("glzx", "2024-H1"): ("*" * 2000 + "x" + "*" * 2000 + "\n", "F005", 13),
    ("glzx", "2024-H2"): ("[" * 50_000 + "\n", "F007", 13),
    ("jyj", "2024-H1"): ("![" * 16_000 + "\n", "F007", 13),
    ("jyj", "2024-H2"): ("*加强 " * 1000 + "学习" + " 工作*" * 1000 + "\n", "F005", 13),
}


def breaking_project(project: Callable[..., Path]) -> Path:
    return project({
        f"{unit}/{period}.md": report_text(unit=unit, period=period, body="导语。\n\n" + body)
        for (unit, period), (body, _, _) in BREAKING_BODIES.items()
    })


def test_bodies_that_would_break_the_converter_are_findings_with_lines(project: Callable[..., Path]) -> None:
    root = breaking_project(project)
    done = run_huibian(root, "check", "--format", "json")
    assert done.returncode == 1
    found = {(f["path"], f["line"], f["code"]) for f in json.loads(done.stdout)}
    assert found == {(f"reports/{unit}/{period}.md", line, code)
                     for (unit, period), (_, code, line) in BREAKING_BODIES.items()}


def test_build_stops_with_a_message_before_converting_them(project: Callable[..., Path]) -> None:
    root = breaking_project(project)
    done = mkdocs_build(root)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "RecursionError" not in done.stderr
    assert "报告中有 7 个错误，网站未构建" in done.stdout + done.stderr
    assert "reports/glzx/2024-H2.md:13:1: F007 错误 这一段有 50000 个方括号“[”（其中 50000 个没有配对）" in done.stderr
    assert len(done.stderr.splitlines()) < 40
    assert not (root / "site").exists()


def test_ordinary_markup_is_not_limited(project: Callable[..., Path]) -> None:
    ordinary = "\n\n".join(
        f"（{i}）**加强学习**，*重点*推进，见[附件{i}](a.md)和[[第{i}条]]。" * 20 for i in range(200)
    ) + "\n\n" + "".join("    " * i + "- 项目\n" for i in range(8)) + "\n!!! note\n\n    !!! note\n\n        内容\n"
    root = project({"jtj/a.md": report_text(body="导语。\n\n" + ordinary)})
    assert [f for f in check_collection(root).findings if f.code in ("F005", "F007")] == []


def test_huge_front_matter_is_refused_before_parsing(project: Callable[..., Path]) -> None:
    tags = "tags:\n" + "  - ab\n" * 1_000_000  # 7 MB, a million YAML nodes with their lines
    root = project({"jtj/a.md": report_text(extra=tags)})
    findings, peak_kib = checked_in_child(root)
    assert [(code, line) for code, line, _ in findings] == [("F008", 2)]
    assert peak_kib < 250 * 1024  # parsing it took 518 MB


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares `width`×`height` grey pixels (its data holds one row: readers see the size first)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * (width + 1))) + \
        chunk(b"IEND", b"")


@pytest.mark.slow
def test_huge_image_is_a_warning_and_a_placeholder_in_the_pdf(project: Callable[..., Path]) -> None:
    body = "导语。\n\n## 一、工作开展情况\n\n![航拍全景图](images/aerial.png)\n\n加强理论学习。\n"
    root = project({"jtj/a.md": report_text(body=body), "jtj/images/aerial.png": png_header_only(20_000, 20_000)})
    done = run_huibian(root, "pdf", "reports/*", "--jobs", "1")
    assert done.returncode == 0, done.stderr[-2000:]
    assert ("reports/jtj/a.md:15:1: P004 警告 图片“images/aerial.png”有 20000×20000 像素，超过 PDF 汇编的上限 8947 万像素"
            in done.stderr)
    pdf = root / "site/pdf/reports/jtj/2024-h1-ideology.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "［图片：航拍全景图］" in text.replace(" ", "")
