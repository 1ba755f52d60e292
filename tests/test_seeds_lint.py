"""The linter on real texts: the seed reports in ../shared/seeds (skipped when the folder is absent)."""

from __future__ import annotations

import re

import pytest

from huibian.check import check_collection
from huibian.findings import Finding, Severity

from conftest import REPO, SEED_WORDING, SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not available")

FRONT = "---\ntitle: 桐溪县交通运输局{period}意识形态工作情况汇报\nunit: jtj\nperiod: {code}\nkind: ideology\n---\n"
FIRST_BODY_LINE = 7
JUNK_CODES = ("J001", "J005", "J006", "J007", "J008", "J009")


def seed_reports() -> list[tuple[str, list[str]]]:
    """Every report in the seeds: (name, body lines). A line starting with " \u3000" opens a new report."""
    reports: list[tuple[str, list[str]]] = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        starts = [i for i, line in enumerate(lines) if line.startswith(" \u3000")] or [0]
        starts[0] = 0
        for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(lines)], strict=True)):
            reports.append((f"{path.name[:3]}-{number}", lines[start:end]))
    return reports


@pytest.fixture(scope="module")
def linted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[str], list[Finding]]]:
    root = tmp_path_factory.mktemp("seeds")
    (root / "reports" / "jtj").mkdir(parents=True)
    (root / "reports" / "collection.yml").write_text(
        (REPO / "reports" / "collection.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    bodies = {}
    for index, (name, lines) in enumerate(seed_reports()):
        # Distinct periods keep the reports from being duplicates of one another.
        code, period = f"{2001 + index}", f"{2001 + index}年度"
        (root / "reports" / "jtj" / f"{name}.md").write_text(FRONT.format(period=period, code=code) + "\n".join(lines),
                                                             encoding="utf-8")
        bodies[name] = lines
    findings = check_collection(root).findings
    return {name: (lines, [f for f in findings if f.path == f"reports/jtj/{name}.md"]) for name, lines in bodies.items()}


@pytest.mark.parametrize("token", ["X次", "XX", "xx", "***", "Ⅹ月Ⅹ日", "X条", "X%"])
def test_every_placeholder_in_the_seeds_is_found_at_its_position(
    linted: dict[str, tuple[list[str], list[Finding]]], token: str
) -> None:
    occurrences = 0
    for lines, findings in linted.values():
        # (line, first column, last column) of every placeholder found; the message quotes its text.
        spans = [(f.line, f.col, f.col + len(f.message.split("”")[0]) - 2) for f in findings if f.code.startswith("T")]
        for index, line in enumerate(lines):
            col = line.find(token)
            while col >= 0:
                occurrences += 1
                start = col + 1
                covered = any(ln == FIRST_BODY_LINE + index and first <= start <= last for ln, first, last in spans)
                assert covered, (token, line[max(0, col - 10) : col + 10])
                col = line.find(token, col + len(token))
    assert occurrences, f"the seeds no longer contain {token}"


def test_first_report_of_seed_003_lacks_problems_and_plans(linted: dict[str, tuple[list[str], list[Finding]]]) -> None:
    _, findings = linted["003-0"]
    missing = {f.message.split("”")[0].removeprefix("缺少“"): f.severity for f in findings if f.code == "S001"}
    assert missing.get("存在的问题") is Severity.ERROR
    assert missing.get("下一步工作计划") is Severity.ERROR
    # The third report has 主要问题 and 下一步措施: not flagged.
    assert [f for f in linted["003-2"][1] if f.code == "S001" and "存在的问题" in f.message] == []


def test_seed_junk_lines_are_flagged(linted: dict[str, tuple[list[str], list[Finding]]]) -> None:
    lines, findings = linted["000-0"]
    junk = {f.line - FIRST_BODY_LINE for f in findings if f.code in JUNK_CODES}
    flagged = [lines[i] for i in sorted(junk)]
    assert any("QQ" in line for line in flagged)
    assert any("禁止外传" in line for line in flagged)
    assert len(flagged) >= 6
    # No ordinary report paragraph is called junk.
    assert all(len(line) < 160 for line in flagged)


def test_seed_artefacts_are_flagged(linted: dict[str, tuple[list[str], list[Finding]]]) -> None:
    lines, findings = linted["003-0"]
    quotes = [f.line - FIRST_BODY_LINE for f in findings if f.code == "J002"]
    assert quotes and all(lines[i].startswith(">") for i in quotes)
    assert len(quotes) == sum(line.startswith(">") for line in lines)


def test_seed_wording_errors_are_found_and_nothing_else(linted: dict[str, tuple[list[str], list[Finding]]]) -> None:
    found = []  # in reading order: (seed, code, wrong form)
    for name, (lines, findings) in sorted(linted.items()):
        for f in sorted(findings, key=lambda f: (f.line, f.col)):
            if f.code.startswith("W"):
                wrong = f.message.split("”")[0].removeprefix("“")
                assert lines[f.line - FIRST_BODY_LINE][f.col - 1 :].startswith(wrong)  # the column points at it
                found.append((name[:3], f.code, wrong))
    assert found == [(seed, code, wrong) for seed, _, wrong, _, code in SEED_WORDING]


def test_no_junk_finding_on_the_seeds_own_text(linted: dict[str, tuple[list[str], list[Finding]]]) -> None:
    """Precision: every junk finding in the seeds is on one of seed 000's ad or watermark lines."""
    ads = re.compile(r"QQ|仅供|会员|酷乐文行|自建平台|订阅|倒卖")
    for name, (lines, findings) in linted.items():
        flagged = [lines[f.line - FIRST_BODY_LINE] for f in findings if f.code in JUNK_CODES]
        assert all(ads.search(line) for line in flagged), (name, flagged)
        if not name.startswith("000"):
            assert flagged == [], name
