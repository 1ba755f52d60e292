"""The linter's results are kept between runs: an unchanged report is not linted again, and nothing else changes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from huibian.check import check_collection
from huibian.lint_cache import CACHE_FILE

from conftest import TINY_COLLECTION, mkdocs_build, report_text, run_huibian

# File lines: the front matter is lines 1-9, the body starts at line 11.
BODY = """\
今年以来，我局扎实推进意识形态工作。

## 一、工作开展情况

（一）加强组织领导。局党组召开会议X次。

（二）强化理论学习。开展集中学习6次。
"""
REPORTS = {
    "jtj/a.md": report_text(body=BODY),
    "jyj/b.md": report_text(unit="jyj", body=BODY.replace("X次", "2次")),
}


def codes(result: object) -> list[tuple[str, int, int, str]]:
    return [(f.path, f.line, f.col, f.code) for f in result.findings]  # type: ignore[attr-defined]


def test_a_second_check_reuses_every_unchanged_report_and_finds_the_same(project: Callable[..., Path]) -> None:
    root = project(REPORTS)
    cold = check_collection(root)
    assert cold.unchanged == 0 and (root / CACHE_FILE).is_file()
    assert ("reports/jtj/a.md", 15, 18, "T001") in codes(cold)  # “会议X次”

    warm = check_collection(root)
    assert warm.unchanged == 2
    assert warm.findings == cold.findings
    assert [r.run_in_heads for r in warm.reports] == [r.run_in_heads for r in cold.reports]
    assert warm.reports[0].run_in_heads == ("（一）加强组织领导。", "（二）强化理论学习。")
    # The outline (headings, enumerations) was not parsed again: that is the linter's work saved.
    assert all("outline" not in vars(r) for r in warm.reports)


def test_an_edited_report_is_linted_again_and_the_others_are_not(project: Callable[..., Path]) -> None:
    root = project(REPORTS)
    check_collection(root)
    edited = root / "reports" / "jyj" / "b.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("学习6次", "学习XX次"), encoding="utf-8")
    result = check_collection(root)
    assert result.unchanged == 1
    assert ("reports/jyj/b.md", 17, 17, "T001") in codes(result)
    # Back as it was: the previous run's file holds only this run's content, so b.md is linted again.
    edited.write_text(REPORTS["jyj/b.md"], encoding="utf-8")
    again = check_collection(root)
    assert again.unchanged == 1 and ("reports/jyj/b.md", 17, 17, "T001") not in codes(again)


def test_a_changed_collection_yml_or_a_moved_report_is_linted_again(project: Callable[..., Path]) -> None:
    root = project(REPORTS)
    check_collection(root)
    collection = root / "reports" / "collection.yml"
    collection.write_text(TINY_COLLECTION + "# 一行注释也算改动\n", encoding="utf-8")
    assert check_collection(root).unchanged == 0
    (root / "reports" / "jtj" / "a.md").rename(root / "reports" / "jtj" / "c.md")
    moved = check_collection(root)
    assert moved.unchanged == 1  # b.md; the findings of c.md name c.md
    assert ("reports/jtj/c.md", 15, 18, "T001") in codes(moved)


def test_checking_some_files_keeps_the_others_for_the_next_run(project: Callable[..., Path]) -> None:
    root = project(REPORTS)
    check_collection(root)
    some = check_collection(root, [root / "reports" / "jyj" / "b.md"])
    assert some.unchanged == 1 and {f.path for f in some.findings} <= {"reports/jyj/b.md"}
    assert check_collection(root).unchanged == 2


def test_a_damaged_foreign_or_ill_typed_cache_is_ignored(project: Callable[..., Path]) -> None:
    root = project(REPORTS)
    cold = check_collection(root)
    cache_file = root / CACHE_FILE
    stored = json.loads(cache_file.read_text(encoding="utf-8"))
    key = next(k for k in stored["entries"] if k.startswith("reports/jtj/a.md"))
    ill_typed = {**stored, "entries": {**stored["entries"], key: [[[15, 18, "T001", "fatal", "?"]], []]}}
    for damaged, unchanged in (("{", 0), ('{"format": 1, "context": "another", "entries": {}}', 0), ("[1]", 0),
                               (json.dumps(ill_typed), 1)):
        cache_file.write_text(damaged, encoding="utf-8")
        result = check_collection(root)
        assert result.findings == cold.findings and result.unchanged == unchanged, damaged
        assert result.reports[0].run_in_heads == ("（一）加强组织领导。", "（二）强化理论学习。")


def test_a_cache_that_cannot_be_written_costs_only_time(project: Callable[..., Path]) -> None:
    root = project(REPORTS)
    expected = check_collection(root).findings
    blocked = root / ".cache" / "huibian" / "lint"
    for path in sorted(blocked.rglob("*"), reverse=True):
        path.unlink()
    blocked.rmdir()
    blocked.write_text("", encoding="utf-8")  # a file where the cache's folder should be
    for _ in range(2):
        result = check_collection(root)
        assert result.findings == expected and result.unchanged == 0


def test_the_cli_says_how_many_reports_were_unchanged(project: Callable[..., Path]) -> None:
    root = project(REPORTS)
    first = run_huibian(root, "check")
    assert first.returncode == 1 and "未改动" not in first.stderr
    second = run_huibian(root, "check")
    assert second.stdout == first.stdout
    assert "其中 2 份自上次检查以来未改动，沿用了上次的检查结果（.cache/huibian/lint/）" in second.stderr


def test_a_rebuilt_site_shows_the_same_report_pages(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": report_text(body=BODY.replace("X次", "2次")), "jyj/b.md": REPORTS["jyj/b.md"]})
    assert mkdocs_build(root).returncode == 0
    page = root / "site" / "reports" / "jtj" / "2024-h1-ideology" / "index.html"
    cold = page.read_text(encoding="utf-8")
    assert "<strong>（一）加强组织领导。</strong>局党组召开会议2次。" in cold
    done = mkdocs_build(root, "-v")
    assert done.returncode == 0, done.stderr[-2000:]
    assert re.search(r"检查：2 篇报告，2 篇未改动", done.stderr), done.stderr[-2000:]
    assert page.read_text(encoding="utf-8") == cold


def test_one_process_parses_again_only_the_files_that_changed(project: Callable[..., Path]) -> None:
    """The rebuilds of a live preview run in one process: an unchanged file is not parsed again."""
    root = project(REPORTS)
    first = {r.source: r for r in check_collection(root, remember_reads=True).reports}
    edited = root / "reports" / "jyj" / "b.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("学习6次", "学习7次"), encoding="utf-8")
    second = {r.source: r for r in check_collection(root, remember_reads=True).reports}
    assert second["reports/jtj/a.md"] is first["reports/jtj/a.md"]
    assert second["reports/jyj/b.md"] is not first["reports/jyj/b.md"] and "学习7次" in second["reports/jyj/b.md"].body
