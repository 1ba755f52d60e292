"""The report linter: for every rule a failing example (exact code, line, column) and a passing near-miss."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from huibian.check import check_collection
from huibian.findings import Finding, Severity
from huibian.junk import JUNK_PATTERNS, MAX_JUNK_CHARS, classify_junk
from huibian.placeholders import find_placeholders

from conftest import TINY_COLLECTION, report_text

SECTIONS = """\
    sections:
      - id: situation
        name: 工作开展情况
        synonyms: [开展情况, 主要做法, 工作情况]
        severity: warning
      - id: problems
        name: 存在的问题
        synonyms: [存在的问题, 问题, 不足, 差距]
      - id: plans
        name: 下一步工作计划
        synonyms: [下一步, 工作计划, 打算, 措施]
"""
COLLECTION = TINY_COLLECTION.replace("    title: 意识形态工作情况汇报\n", "    title: 意识形态工作情况汇报\n" + SECTIONS)

# File lines: the body starts at line 11 (front matter 1-9, blank line 10).
BODY = """\
今年以来，我局扎实推进意识形态工作。

## 一、工作开展情况

（一）加强组织领导。局党组召开会议2次。

（二）强化理论学习。开展集中学习6次。

## 二、存在的问题

一是学习不够深入；二是宣传力量不强。

## 三、下一步工作计划

（一）深化学习。下半年再开展学习4次。
"""

Project = Callable[..., Path]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """Like conftest's `project`, but callable many times in one test (no site files: check only)."""
    counter = itertools.count()

    def make(reports: dict[str, str], collection: str = TINY_COLLECTION) -> Path:
        root = tmp_path / f"project{next(counter)}"
        (root / "reports").mkdir(parents=True)
        (root / "reports" / "collection.yml").write_text(collection, encoding="utf-8")
        for name, content in reports.items():
            path = root / "reports" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        return root

    return make


def lint(project: Project, body: str = BODY, collection: str = COLLECTION, **front: str) -> list[Finding]:
    root = project({"jtj/a.md": report_text(body=body, **front)}, collection=collection)
    return check_collection(root).findings


def where(findings: list[Finding], code: str) -> list[tuple[int, int]]:
    return [(f.line, f.col) for f in findings if f.code == code]


def test_good_report_is_clean(project: Project) -> None:
    assert lint(project) == []


# -- sections -----------------------------------------------------------------------------------


def test_missing_required_section(project: Project) -> None:
    body = BODY.replace("## 二、存在的问题\n\n一是学习不够深入；二是宣传力量不强。\n\n## 三、", "## 二、")
    findings = lint(project, body)
    (missing,) = [f for f in findings if f.code == "S001"]
    assert (missing.line, missing.col, missing.severity) == (11, 1, Severity.ERROR)
    assert "缺少“存在的问题”部分" in missing.message and "“不足”" in missing.message


def test_section_found_by_synonym_at_any_level_and_merged_heading(project: Project) -> None:
    merged = BODY.replace("## 二、存在的问题", "## 二、存在的不足和下一步打算").replace(
        "## 三、下一步工作计划\n\n（一）深化学习。", "（二）深化学习。"
    )
    assert where(lint(project, merged), "S001") == []
    nested = BODY.replace("## 二、存在的问题\n", "## 二、其他\n\n（一）工作中的差距。主要是：\n")
    assert where(lint(project, nested), "S001") == []


def test_missing_optional_section_is_a_warning(project: Project) -> None:
    body = BODY.replace("## 一、工作开展情况", "## 一、重点任务推进")
    (finding,) = [f for f in lint(project, body) if f.code == "S001"]
    assert finding.severity is Severity.WARNING and "工作开展情况" in finding.message


def test_report_without_sections(project: Project) -> None:
    findings = lint(project, "\n今年以来，我局扎实推进各项工作。\n\n全年开展学习6次。\n", collection=TINY_COLLECTION)
    assert where(findings, "S002") == [(12, 1)]
    assert lint(project, "今年以来。\n\n## 工作情况\n\n开展学习6次。\n", collection=TINY_COLLECTION) == []


def test_empty_section(project: Project) -> None:
    body = BODY.replace("一是学习不够深入；二是宣传力量不强。\n\n", "")
    findings = lint(project, body)
    assert where(findings, "S003") == [(19, 4)]
    assert "“二、存在的问题”这一节没有内容" in findings[0].message
    # A section whose content is all in sub-sections is not empty.
    assert where(lint(project, BODY.replace("## 一、工作开展情况\n", "## 一、工作开展情况\n\n### （一）总体\n\n正文。\n")),
                 "S003") == []


# -- numbering ----------------------------------------------------------------------------------


def test_numbering_gap(project: Project) -> None:
    findings = lint(project, BODY.replace("## 三、", "## 四、"))
    assert where(findings, "N001") == [(23, 4)]
    assert "缺了“三、”" in next(f for f in findings if f.code == "N001").message


def test_numbering_restarts_under_a_new_parent(project: Project) -> None:
    # BODY has （一） under 一、 and again under 三、: that is fine.
    assert where(lint(project), "N001") + where(lint(project), "N002") == []


def test_numbering_duplicate(project: Project) -> None:
    findings = lint(project, BODY.replace("（二）强化", "（一）强化"))
    assert where(findings, "N002") == [(17, 1)]
    assert "第 15 行" in next(f for f in findings if f.code == "N002").message


def test_numbering_wrong_start(project: Project) -> None:
    findings = lint(project, BODY.replace("（一）加强", "（二）加强").replace("（二）强化", "（三）强化"))
    assert where(findings, "N003") == [(15, 1)]
    assert "应为“（一）”" in next(f for f in findings if f.code == "N003").message


def test_level_used_out_of_order(project: Project) -> None:
    body = "今年以来，我局扎实推进各项工作。\n\n（一）加强组织领导。召开会议2次。\n\n（二）强化学习。开展学习6次。\n"
    findings = lint(project, body, collection=TINY_COLLECTION)
    assert where(findings, "N004") == [(13, 1)]
    # Under an unnumbered Markdown heading, and 1. directly under 一、, are accepted.
    assert lint(project, "## 工作情况\n\n" + body, collection=TINY_COLLECTION) == []
    assert where(lint(project, BODY.replace("（二）强化", "1.强化")), "N004") == []
    assert where(lint(project, BODY.replace("（一）加强", "（1）加强")), "N004") == [(15, 1)]


def test_same_level_with_different_markdown_depth(project: Project) -> None:
    findings = lint(project, BODY.replace("## 二、存在的问题", "### 二、存在的问题"))
    assert where(findings, "N005") == [(19, 5)]


def test_halfwidth_marker_where_fullwidth_is_used(project: Project) -> None:
    findings = lint(project, BODY.replace("（二）强化", "(二)强化"))
    assert where(findings, "N006") == [(17, 1)]
    assert "请改为“（二）”" in next(f for f in findings if f.code == "N006").message
    all_half = BODY.replace("（一）", "(一)").replace("（二）", "(二)")
    assert where(lint(project, all_half), "N006") == []


def test_enumeration_out_of_order(project: Project) -> None:
    findings = lint(project, BODY.replace("；二是宣传", "；三是宣传"))
    assert where(findings, "N007") == [(21, 10)]
    assert where(lint(project, BODY.replace("；二是宣传", "；统一是宣传")), "N007") == []


# -- placeholders ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "col", "found"),
    [
        ("开展集中学习X次。", "T001", 7, "X"),
        ("XX局参加培训。", "T001", 1, "XX"),
        ("由xx同志负责。", "T001", 2, "xx"),
        ("××县交通运输局。", "T001", 1, "××"),
        ("全年开展Ｘ次。", "T001", 5, "Ｘ"),
        ("如Ⅹ月Ⅹ日，组织学习。", "T001", 2, "Ⅹ"),
        ("***同志带队检查。", "T002", 1, "***"),
        ("召开**会和述职报告会。", "T002", 3, "**"),
        ("20XX年上半年，我局……", "T003", 1, "20XX"),
        ("202_年工作总结。", "T003", 1, "202_"),
        ("主要做法（请结合实际添加）。", "T004", 5, "（请结合实际添加）"),
    ],
)
def test_placeholder_found_with_exact_position(project: Project, text: str, code: str, col: int, found: str) -> None:
    findings = lint(project, BODY.replace("局党组召开会议2次。", text))
    hits = [f for f in findings if f.code == code]
    assert [(f.line, f.col) for f in hits][:1] == [(15, 10 + col)]
    assert f"“{found}”" in hits[0].message


@pytest.mark.parametrize(
    "text",
    [
        "使用Xbox、XXL号服装和Linux系统。",
        "配备X光机1台，开展X射线检查。",
        "**加强领导**，*落实责任*。",
        "面积为3×4米。",
        "2024年上半年完成（见附件）。",
        "访问 https://example.com/xx/list 查看。",
        "`XX` 是模板写法。",
        '<span class="xx-note">说明</span>',
        "见下表。{: .xx }",
    ],
)
def test_placeholder_near_misses(project: Project, text: str) -> None:
    findings = lint(project, BODY.replace("局党组召开会议2次。", text))
    assert [f.as_text() for f in findings if f.code.startswith("T")] == []


def test_list_bullets_and_rules_are_not_stars() -> None:
    assert find_placeholders("* 第一项") == []
    assert find_placeholders("* * *") == []
    assert [p.text for p in find_placeholders("张**、李**同志")] == ["**", "**"]


# -- junk ---------------------------------------------------------------------------------------


def test_junk_line(project: Project) -> None:
    findings = lint(project, BODY.replace("今年以来，我局扎实推进意识形态工作。", "仅供学习 禁止外传 用后删除"))
    assert where(findings, "J001") == [(11, 1)]
    assert "仅供学习" in next(f for f in findings if f.code == "J001").message


@pytest.mark.parametrize(
    "line",
    ["获得完整版资料咨询唯一指定QQ206157060", "本文由某某文库整理", "作者：佚名　时间：2023-05-06", "- 3 -", "欢迎访问本站"],
)
def test_junk_patterns(line: str) -> None:
    assert classify_junk(line)


@pytest.mark.parametrize(
    "line",
    [
        "（三）加强档案整理，规范管理。", "吸纳30名志愿者成为协会会员。", "订阅《人民日报》等党报党刊120份。",
        "全年接待来访群众3人次。",
    ],
)
def test_ordinary_lines_are_not_junk(line: str) -> None:
    assert classify_junk(line) is None


@pytest.mark.parametrize("pattern", [p for _, p in JUNK_PATTERNS], ids=[kind.reason for kind, _ in JUNK_PATTERNS])
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(data=st.data())
def test_every_junk_pattern_gets_past_the_quick_word_search(pattern: re.Pattern[str], data: st.DataObject) -> None:
    """classify_junk first looks for a few plain words: no line a pattern matches may fail that test."""
    text = data.draw(st.from_regex(pattern)).strip(" \t\u3000\r\n")
    assume(len(text) <= MAX_JUNK_CHARS and pattern.search(text))
    assert classify_junk(text) is not None


def test_quote_hash_and_indent_artefacts(project: Project) -> None:
    body = BODY.replace("今年以来", "> 今年以来").replace(
        "（二）强化理论学习。", "\u3000\u3000（二）强化理论学习。"
    ).replace("## 三、下一步工作计划\n", "## 三、下一步工作计划\n\n####\n")
    findings = lint(project, body)
    assert where(findings, "J002") == [(11, 1)]
    assert where(findings, "J004") == [(17, 1)]
    assert where(findings, "J003") == [(25, 1)]
    assert "2 个全角空格" in next(f for f in findings if f.code == "J004").message
    no_space = lint(project, BODY.replace("## 二、存在的问题", "####二、存在的问题"))
    assert where(no_space, "J003") == [(19, 1)]
    # A real Markdown heading and a full-width space inside a line are fine.
    assert lint(project, BODY.replace("开展集中学习6次", "开展集中学习\u30006次")) == []


# -- consistency --------------------------------------------------------------------------------


def test_title_names_another_unit(project: Project) -> None:
    findings = lint(project, title="测试县教育局2024年上半年意识形态工作情况汇报")
    assert where(findings, "K001") == [(2, 1)]
    assert "“测试县教育局”" in findings[0].message
    # A child unit may name its parent in the title.
    child = lint(project, unit="glzx", title="测试县交通运输局公路养护中心2024年上半年意识形态工作情况汇报")
    assert where(child, "K001") == []


def test_title_names_another_period(project: Project) -> None:
    assert where(lint(project, title="测试县交通运输局2023年上半年意识形态工作情况汇报"), "K002") == [(2, 1)]
    assert where(lint(project, title="测试县交通运输局2024年下半年意识形态工作情况汇报"), "K002") == [(2, 1)]
    assert where(lint(project, title="测试县交通运输局2024年度意识形态工作情况汇报"), "K002") == [(2, 1)]
    assert where(lint(project, title="测试县交通运输局2024年上半年意识形态工作情况汇报"), "K002") == []


def test_date_before_end_of_period(project: Project) -> None:
    findings = lint(project, extra="date: 2024-06-20\n")
    assert where(findings, "K003") == [(6, 1)]
    assert findings[0].severity is Severity.WARNING
    assert lint(project, extra="date: 2024-06-30\n") == []  # the last day of the period is fine


# -- silencing ----------------------------------------------------------------------------------

PLACEHOLDER_BODY = BODY.replace("召开会议2次", "召开会议X次")


def test_front_matter_ignore_by_code_and_by_group(project: Project) -> None:
    assert where(lint(project, PLACEHOLDER_BODY), "T001") == [(15, 18)]
    assert lint(project, PLACEHOLDER_BODY, extra="ignore: [T001]\n") == []
    assert lint(project, PLACEHOLDER_BODY, extra="ignore: [T]\n") == []
    assert [f.code for f in lint(project, PLACEHOLDER_BODY, extra="ignore: [N001]\n")] == ["T001"]


def test_collection_per_path_ignores(project: Project) -> None:
    silenced = COLLECTION + 'lint:\n  ignore:\n    "reports/jtj/*": [T001]\n'
    assert lint(project, PLACEHOLDER_BODY, collection=silenced) == []
    elsewhere = COLLECTION + "lint:\n  ignore:\n    jyj: [T001]\n"
    assert where(lint(project, PLACEHOLDER_BODY, collection=elsewhere), "T001") == [(15, 18)]


def test_bad_lint_settings_are_reported(project: Project) -> None:
    bad = COLLECTION + 'lint:\n  ignore:\n    "reports/jtj/*": [Z999]\n'
    findings = lint(project, collection=bad)
    (finding,) = findings
    assert (finding.path, finding.code) == ("reports/collection.yml", "C003")
    assert "Z999" in finding.message and finding.line == finding.line > 30


def test_per_kind_ignore_and_severity(project: Project) -> None:
    early = {"extra": "date: 2024-06-20\n"}
    per_kind = COLLECTION + "lint:\n  kinds:\n    ideology:\n      ignore: [K003]\n"
    assert lint(project, collection=per_kind, **early) == []
    stricter = COLLECTION + "lint:\n  kinds:\n    ideology:\n      severity: {K003: error}\n"
    (finding,) = lint(project, collection=stricter, **early)
    assert (finding.code, finding.severity) == ("K003", Severity.ERROR)
    unknown = COLLECTION + "lint:\n  kinds:\n    ideolgy:\n      ignore: [K003]\n"
    problems = [f for f in lint(project, collection=unknown) if f.code == "C003"]
    assert len(problems) == 1 and "“ideolgy”不存在，是不是“ideology”？" in problems[0].message


def test_unknown_code_in_ignore(project: Project) -> None:
    findings = lint(project, extra="date: 2024-07-08\nignore: [T01, T]\n")
    (finding,) = findings
    assert (finding.code, finding.line, finding.col) == ("K004", 7, 1)
    assert "“T01”不是已有的规则代码" in finding.message and "是不是“T001”？" in finding.message


def test_unnumbered_sub_heading_is_content_and_long_gaps_are_summarised(project: Project) -> None:
    body = BODY.replace("一是学习不够深入；二是宣传力量不强。\n", "### 主要表现\n\n学习不够深入。\n")
    assert where(lint(project, body), "S003") == []
    findings = lint(project, BODY.replace("## 三、", "## 十二、"))
    (gap,) = [f for f in findings if f.code == "N001"]
    assert "缺了“三、”、“四、”、“五、”等 9 项" in gap.message


def test_guidance_comments_do_not_fill_a_section() -> None:
    """A `huibian new` template still holds only guidance: its sections are reported as empty."""
    from huibian.structure import parse_structure

    body = (
        "导语。\n\n## 一、工作开展情况\n\n<!-- 本节写工作开展情况。\n可以分条目。 -->\n\n"
        "## 二、存在的问题\n\n<!-- 提示 -->\n正文。\n"
    )
    first, second = parse_structure(body).headings
    assert first.has_content is False
    assert second.has_content is True
