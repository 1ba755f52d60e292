"""Linter findings in the site: the build log, and a Chinese box on the page in preview only."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
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
        Finding("reports/jtj/a.md", 19, 1, "J004", Severity.WARNING, "“<b>{: #x }”请删除（`huibian check --fix` 可自动修正）"),
    ]
    box = findings_admonition(report, findings, lambda text: "anchor")
    assert box.startswith('!!! danger "检查发现 3 个问题（2 个错误，1 个警告），请作者修改"')
    assert "    - **错误 K001** 第 2 行第 1 列（元数据）：标题写的是“\\*\\*”" in box
    assert "    - **错误 T001** 第 15 行第 12 列，见 [一、工作开展情况](#anchor)：“X”像是占位符" in box
    # quoted report text is escaped, the message's own code span stays code
    assert "：“&lt;b&gt;\\{: \\#x \\}”请删除（`huibian check --fix` 可自动修正）" in box


def test_mkdocs_serve_previews_a_report_with_errors_and_shows_the_box(project: Callable[..., Path], tmp_path: Path) -> None:
    """Under `mkdocs serve` errors do not stop the preview: the page shows what to fix."""
    body = BODY.replace("局党组召开会议2次。", "局党组召开会议X次。")
    root = project({"jtj/a.md": report_text(body=body)})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    temp = tmp_path / "tmp"  # where `mkdocs serve` builds the preview
    temp.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HUIBIAN_PDF": "0", "TMPDIR": str(temp)}
    env.pop("HUIBIAN_SHOW_FINDINGS", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        # Under `nohup` or a shell without job control SIGINT is ignored, and a child that starts
        # with it ignored never turns Ctrl-C into KeyboardInterrupt: give it the usual handling.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        page = ""
        for _ in range(240):  # wait for the first build (no timing assertion: just give up eventually)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/reports/jtj/2024-h1-ideology/") as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(0.5)
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C, as the author stops the preview
        _, log = server.communicate(timeout=30)
    assert page, log
    assert list(temp.iterdir()) == []  # the preview's build folder went with it
    assert "检查发现 2 个问题（1 个错误，1 个警告），请作者修改" in page
    assert 'class="admonition danger"' in page
    assert "“X”像是模板中没有替换的占位符" in page
    assert "reports/jtj/a.md:15:18: T001 错误" in log


def test_admonition_lists_at_most_a_hundred_findings() -> None:
    report, _ = parse_report(report_text(body=BODY).encode(), "reports/jtj/a.md", None)
    assert isinstance(report, Report)
    findings = [Finding("reports/jtj/a.md", 20, col, "T001", Severity.ERROR, "占位符") for col in range(1, 151)]
    box = findings_admonition(report, findings, lambda text: "anchor")
    assert box.count("    - **错误 T001**") == 100
    assert "    - ……另有 50 个问题，请运行 `huibian check reports/jtj/a.md` 查看全部" in box
