"""`huibian status [--period P]`: the submission matrix in the terminal, without building."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import report_text, run_huibian

PUBLIC = "date: 2024-07-08\nclassification: public\nstatus: final\n"
REPORTS = {
    "jtj/a.md": report_text(),
    "glzx/a.md": report_text(title="测试县公路养护中心2024年上半年意识形态工作情况汇报", unit="glzx",
                             extra="date: 2024-07-08\nclassification: public\nstatus: draft\n"),
    "jtj/b.md": report_text(title="测试县交通运输局2023年度意识形态工作情况汇报", period="2023",
                            extra="date: 2024-01-08\nclassification: internal\n"),
}


def test_whole_matrix(project: Callable[..., Path]) -> None:
    root = project(REPORTS)
    done = run_huibian(root, "status")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "报送情况（内部版）：应报 3 份：已报送 1，草稿 1，未报送 1"
    assert "单位        2023年度  2024年上半年" in lines  # columns aligned by display width
    assert "交通运输局  ✓已报送   ✓已报送" in lines
    assert "养护中心    —         …草稿" in lines
    assert "教育局      —         ✗未报送" in lines
    assert lines[-2:] == ["未报送（1）：", "  2024年上半年 教育局 意识形态工作"]
    assert "\033[" not in done.stdout  # no colour codes when not a terminal


def test_one_period(project: Callable[..., Path]) -> None:
    root = project(REPORTS)
    done = run_huibian(root, "status", "--period", "2024-h1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:3] == [
        "2024年上半年报送情况（内部版）：应报 3 份：已报送 1，草稿 1，未报送 1",
        "",
        "单位        意识形态工作",
    ]
    empty = run_huibian(root, "status", "--period", "2019")
    assert empty.returncode == 0
    assert "本期没有应报送的报告" in empty.stdout


def test_public_audience_hides_internal_and_draft(project: Callable[..., Path]) -> None:
    root = project(REPORTS)
    done = run_huibian(root, "status", env={"HUIBIAN_AUDIENCE": "public"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "报送情况（公开版）：应报 3 份：已公开 1，未公开 2"
    assert "草稿" not in done.stdout and "2023年度" not in done.stdout


def test_bad_period_is_a_usage_error(project: Callable[..., Path]) -> None:
    root = project(REPORTS)
    done = run_huibian(root, "status", "--period", "2024上半年")
    assert done.returncode == 2
    assert "期间“2024上半年”格式不对" in done.stderr
    assert "Traceback" not in done.stderr


def test_broken_reports_are_named_not_counted(project: Callable[..., Path]) -> None:
    root = project({**REPORTS, "jyj/a.md": report_text(unit="jyj", kind="nosuch")})
    done = run_huibian(root, "status", "--period", "2024-H1")
    assert done.returncode == 0
    assert "✗未报送" in done.stdout
    assert "1 个文件有错误，未计入" in done.stderr


def test_demo_collection_kfq_owes_2025_h1(demo_copy: Path) -> None:
    done = run_huibian(demo_copy, "status", "--period", "2025-H1")
    assert done.returncode == 0, done.stderr
    assert "开发区党工委  ✗未报送" in done.stdout
    assert "县文旅局      …草稿" in done.stdout
