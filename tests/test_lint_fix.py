"""`huibian check --fix`: safe mechanical fixes, reported line by line; nothing else changes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from huibian.fix import fix_text

from conftest import report_text, run_huibian

BODY = """\
>　　今年以来，我局扎实推进各项工作。

####

## 一、工作开展情况

(一)加强组织领导。局党组召开会议X次。

　　（二）强化理论学习。开展集中学习6次。

####二、存在的问题

一是学习不够深入。

```
(一) 代码里的内容不动
```
"""


def test_fix_command_changes_only_the_safe_things(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": report_text(body=BODY)})
    before = run_huibian(root, "check")
    assert {"J002", "J003", "J004", "N006", "T001"} <= {line.split()[1] for line in before.stdout.splitlines()}

    fixed = run_huibian(root, "check", "--fix")
    text = (root / "reports" / "jtj" / "a.md").read_text(encoding="utf-8")
    assert text == report_text(body=BODY.replace(">　　今年", "今年").replace("####\n", "\n", 1)
                               .replace("(一)加强", "（一）加强").replace("　　（二）", "（二）")
                               .replace("####二、", "二、"))
    assert "(一) 代码里的内容不动" in text  # fenced code untouched
    for expected in [
        "reports/jtj/a.md:11: 已修正：删除行首的“>”",
        "reports/jtj/a.md:11: 已修正：删除行首的 2 个全角空格",
        "reports/jtj/a.md:13: 已修正：删除空标题“####”",
        "reports/jtj/a.md:17: 已修正：把“(一)”改为“（一）”",
        "reports/jtj/a.md:19: 已修正：删除行首的 2 个全角空格",
        "reports/jtj/a.md:21: 已修正：删除行首多余的“####”",
        "自动修正了 1 个文件。",
    ]:
        assert expected in fixed.stderr
    # What remains is what only the author can fix: the placeholder.
    codes = [line.split()[1] for line in fixed.stdout.splitlines()]
    assert codes == ["T001"], fixed.stdout
    assert fixed.returncode == 1

    again = run_huibian(root, "check", "--fix")
    assert "自动修正了 0 个文件。" in again.stderr


def test_fix_keeps_crlf_and_front_matter() -> None:
    text = "---\ntitle: (一)\n---\r\n(二)强化学习。\r\n正文　中间的全角空格不动。\r\n"
    fixed, changes = fix_text(text)
    assert fixed == "---\ntitle: (一)\n---\r\n（二）强化学习。\r\n正文　中间的全角空格不动。\r\n"
    assert [(c.line, c.description) for c in changes] == [(4, "把“(二)”改为“（二）”")]


def test_fix_leaves_ordinary_text_alone() -> None:
    text = "---\ntitle: t\n---\n## 一、情况\n\n(注：括号里的说明)不是序号。\n1.5亿元已到位。\n"
    assert fix_text(text) == (text, [])


def test_lint_findings_in_every_output_format(project: Callable[..., Path]) -> None:
    root = project({"jtj/a.md": report_text(body="今年以来。\n\n## 一、情况\n\n开展培训X次。\n")})
    text = run_huibian(root, "check")
    assert "reports/jtj/a.md:15:5: T001 错误 “X”像是模板中没有替换的占位符" in text.stdout
    github = run_huibian(root, "check", "--format", "github")
    assert "::error file=reports/jtj/a.md,line=15,col=5,title=T001::“X”像是模板中没有替换的占位符" in github.stdout
    as_json = json.loads(run_huibian(root, "check", "--format", "json").stdout)
    assert [(f["code"], f["line"], f["col"], f["severity"]) for f in as_json] == [("T001", 15, 5, "error")]
