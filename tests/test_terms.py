"""Term extraction for the index (索引): what counts as a term, sections, pinyin grouping."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from huibian.periods import parse_period
from huibian.pinyin import initial, sort_key
from huibian.report import Report
from huibian.terms import build_index, cited_documents, grouped, quoted_terms

from conftest import mkdocs_build, report_text


def make_report(body: str, unit: str = "jtj", index: tuple[str, ...] = (), title: str = "测试汇报") -> Report:
    period = parse_period("2024-H1")
    assert period is not None
    return Report(f"reports/{unit}/a.md", title, unit, period, "ideology", body, 8, date(2024, 7, 8), index=index)


@pytest.mark.parametrize(
    ("line", "terms"),
    [
        ("落实“三会一课”制度，增强“四个意识”。", ["三会一课", "四个意识"]),
        ("树立“不忘初心、牢记使命”的意识", ["不忘初心、牢记使命"]),
        ("群众说“好”。", []),  # one character
        ("他说：“这件事办得好，大家都满意。”", []),  # a whole sentence
        ("开展“公共文化服务如何走到群众身边”大讨论", []),  # a question, not a name
        ("“河山镇将统一征收全镇农户承包地”的谣言", []),  # reported speech, too long
        ("建设“XX工程”和“20XX行动”", []),  # unfilled placeholders
        ("推进「清风课堂」", ["清风课堂"]),
        ('引号里没有汉字“ABC”', []),
    ],
)
def test_quoted_terms_keep_noise_out(line: str, terms: list[str]) -> None:
    assert quoted_terms(line) == terms


def test_book_titles_are_cited_documents_not_terms() -> None:
    line = "学习《中国共产党宣传工作条例》和“《条例》解读”"
    assert cited_documents(line) == ["中国共产党宣传工作条例", "条例"]
    assert quoted_terms(line) == []


def test_sections_get_the_ids_the_site_gives_headings() -> None:
    body = (
        "导语提到“学习强国”。\n\n"
        "## 一、工作开展情况\n\n用好“学习强国”。\n\n"
        "### （一）抓**理论**学习 {: #own }\n\n"
        "```\n代码里的“不是词条”\n```\n\n"
        "## 一、工作开展情况\n\n再次提到“学习强国”。\n"
    )
    index = build_index([make_report(body)])
    assert "不是词条" not in index.terms
    entry = index.terms["学习强国"]
    assert entry.count == 3
    [(report, sections)] = entry.by_report()
    assert [(s.anchor, s.title) for s in sections] == [
        (None, ""),
        ("一工作开展情况", "一、工作开展情况"),
        ("一工作开展情况_1", "一、工作开展情况"),  # a repeated heading gets toc's suffix
    ]


def test_front_matter_index_terms_link_to_where_they_occur() -> None:
    report = make_report("## 一、做法\n\n推进网格化管理。\n", index=("网格化管理", "清单制"))
    index = build_index([report])
    assert [s.anchor for _, found in index.terms["网格化管理"].by_report() for s in found] == ["一做法"]
    # a declared term that the text does not use still links to the report
    assert [s.anchor for _, found in index.terms["清单制"].by_report() for s in found] == [None]


def test_a_term_in_two_reports_has_both() -> None:
    index = build_index([make_report("开展“清风夜校”。", "jyj"), make_report("举办“清风夜校”。", "wlj")])
    assert [r.unit for r, _ in index.terms["清风夜校"].by_report()] == ["jyj", "wlj"]


def test_grouped_by_pinyin_initial() -> None:
    assert initial("三会一课") == "S"
    assert initial("学习强国") == "X"
    assert initial("e路通") == "E"
    assert initial("12345热线") == "#"
    index = build_index([make_report("“学习强国”“三会一课”“四个意识”“12345热线”“阿里”")])
    groups = [(letter, [e.term for e in entries]) for letter, entries in grouped(index.terms.values())]
    assert groups == [("A", ["阿里"]), ("S", ["三会一课", "四个意识"]), ("X", ["学习强国"]), ("#", ["12345热线"])]


def test_sorted_by_toneless_pinyin_with_u_umlaut_after_u() -> None:
    assert sort_key("绿色发展") == "lv se fa zhan"
    assert sort_key("e路通") == "e lu tong"
    assert sort_key("12345热线") == "12345 re xian"
    index = build_index([make_report("“绿色发展”“路长制”“乱象整治”“旅游兴县”")])
    assert [[e.term for e in entries] for _, entries in grouped(index.terms.values())] == [
        ["路长制", "乱象整治", "绿色发展", "旅游兴县"]
    ]
    assert initial("𰀀字") == "#"  # a character pypinyin's table does not know


def test_a_broken_pypinyin_stops_the_build_with_a_message(project: Callable[..., Path], tmp_path: Path) -> None:
    """A pypinyin package without its character table (a broken install) is named, not a traceback."""
    body = "导语。\n\n## 一、工作开展情况\n\n全面推行“河长制”。\n"
    root = project({"jtj/2024-h1.md": report_text(body=body)})
    broken = tmp_path / "broken"
    (broken / "pypinyin").mkdir(parents=True)
    (broken / "pypinyin" / "__init__.py").write_text("", encoding="utf-8")
    done = mkdocs_build(root, env={"PYTHONPATH": os.pathsep.join([str(broken), os.environ.get("PYTHONPATH", "")])})
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    assert "pypinyin 的拼音字表 pinyin_dict.json，读取失败" in output and "请运行 make install" in output
