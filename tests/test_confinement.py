"""Nothing from outside the project is published, and nothing is written outside site/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from huibian.check import check_collection
from huibian.collection import load_collection
from huibian.generate import GenerationError, confine
from huibian.site import within_site

from conftest import TINY_COLLECTION, mkdocs_build, report_text, run_huibian

MARKER = "域外秘密标记词"


def outside_report(tmp_path: Path) -> Path:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = elsewhere / "secret.md"
    target.write_text(report_text(unit="jyj", body=f"{MARKER}。\n\n## 一、工作开展情况\n\n内容。\n"), encoding="utf-8")
    return target


def test_report_linked_from_outside_the_project_is_refused(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project({"jtj/a.md": report_text()})
    target = outside_report(tmp_path)
    (root / "reports/jyj").mkdir()
    (root / "reports/jyj/b.md").symlink_to(target)
    (root / "reports/linked").symlink_to(target.parent, target_is_directory=True)

    done = run_huibian(root, "check")
    assert done.returncode == 1
    refused = [line for line in done.stdout.splitlines() if " F006 " in line]
    assert refused == [
        f"reports/jyj/b.md:1:1: F006 错误 这个报告文件实际指向项目以外的 {target}（符号链接）：项目以外的文件不会被发布；"
        "请把报告复制到 reports/ 中，不要用链接",
    ]  # a linked folder is not searched at all
    assert [r.source for r in check_collection(root).reports] == ["reports/jtj/a.md"]

    built = mkdocs_build(root)
    assert built.returncode == 1
    assert "F006" in built.stderr
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink() and "linked" not in path.parts:
            assert MARKER.encode() not in path.read_bytes(), path


def test_report_linked_inside_the_project_is_read(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": report_text()})
    (root / "shared").mkdir()
    (root / "shared/b.md").write_text(report_text(unit="jyj"), encoding="utf-8")
    (root / "reports/jyj").mkdir()
    (root / "reports/jyj/b.md").symlink_to(root / "shared/b.md")
    result = check_collection(root)
    assert [f.code for f in result.findings if f.code == "F006"] == []
    assert len(result.reports) == 2


UNSAFE_IDS = TINY_COLLECTION.replace("  - id: jyj\n", "  - id: ../../x\n").replace("  - id: ideology\n", "  - id: Ideology/a\n")


def test_unsafe_ids_are_findings_naming_key_and_line(tmp_path: Path) -> None:
    (tmp_path / "collection.yml").write_text(UNSAFE_IDS, encoding="utf-8")
    collection, findings = load_collection(tmp_path, "reports/collection.yml")
    assert collection is None
    unsafe = [f for f in findings if f.code == "C007"]
    assert [(f.line, f.col) for f in unsafe] == [(13, 5), (18, 5)]
    assert "“units[2].id”的编号“../../x”不可用" in unsafe[0].message
    assert "小写英文字母、数字、“-”和“_”" in unsafe[0].message
    assert "“kinds[0].id”的编号“Ideology/a”" in unsafe[1].message


def test_unit_id_with_dots_writes_nothing_outside_site(project: Callable[..., Path]) -> None:
    collection = TINY_COLLECTION.replace("  - id: jyj\n", "  - id: ../escape\n")
    root = project({"jtj/a.md": report_text(), "x/b.md": report_text(unit="../escape")}, collection=collection)
    before = {p for p in root.parent.rglob("*")}
    done = run_huibian(root, "check")
    assert done.returncode == 1
    assert "reports/collection.yml:13:5: C007 错误" in done.stdout
    built = mkdocs_build(root)
    assert built.returncode == 1
    assert "Traceback" not in built.stderr
    written = {p for p in root.parent.rglob("*")} - before
    assert {p for p in written if root / "site" not in p.parents and ".cache" not in p.parts} == set()


PARENT_CYCLE = TINY_COLLECTION.replace(
    "    short: 交通运输局\n", "    short: 交通运输局\n    parent: jyj\n"
).replace("    short: 教育局\n", "    short: 教育局\n    parent: glzx\n")


def test_parent_cycle_is_a_finding(tmp_path: Path) -> None:
    (tmp_path / "collection.yml").write_text(PARENT_CYCLE, encoding="utf-8")
    collection, findings = load_collection(tmp_path, "reports/collection.yml")
    assert collection is None
    cycles = [f for f in findings if f.code == "C008"]
    assert [(f.line, f.col) for f in cycles] == [(7, 5)]
    assert "jtj → jyj → glzx → jtj" in cycles[0].message


@pytest.mark.parametrize("uri", ["../x.md", "reports/../../x.md", "/etc/x.md", "a//b.md", "./a.md", "a\\..\\b.md", ""])
def test_paths_outside_the_site_are_refused(uri: str) -> None:
    assert not within_site(uri)


def test_generated_file_outside_the_site_stops_the_build() -> None:
    """Defence in depth behind C007: generation refuses any page, image or PDF path that leaves site/."""
    with pytest.raises(GenerationError, match="拒绝写入网站目录以外的位置“units/../../x.md”"):
        confine(["units/a.md", "units/../../x.md", "pdf/unit-a.pdf"])
    confine(["units/a.md", "reports/jtj/图.png", "pdf/unit-a.pdf"])
