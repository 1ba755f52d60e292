"""The rules reference page (docs/rules.md), generated from the rule registry `huibian.rules.RULES`.

Regenerate with `python scripts/gen_rules_doc.py`; a test fails when the page is out of date,
so every rule is described exactly once: in rules.py.
"""

from __future__ import annotations

import re

from huibian.findings import Severity
from huibian.rules import RULES, Rule

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
并列出改动了哪些行；其他内容一概不动。
"""


def closable(rule: Rule) -> bool:
    """Whether `ignore:` can silence the rule: linter rules and warnings about valid metadata."""
    return rule.code[0] in "SNTJK" or (rule.group == "元数据" and rule.severity is Severity.WARNING)


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
        for rule in members:
            lines += _rule_section(rule)
    return "\n".join(lines).rstrip("\n") + "\n"
