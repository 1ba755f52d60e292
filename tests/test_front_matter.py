"""Every bad metadata input gets a Chinese finding naming the file, line and field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from huibian.check import check_collection
from huibian.findings import Finding, Severity

from conftest import report_text

GOOD = report_text()


def findings_for(project: Callable[..., Path], text: str | bytes, name: str = "jtj/a.md") -> list[Finding]:
    root = project({name: text})
    return check_collection(root).findings


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, [f.as_text() for f in findings]
    return findings[0]


def test_good_report_has_no_findings(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": GOOD})
    result = check_collection(root)
    assert result.findings == []
    assert [r.id for r in result.reports] == ["jtj/2024-h1-ideology"]


def test_bom_and_crlf_are_accepted_silently(project: Callable[..., Path]) -> None:
    data = b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8")
    root = project({"jtj/a.md": data})
    result = check_collection(root)
    assert result.findings == []
    assert result.reports[0].title == "测试县交通运输局2024年上半年意识形态工作情况汇报"


def test_yaml_syntax_error_points_at_the_file_line(project: Callable[..., Path]) -> None:
    text = "---\ntitle: 汇报\nunit jtj\nperiod: 2024-H1\n---\n正文\n"
    finding = only(findings_for(project, text))
    assert (finding.path, finding.code, finding.severity) == ("reports/jtj/a.md", "M002", Severity.ERROR)
    assert finding.line in (3, 4)  # the YAML parser notices at the line after the missing colon
    assert "语法错误" in finding.message


def test_missing_front_matter(project: Callable[..., Path]) -> None:
    finding = only(findings_for(project, "测试县交通运输局汇报\n\n正文。\n"))
    assert (finding.code, finding.line) == ("M001", 1)
    assert "缺少元数据" in finding.message


def test_unclosed_front_matter(project: Callable[..., Path]) -> None:
    finding = only(findings_for(project, "---\ntitle: 汇报\nunit: jtj\n"))
    assert finding.code == "M002"
    assert "没有结束" in finding.message


@pytest.mark.parametrize("field", ["title", "unit", "period", "kind"])
def test_missing_required_field(project: Callable[..., Path], field: str) -> None:
    lines = [line for line in GOOD.split("\n") if not line.startswith(f"{field}:")]
    findings = findings_for(project, "\n".join(lines))
    missing = [f for f in findings if f.code == "M004"]
    assert len(missing) == 1
    assert f"缺少必填字段“{field}”" in missing[0].message
    assert missing[0].path == "reports/jtj/a.md"


def test_wrong_type_names_field_and_line(project: Callable[..., Path]) -> None:
    text = report_text(extra="date: 2024-07-08\ntags: 舆论引导\n")
    finding = only(findings_for(project, text))
    assert (finding.code, finding.line) == ("M005", 7)
    assert "“tags”应为列表" in finding.message
    assert "tags: [舆论引导]" in finding.message


def test_unknown_unit_suggests_the_closest(project: Callable[..., Path]) -> None:
    finding = only(findings_for(project, report_text(unit="jtjj")))
    assert (finding.code, finding.line) == ("M006", 3)
    assert "是不是“jtj”" in finding.message


def test_unknown_kind_lists_choices(project: Callable[..., Path]) -> None:
    finding = only(findings_for(project, report_text(kind="zongjie")))
    assert (finding.code, finding.line) == ("M007", 5)
    assert "ideology" in finding.message


@pytest.mark.parametrize("period", ["2024上半年", "2024-H3", "H1-2024"])
def test_malformed_period(project: Callable[..., Path], period: str) -> None:
    finding = only(findings_for(project, report_text(period=period)))
    assert (finding.code, finding.line) == ("M008", 4)
    assert period in finding.message


@pytest.mark.parametrize(("value", "word"), [("2024-02-30", "不存在"), ("2024年7月8日", "格式不对"), ("7/8/2024", "格式不对")])
def test_malformed_or_impossible_date(project: Callable[..., Path], value: str, word: str) -> None:
    finding = only(findings_for(project, report_text(extra=f"date: {value}\n")))
    assert (finding.code, finding.line) == ("M009", 6)
    assert word in finding.message


def test_date_far_outside_period_is_a_warning(project: Callable[..., Path]) -> None:
    finding = only(findings_for(project, report_text(extra="date: 2021-07-08\n")))
    assert (finding.code, finding.severity, finding.line) == ("M010", Severity.WARNING, 6)
    assert "2024年上半年" in finding.message


def test_unknown_key_is_a_warning_with_suggestion(project: Callable[..., Path]) -> None:
    finding = only(findings_for(project, report_text(extra="date: 2024-07-08\nsumary: 摘要\n")))
    assert (finding.code, finding.severity, finding.line) == ("M011", Severity.WARNING, 7)
    assert "是不是“summary”" in finding.message


def test_bad_choice_value(project: Callable[..., Path]) -> None:
    finding = only(findings_for(project, report_text(extra="classification: secret\n")))
    assert finding.code == "M013"
    assert "public、internal" in finding.message


def test_duplicate_unit_period_kind(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": GOOD, "jtj/b.md": GOOD})
    result = check_collection(root)
    finding = only(result.findings)
    assert (finding.code, finding.path) == ("M012", "reports/jtj/b.md")
    assert "reports/jtj/a.md" in finding.message
    assert len({r.id for r in result.reports}) == 2  # both still get distinct pages


@pytest.mark.parametrize(("encoding", "named"), [("gb18030", "GB18030"), ("utf-16", "UTF-16")])
def test_non_utf8_file_names_its_encoding(project: Callable[..., Path], encoding: str, named: str) -> None:
    finding = only(findings_for(project, GOOD.encode(encoding)))
    assert finding.code == "F001"
    assert named in finding.message
    assert "huibian import" in finding.message


def test_empty_file(project: Callable[..., Path]) -> None:
    finding = only(findings_for(project, "  \n\n"))
    assert (finding.code, finding.line) == ("F002", 1)


def test_python_tags_are_refused(project: Callable[..., Path]) -> None:
    text = report_text(extra="author: !!python/object/apply:os.system ['echo pwned']\n")
    finding = only(findings_for(project, text))
    assert (finding.code, finding.line) == ("M014", 6)


def test_alias_bomb_fails_fast(project: Callable[..., Path]) -> None:
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    text = "---\n" + "\n".join(levels) + "\n---\n正文\n"
    finding = only(findings_for(project, text))  # unguarded, the expansion would exhaust memory first
    assert finding.code == "M014"
    assert "别名" in finding.message


def test_front_matter_must_be_a_mapping(project: Callable[..., Path]) -> None:
    finding = only(findings_for(project, "---\n- title\n- unit\n---\n正文\n"))
    assert finding.code == "M003"
