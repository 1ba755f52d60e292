"""A large collection is checked by worker processes with exactly the result of one process."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from huibian.check import PARALLEL_FROM, check_collection

from conftest import report_text


def test_workers_give_the_same_reports_and_findings(project: Callable[..., Path]) -> None:
    reports: dict[str, str | bytes] = {}
    for year in range(1800, 1800 + PARALLEL_FROM // 2 + 10):
        for unit in ("jtj", "jyj"):
            text = "开展学习X次。" if year % 50 == 0 else "正文。"
            body = f"导语。\n\n## 一、工作开展情况\n\n{text}\n"
            reports[f"{unit}/{year}.md"] = report_text(unit=unit, period=f'"{year}"', extra="", body=body)
    reports["jtj/dup.md"] = report_text(period='"1800"', extra="")
    root = project(reports)
    alone = check_collection(root, jobs=1)
    shutil.rmtree(root / ".cache")  # the workers lint every report, as on a fresh clone
    shared = check_collection(root, jobs=2)
    assert len(alone.reports) == len(reports) > PARALLEL_FROM
    assert [r.source for r in shared.reports] == [r.source for r in alone.reports]
    assert shared.findings == alone.findings
    # Lint parses each outline once; workers send the reports back without it, to be parsed again if needed.
    assert "outline" in vars(alone.reports[0]) and "outline" not in vars(shared.reports[0])
    assert shared.reports[0].outline.headings == alone.reports[0].outline.headings
    codes = {f.code for f in alone.findings}
    assert {"T001", "M012"} <= codes  # the planted placeholder and the duplicate are found either way
    assert alone.unchanged == shared.unchanged == 0


def test_workers_keep_their_lint_results_for_the_next_run(project: Callable[..., Path]) -> None:
    body = "导语。\n\n## 一、情况\n\n（一）加强领导。开展学习X次。\n"
    reports: dict[str, str | bytes] = {
        f"jtj/{year}.md": report_text(period=f'"{year}"', extra="", body=body) for year in range(1800, 1800 + PARALLEL_FROM + 10)
    }
    root = project(reports)
    cold = check_collection(root, jobs=2)
    warm = check_collection(root, jobs=2)
    assert warm.unchanged == len(reports) and cold.unchanged == 0
    assert warm.findings == cold.findings and len(warm.findings) == len(reports)
    assert {r.run_in_heads for r in warm.reports} == {("（一）加强领导。",)}
