"""`huibian recycled REPORT`: one report's recycled passages beside their sources."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from huibian.check import check_collection, display_path
from huibian.commands import char_width, project_root, width
from huibian.recycled import EARLIER, line_col, percent, source_label


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("report", type=Path, metavar="REPORT", help="报告文件，例如 reports/jtj/2024-ideology.md")


def run(args: argparse.Namespace) -> int:
    from huibian.cli import UsageError

    root = project_root()
    if not args.report.is_file():
        raise UsageError(f"找不到报告文件：{args.report}")
    result = check_collection(root, [args.report])
    shown = display_path(args.report, root)
    report = next((r for r in result.reports if r.source == shown), None)
    if report is None or result.recycled is None or result.collection is None:
        raise UsageError(f"{shown} 不是可用的报告（先运行 huibian check {shown} 查看错误）")
    found = result.recycled.of(report)
    if found is None or not found.passages:
        print(f"{shown}：没有与本单位早期报告或其他单位报告相同的文字。")
        return 0
    print(f"{shown}：重复率 {percent(found.share)}（与本单位早期报告 {percent(found.earlier_share)}，"
          f"与其他单位报告 {percent(found.other_share)}；共比较 {found.compared} 字）")
    for share in found.earlier + found.others:
        print(f"  {percent(share.share):>4}  {source_label(share.report, result.collection, report)}  {share.report.source}")
    terminal = max(60, shutil.get_terminal_size((120, 24)).columns)
    column = (terminal - 3) // 2
    for passage in found.passages:
        line, _ = line_col(report, passage.start)
        match = passage.matches[0]
        source = match.source
        what = "本单位早期报告" if passage.category == EARLIER else "其他单位报告"
        source_line, _ = line_col(source, result.recycled.fingerprints[source.source].starts[match.index])
        print()
        left_head = f"{shown}:{line}"
        right_head = f"{what}：{source.source}:{source_line}"
        print(_side(left_head, right_head, column))
        print(_side(report.body[passage.start : passage.end], result.recycled.text(source, match.index), column))
    return 0


def _wrap(text: str, columns: int) -> list[str]:
    """Lines of at most `columns` terminal columns."""
    lines, current, used = [], "", 0
    for char in text:
        if used + char_width(char) > columns:
            lines.append(current)
            current, used = "", 0
        current += char
        used += char_width(char)
    return [*lines, current]


def _side(left: str, right: str, column: int) -> str:
    """Two texts side by side in columns of `column` terminal columns, separated by a bar."""
    left_lines, right_lines = _wrap(left, column), _wrap(right, column)
    rows = []
    for i in range(max(len(left_lines), len(right_lines))):
        one = left_lines[i] if i < len(left_lines) else ""
        two = right_lines[i] if i < len(right_lines) else ""
        rows.append(one + " " * (column - width(one)) + " │ " + two)
    return "\n".join(rows)
