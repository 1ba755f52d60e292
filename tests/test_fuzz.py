"""Property tests: for any input, the loaders return a result or their documented error, nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huibian import safeyaml
from huibian.collection import Collection, Kind, Unit
from huibian.findings import Finding
from huibian.report import parse_report
from huibian.structure import parse_structure

COLLECTION = Collection(
    "测试汇编", "测试县委宣传部", {"jtj": Unit("jtj", "测试县交通运输局", "交通运输局", 10)},
    {"ideology": Kind("ideology", "意识形态工作", "意识形态工作情况汇报")},
)
FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text built from the pieces reports and YAML are made of, so that the fuzzer reaches deep paths.
PIECES = st.sampled_from(
    ["---", "\n", "title: ", "unit: jtj", "period: ", "2024-H1", "kind: ideology", "date: ", "2024-02-30", "tags:",
     " - ", "[", "]", "{", "}", "&a ", "*a", "!!python/object:os.system", "!!binary", "'", '"', ": ", "#", "\t", "  ",
     "一、", "（一）", "(二)", "1.", "（1）", "## ", "### ", "一是", "二是", "XX", "> ", "\ufeff", "\r\n", "\u3000", "。"]
)
REPORTISH = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)


def _check_findings(findings: list[Finding]) -> None:
    for finding in findings:
        assert finding.line >= 1 and finding.col >= 1
        assert finding.code and finding.message


@FUZZ
@given(st.binary(max_size=2000))
def test_parse_report_never_raises_on_bytes(data: bytes) -> None:
    report, findings = parse_report(data, "reports/jtj/a.md", COLLECTION)
    assert report is not None or findings
    _check_findings(findings)


@FUZZ
@given(REPORTISH)
def test_parse_report_never_raises_on_reportish_text(text: str) -> None:
    report, findings = parse_report(("---\n" + text).encode("utf-8"), "reports/jtj/a.md", COLLECTION)
    assert report is not None or findings
    _check_findings(findings)


@FUZZ
@given(REPORTISH)
def test_yaml_loader_only_raises_its_own_error(text: str) -> None:
    try:
        safeyaml.load(text)
    except safeyaml.YamlProblem as problem:
        assert problem.line >= 1 and problem.message


@FUZZ
@given(REPORTISH)
def test_structure_parser_never_raises_and_keeps_positions(text: str) -> None:
    outline = parse_structure(text, first_line=7)
    line_count = text.count("\n") + text.count("\r") + 1
    for heading in outline.headings:
        assert 7 <= heading.line <= 7 + line_count
        assert heading.level in (1, 2, 3, 4)
