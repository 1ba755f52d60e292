"""The rules reference page (docs/rules.md), generated from the rule registry `huibian.rules.RULES`.

Regenerate with `python scripts/gen_rules_doc.py`; a test fails when the page is out of date,
so every rule is described exactly once: in rules.py.
"""

from __future__ import annotations

import re

from huibian.findings import Severity
from huibian.rules import RULES, WORDING_GROUP, Rule
from huibian.wording import TABLE_FILES, WILDCARD, WILDCARD_SPAN, load_tables

_FIELD = re.compile(r"\{[a-z_]+\}")

INTRO = """\
# 检查规则

`huibian check`、网站构建和预览都按下面的规则检查报告。每条规则有一个固定的代码（如 `T001`），
“错误”会使构建失败，“警告”只提示（`mkdocs build --strict` 和 `huibian check --strict` 下警告也算失败）。

本页由 `scripts/gen_rules_doc.py` 根据规则表自动生成，请勿手工修改。

## 如何关闭某条规则

**单篇报告**：在报告的元数据中写 `ignore`，列出规则代码；也可以只写字母或前缀，关闭整组规则：

```yaml
---
title: 桐溪县交通运输局2024年上半年意识形态工作情况汇报
unit: jtj
period: 2024-H1
kind: ideology
ignore: [K003, T]   # 不检查成文日期，也不检查模板占位符（T001–T004）
---
```

**一批报告**：在 `reports/collection.yml` 中写 `lint.ignore`，像 ruff 的 `per-file-ignores` 一样按路径模式关闭：

```yaml
lint:
  ignore:
    "reports/kfq/*": [T002]      # 开发区的报告不检查星号
    "*": [J004]                  # 所有报告都不检查全角空格缩进
  kinds:                         # 按报告类别：关闭规则或调整级别
    summary:
      ignore: [K003]             # 年度总结允许在12月成文
      severity: {S003: error}    # 年度总结不允许有空的部分
```

每类报告必须具备的部分（S001）在 `collection.yml` 的 `kinds[].sections` 中配置：`synonyms` 列出可用的标题写法，
`severity` 决定缺少时是错误还是警告。

**自动修正**：`huibian check --fix` 会自动修正可以机械处理的问题（半角括号序号、全角空格缩进、行首多余的 `>` 和 `#`），
并列出改动了哪些行；其他内容一概不动，提法和错别字也只提示、不修改。
"""

WORDING_INTRO = """\
本组规则按下面四张表逐行检查报告正文。表是随 Huibian 发布的数据文件（`src/huibian/data/`），
修改后检查结果的缓存自动失效。全部条目见[提法与错别字表](wording.md)。

表中每个错误写法都必须在任何上下文中都是错的：可能是另一个正确词语一部分的短词不收，
改为只收固定搭配（只查“截止目前”，不查“截止”，因为“截止日期”是对的；只查“严肃追求责任”等，不查“追求”）。
“字词重复”只查名词和地名（“全县全县”），不查“研究研究”“常常”“明明白白”等正常的叠用。
宁可漏报，不可误报：领导审阅的报告上一条误报的代价比漏掉一处错字更大。

在示例报告、真实报告和生成语料上测得的误报与漏报见仓库中的 `docs/benchmarks-wording.md`
（`python scripts/bench_wording.py` 重新测量）。`huibian check --fix` 不会修改任何字词。
"""

_TABLE_NAMES = {"W001": "规范提法", "W002": "常见错别字", "W003": "重复的字词", "W004": "固定词组缺字"}


def closable(rule: Rule) -> bool:
    """Whether `ignore:` can silence the rule: linter rules and warnings about valid metadata."""
    return rule.code[0] in "SNTJKWR" or (rule.group == "元数据" and rule.severity is Severity.WARNING)


def _describe(text: str) -> str:
    """A message template for the page: fields become "……", Markdown emphasis characters are escaped."""
    return _FIELD.sub("……", text).replace("*", "\\*").replace("_", "\\_")


def _block(text: str) -> list[str]:
    return ["```text", *text.split("\n"), "```"]


def _rule_section(rule: Rule) -> list[str]:
    severity = "错误" if rule.severity is Severity.ERROR else "警告"
    lines = [f"### {rule.code} {rule.title} {{#{rule.code.lower()}}}", "", f"- 级别：{severity}"]
    lines.append(f"- 提示：{_describe(rule.message)}")
    if closable(rule):
        lines.append(f"- 关闭：在元数据中写 `ignore: [{rule.code}]`，或在 collection.yml 的 `lint.ignore` 中列出")
    else:
        lines.append("- 关闭：不能关闭，请按提示修正")
    lines.append("")
    if rule.bad:
        lines += ["有问题的写法：", "", *_block(rule.bad), ""]
    if rule.good:
        lines += ["正确的写法：", "", *_block(rule.good), ""]
    return lines


def rules_markdown() -> str:
    """The full text of docs/rules.md."""
    groups: dict[str, list[Rule]] = {}
    for rule in RULES.values():
        groups.setdefault(rule.group, []).append(rule)
    lines = [INTRO.rstrip("\n"), "", "## 规则一览", ""]
    lines += ["| 代码 | 级别 | 规则 | 分组 |", "| --- | --- | --- | --- |"]
    for group, members in groups.items():
        for rule in members:
            severity = "错误" if rule.severity is Severity.ERROR else "警告"
            lines.append(f"| [{rule.code}](#{rule.code.lower()}) | {severity} | {rule.title} | {group} |")
    lines.append("")
    for group, members in groups.items():
        lines += [f"## {group}", ""]
        if group == WORDING_GROUP:
            lines += [*WORDING_INTRO.rstrip("\n").split("\n"), "", *_wording_tables()]
        for rule in members:
            lines += _rule_section(rule)
    return "\n".join(lines).rstrip("\n") + "\n"


def _wording_tables() -> list[str]:
    tables = load_tables()
    lines = ["| 规则 | 表 | 数据文件 | 错误写法条数 |", "| --- | --- | --- | --- |"]
    for code, file_name in TABLE_FILES.items():
        count = len(tables[code])
        lines.append(f"| [{code}](#{code.lower()}) | {_TABLE_NAMES[code]} | `src/huibian/data/{file_name}` | {count} |")
    total = sum(len(entries) for entries in tables.values())
    return [*lines, f"| | 合计 | | {total} |", ""]


def wording_markdown() -> str:
    """The full text of docs/wording.md: every entry of the wording tables."""
    tables = load_tables()
    lines = [
        "# 提法与错别字表", "",
        "`huibian check` 按本页各表检查报告正文（规则 W001–W004，见[检查规则](rules.md#w001)）。"
        "本页由 `scripts/gen_rules_doc.py` 根据 `src/huibian/data/` 中的数据文件自动生成，请勿手工修改。",
        f"“{WILDCARD}”代表最多 {WILDCARD_SPAN} 个汉字。", "",
    ]
    for code, entries in tables.items():
        lines += [f"## {code} {_TABLE_NAMES[code]}（{len(entries)} 条）", "", "| 错误写法 | 应为 | 说明 |", "| --- | --- | --- |"]
        for entry in entries:
            lines.append(f"| {entry.wrong} | {entry.right} | {entry.note} |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
