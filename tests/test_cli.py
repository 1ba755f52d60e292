"""`huibian check`: exit codes, output formats, and limiting the check to some files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import report_text, run_huibian

GOOD = report_text()
BAD_UNIT = report_text(unit="nobody", period="2024-H2")
WARN_ONLY = report_text(unit="jyj", extra="date: 2024-07-08\ncolour: red\n")


def test_exit_0_when_clean(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": GOOD})
    done = run_huibian(root, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
    assert "检查了 1 份报告：0 个错误，0 个警告" in done.stderr


def test_exit_1_on_errors_with_text_lines(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": GOOD, "jtj/b.md": BAD_UNIT})
    done = run_huibian(root, "check")
    assert done.returncode == 1
    assert done.stdout.strip().startswith("reports/jtj/b.md:3:1: M006 错误 单位“nobody”不在")


def test_warnings_pass_unless_strict(project: Callable[..., Path]) -> None:
    root = project({"jyj/a.md": WARN_ONLY})
    assert run_huibian(root, "check").returncode == 0
    strict = run_huibian(root, "check", "--strict")
    assert strict.returncode == 1
    assert "M011 警告" in strict.stdout


def test_json_output_shape(project: Callable[..., Path]) -> None:
    root = project({"jtj/b.md": BAD_UNIT})
    done = run_huibian(root, "check", "--format", "json")
    data = json.loads(done.stdout)
    assert data == [
        {
            "path": "reports/jtj/b.md",
            "line": 3,
            "col": 1,
            "code": "M006",
            "severity": "error",
            "message": data[0]["message"],
        }
    ]
    assert "nobody" in data[0]["message"]


def test_github_annotations(project: Callable[..., Path]) -> None:
    root = project({"jtj/b.md": BAD_UNIT})
    done = run_huibian(root, "check", "--format", "github")
    assert done.stdout.startswith("::error file=reports/jtj/b.md,line=3,col=1,title=M006::")


def test_paths_limit_findings_but_duplicates_still_seen(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": GOOD, "jtj/b.md": GOOD, "jyj/c.md": BAD_UNIT})
    only_b = run_huibian(root, "check", "reports/jtj/b.md", "--format", "json")
    found = json.loads(only_b.stdout)
    assert [(f["path"], f["code"]) for f in found] == [("reports/jtj/b.md", "M012")]
    only_a = run_huibian(root, "check", "reports/jtj/a.md")
    assert only_a.returncode == 0


def test_usage_errors_exit_2(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project({"jtj/a.md": GOOD})
    assert run_huibian(root, "check", "--format", "xml").returncode == 2
    missing = run_huibian(root, "check", "reports/nope.md")
    assert missing.returncode == 2
    assert "找不到文件或目录" in missing.stderr
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    nowhere = run_huibian(outside, "check")
    assert nowhere.returncode == 2
    assert "找不到 reports/collection.yml" in nowhere.stderr


def test_commands_that_pick_an_edition_reject_an_unknown_audience(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": GOOD})
    for command in ("build", "pdf", "status"):
        done = run_huibian(root, command, env={"HUIBIAN_AUDIENCE": "secret"})
        assert done.returncode == 2, (command, done.stderr)
        assert "HUIBIAN_AUDIENCE 只能是 internal 或 public，而不是“secret”" in done.stderr
        assert "Traceback" not in done.stderr
    assert not (root / "site").exists()


def test_collection_errors_name_the_key(project: Callable[..., Path]) -> None:
    collection = "title: 汇编\nunits:\n  - id: a\n    name: 甲单位\n    parent: b\nkinds:\n  - name: 汇报\n"
    root = project({}, collection=collection)
    done = run_huibian(root, "check")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert any(line.startswith("reports/collection.yml:5:5: C004") and "“units[0].parent”" in line for line in lines)
    assert any("C003" in line and "kinds[0].id" in line for line in lines)
    assert any("C003" in line and "“issuer”" in line for line in lines)


def test_collection_yaml_syntax_error(project: Callable[..., Path]) -> None:
    root = project({}, collection="title: 汇编\nunits: [\n")
    done = run_huibian(root, "check")
    assert done.returncode == 1
    assert done.stdout.startswith("reports/collection.yml:3:1: C002 错误")
