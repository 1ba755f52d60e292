"""The front-matter schema: one declaration used by the validator and by `huibian schema`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    """One of: text, period, date, list, choice."""
    title: str
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    example: str = ""


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "text", "标题", "报告标题：单位 + 期间 + 主题 + 文种", True,
              example="桐溪县交通运输局2024年上半年意识形态工作情况汇报"),
    FieldSpec("unit", "text", "报送单位", "单位编号，见 reports/collection.yml 的 units", True, example="jtj"),
    FieldSpec("period", "period", "报告期间", "2024（年度）、2024-H1/2024-H2（半年）、2024-Q3（季度）或 2024-05（月份）",
              True, example="2024-H1"),
    FieldSpec("kind", "text", "报告类别", "类别编号，见 reports/collection.yml 的 kinds", True, example="ideology"),
    FieldSpec("date", "date", "成文日期", "落款日期，写作 YYYY-MM-DD", example="2024-07-08"),
    FieldSpec("classification", "choice", "公开属性", "public 为可公开；internal 为内部（不写时按内部处理）",
              choices=("public", "internal"), example="public"),
    FieldSpec("status", "choice", "状态", "draft 为草稿（不汇编成册）；final 为定稿", choices=("draft", "final"),
              example="final"),
    FieldSpec("tags", "list", "标签", "标签列表，只能使用 collection.yml 中 tags 列出的标签", example="[理论学习, 舆论引导]"),
    FieldSpec("author", "text", "起草人或起草部门", "例如：局办公室", example="局办公室"),
    FieldSpec("summary", "text", "摘要", "一句话概括报告内容，显示在索引页", example="上半年意识形态工作总体平稳。"),
    FieldSpec("ignore", "list", "忽略的检查规则", "本报告不检查的规则代码，例如 [P001]", example="[P001]"),
    FieldSpec("index", "list", "索引词", "加入术语索引的词语", example="[三会一课]"),
)

FIELD_NAMES = tuple(f.name for f in FIELDS)
REQUIRED = tuple(f.name for f in FIELDS if f.required)
BY_NAME = {f.name: f for f in FIELDS}
