"""`huibian new`: a report from the kind's template that passes `huibian check`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from huibian.check import check_collection
from huibian.structure import parse_structure

from conftest import TINY_COLLECTION, run_huibian

WITH_SECTIONS = TINY_COLLECTION.replace(
    "    title: 意识形态工作情况汇报\n",
    "    title: 意识形态工作情况汇报\n"
    "    sections:\n"
    "      - id: situation\n        name: 工作开展情况\n        synonyms: [开展情况, 主要做法]\n"
    "      - id: problems\n        name: 存在的问题\n        synonyms: [问题, 不足]\n"
    "      - id: plans\n        name: 下一步工作计划\n        synonyms: [下一步, 打算]\n",
)


def test_new_report_from_template_passes_check(project: Callable[..., Path]) -> None:
    root = project(collection=WITH_SECTIONS)
    done = run_huibian(root, "new", "--unit", "jtj", "--period", "2024-H1", "--kind", "ideology")
    assert done.returncode == 0, done.stderr
    path = root / "reports" / "jtj" / "2024-h1-ideology.md"
    assert "reports/jtj/2024-h1-ideology.md" in done.stdout
    text = path.read_text(encoding="utf-8")
    assert "title: 测试县交通运输局2024年上半年意识形态工作情况汇报\n" in text
    assert "period: 2024-H1\n" in text and "status: draft" in text
    body = text.split("\n---\n", 1)[1]
    outline = parse_structure(body)
    assert [(h.level, h.marker, h.text) for h in outline.headings] == [
        (1, "一、", "工作开展情况"), (1, "二、", "存在的问题"), (1, "三、", "下一步工作计划"),
    ]
    assert body.count("<!--") >= 4  # guidance: opening, each section, closing
    result = check_collection(root)
    assert [r.id for r in result.reports] == ["jtj/2024-h1-ideology"]
    metadata = [f for f in result.findings if f.code.startswith("M")]
    assert metadata == []
    # The template's guidance comments are not content: every section is reported as still empty.
    assert [f.code for f in result.findings] == ["S003"] * len(outline.headings)


def test_new_without_declared_sections_uses_the_usual_three(project: Callable[..., Path]) -> None:
    root = project()
    done = run_huibian(root, "new", "--unit", "glzx", "--period", "2024", "--kind", "ideology")
    assert done.returncode == 0, done.stderr
    text = (root / "reports" / "glzx" / "2024-ideology.md").read_text(encoding="utf-8")
    assert "title: 测试县公路养护中心2024年度意识形态工作情况汇报" in text
    assert "## 一、工作开展情况" in text and "## 三、下一步工作计划" in text


def test_new_yearly_kind_named_with_niandu_says_niandu_once(project: Callable[..., Path]) -> None:
    root = project(collection=TINY_COLLECTION.replace(
        "kinds:\n", "kinds:\n  - id: annual\n    name: 年度工作\n    title: 年度工作总结\n"))
    done = run_huibian(root, "new", "--unit", "jtj", "--period", "2024", "--kind", "annual")
    assert done.returncode == 0, done.stderr
    text = (root / "reports" / "jtj" / "2024-annual.md").read_text(encoding="utf-8")
    assert "title: 测试县交通运输局2024年度工作总结\n" in text


def test_new_refuses_to_overwrite(project: Callable[..., Path]) -> None:
    root = project()
    path = root / "reports" / "jtj" / "2024-h1-ideology.md"
    path.parent.mkdir(parents=True)
    path.write_text("已经写好的报告", encoding="utf-8")
    done = run_huibian(root, "new", "--unit", "jtj", "--period", "2024-H1", "--kind", "ideology")
    assert done.returncode == 1
    assert "已存在" in done.stderr
    assert path.read_text(encoding="utf-8") == "已经写好的报告"


def test_new_rejects_unknown_unit_and_bad_period(project: Callable[..., Path]) -> None:
    root = project()
    unit = run_huibian(root, "new", "--unit", "jtjj", "--period", "2024-H1", "--kind", "ideology")
    assert unit.returncode == 2 and "“jtj”" in unit.stderr
    period = run_huibian(root, "new", "--unit", "jtj", "--period", "2024上半年", "--kind", "ideology")
    assert period.returncode == 2 and "格式不对" in period.stderr
    assert not (root / "reports" / "jtj").exists()


def test_new_report_builds_and_hides_the_guidance(project: Callable[..., Path]) -> None:
    from conftest import mkdocs_build

    root = project(collection=WITH_SECTIONS)
    assert run_huibian(root, "new", "--unit", "jyj", "--period", "2024-H1", "--kind", "ideology").returncode == 0
    built = mkdocs_build(root)
    assert built.returncode == 0, built.stderr[-2000:]
    page = (root / "site" / "reports" / "jyj" / "2024-h1-ideology" / "index.html").read_text(encoding="utf-8")
    assert "测试县教育局2024年上半年意识形态工作情况汇报" in page
    for heading in ("一、工作开展情况", "二、存在的问题", "三、下一步工作计划"):
        assert heading in page
    visible = _visible(page)
    assert "本节写" not in visible and "导语：" not in visible  # guidance comments are not shown


def _visible(html: str) -> str:
    import re

    return re.sub(r"<!--.*?-->", "", html, flags=re.S)
