"""Report templates for `huibian new`: front matter and the kind's required sections with guidance."""

from __future__ import annotations

import yaml

from huibian.collection import Collection, Kind
from huibian.periods import Period
from huibian.structure import chinese_numeral

# Sections used when a kind declares none: the usual three of a work report.
DEFAULT_SECTIONS = ("工作开展情况", "存在的问题", "下一步工作计划")

OPENING_GUIDE = (
    "<!-- 导语：用一段话概括本期工作的总体情况，可以“现将有关情况汇报如下：”结尾。"
    "写好后删除这段提示（以“<!--”开头、“-->”结尾的提示不会显示在网站和 PDF 中）。 -->"
)
SECTION_GUIDE = (
    "<!-- 本节写“{name}”（标题也可写作：{synonyms}）。分条目时用“### （一）……”作小标题，"
    "条目中可用“1.”“一是……二是……”列举。 -->"
)
CLOSING_GUIDE = "<!-- 落款：文末另起两行，写单位全称和成文日期（如 {example}），并把日期填入上方元数据的 date。 -->"


def compose_title(collection: Collection, unit: str, period: Period, kind: str) -> str:
    """Unit full name + period label + kind title: 桐溪县交通运输局2024年上半年意识形态工作情况汇报."""
    return f"{collection.units[unit].name}{period.label_with(collection.kinds[kind].title)}"


def _sections(kind: Kind) -> list[tuple[str, tuple[str, ...]]]:
    if kind.sections:
        return [(s.name, s.synonyms) for s in kind.sections]
    return [(name, ()) for name in DEFAULT_SECTIONS]


def report_template(collection: Collection, unit: str, period: Period, kind: str) -> str:
    """A new report: filled front matter, then the kind's sections as ## 一、… with guidance comments."""
    title = compose_title(collection, unit, period, kind)
    front = yaml.safe_dump(
        {"title": title, "unit": unit, "period": period.code, "kind": kind},
        allow_unicode=True, sort_keys=False, width=1000,
    ).strip()
    lines = [
        "---",
        front,
        "# date: YYYY-MM-DD        # 成文日期（落款日期），定稿时填写",
        "classification: internal  # 可以公开时改为 public",
        "status: draft             # 写完并核对后改为 final",
        "---",
        "",
        OPENING_GUIDE,
        "",
    ]
    for index, (name, synonyms) in enumerate(_sections(collection.kinds[kind])):
        numeral = chinese_numeral(index + 1)
        others = "、".join(s for s in synonyms if s != name) or "无"
        lines += [f"## {numeral}、{name}", "", SECTION_GUIDE.format(name=name, synonyms=others), ""]
    example = f"{collection.units[unit].name} {period.end.year}年{period.end.month}月{period.end.day}日"
    lines.append(CLOSING_GUIDE.format(example=example))
    return "\n".join(lines) + "\n"
