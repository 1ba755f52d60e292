"""The structure parser: Chinese numbering as Markdown and run-in headings, nesting, positions."""

from __future__ import annotations

import pytest

from huibian.structure import chinese_number, parse_structure

BODY = """\
今年以来，我局扎实推进各项工作。现汇报如下：

## 一、工作开展情况

（一）加强组织领导，强化部署抓落实。局党组召开会议2次。

1.责任清单动态更新。新增事项3项。

2、督查检查常态开展。发现问题7个。

(二)创新学习形式

　　局党组理论学习中心组开展集中学习6次。

（1）读书班。举办1期。

## 二、存在的问题

一是学习不深；二是宣传力量不强。

```
一、这是代码
```

### 三、下一步工作打算
"""


def test_headings_levels_positions_and_nesting() -> None:
    outline = parse_structure(BODY, first_line=10)
    flat = [(h.level, h.number, h.marker, h.text, h.line, h.col, h.run_in, h.md_depth) for h in outline.headings]
    assert flat == [
        (1, 1, "一、", "工作开展情况", 12, 4, False, 2),
        (2, 1, "（一）", "加强组织领导，强化部署抓落实。", 14, 1, True, None),
        (3, 1, "1.", "责任清单动态更新。", 16, 1, True, None),
        (3, 2, "2、", "督查检查常态开展。", 18, 1, True, None),
        (2, 2, "(二)", "创新学习形式", 20, 1, False, None),
        (4, 1, "（1）", "读书班。", 24, 1, True, None),
        (1, 2, "二、", "存在的问题", 26, 4, False, 2),
        (1, 3, "三、", "下一步工作打算", 34, 5, False, 3),
    ]
    assert [h.marker for h in outline.roots] == ["一、", "二、", "三、"]
    first = outline.roots[0]
    assert [c.marker for c in first.children] == ["（一）", "(二)"]
    assert [c.marker for c in first.children[0].children] == ["1.", "2、"]
    assert [c.marker for c in first.children[1].children] == ["（1）"]
    assert outline.headings[4].halfwidth and not outline.headings[1].halfwidth
    # The fenced "一、" is code, not a heading; the last section is empty.
    assert outline.roots[2].has_content is False
    assert outline.roots[1].has_content is True
    assert first.end_line == 24


def test_enumerations_inside_paragraphs() -> None:
    outline = parse_structure(BODY, first_line=10)
    assert [(e.ordinal, e.line, e.col) for e in outline.enumerations] == [(1, 28, 1), (2, 28, 8)]


@pytest.mark.parametrize(
    "line",
    [
        "2024.7月，全局开展培训。",
        "1.5亿元资金全部到位。",
        "1、2月份共开展活动3次。",
        "今年1.完成了任务。",
        "1. 2. 3.",
        "统一是关键。",
        "　　“十四五”规划实施以来，……",
    ],
)
def test_ordinary_prose_is_not_a_heading(line: str) -> None:
    outline = parse_structure(f"{line}\n")
    assert outline.headings == []
    assert outline.enumerations == []


def test_plain_markdown_headings_are_kept_apart() -> None:
    outline = parse_structure("# 总标题\n\n## 存在的问题\n\n正文。\n\n## 下一步打算\n")
    assert outline.headings == []
    assert [(p.depth, p.text, p.line, p.has_content) for p in outline.plain] == [
        (1, "总标题", 1, False), (2, "存在的问题", 3, True), (2, "下一步打算", 7, False),
    ]
    assert [t for t, _, _ in outline.section_titles()] == ["总标题", "存在的问题", "下一步打算"]


def test_bold_run_in_heading_and_fullwidth_indent() -> None:
    outline = parse_structure("\u3000\u3000**（三）完善舆情机制。**3月修订出台办法。\n")
    (heading,) = outline.headings
    assert (heading.level, heading.number, heading.text, heading.col, heading.run_in) == (2, 3, "完善舆情机制。", 5, True)


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("九十九", 99), ("百", None), ("一二", None), ("", None)],
)
def test_chinese_number(text: str, value: int | None) -> None:
    assert chinese_number(text) == value


def test_heading_behind_a_stray_quote_marker_is_still_a_heading() -> None:
    outline = parse_structure(">\u3000\u3000一、总体情况\n\u3000\u3000(一)注重思想引领 一是加强理论武装。\n")
    assert [(h.level, h.marker, h.text, h.col, h.halfwidth) for h in outline.headings] == [
        (1, "一、", "总体情况", 4, False), (2, "(一)", "注重思想引领", 3, True),
    ]
    assert [h.marker for h in outline.roots[0].children] == ["(一)"]
    assert outline.headings[1].run_in
    assert [(e.ordinal, e.line, e.col) for e in outline.enumerations] == [(1, 2, 13)]
