"""`huibian new --unit ID --period P --kind K`: a new report from the kind's template."""

from __future__ import annotations

import argparse
import sys

from huibian.check import REPORTS_DIR, display_path
from huibian.collection import did_you_mean, load_collection
from huibian.commands import project_root
from huibian.findings import format_findings
from huibian.importer.writer import write_atomic
from huibian.periods import parse_period
from huibian.templates import report_template


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--unit", required=True, metavar="ID", help="报送单位编号（见 reports/collection.yml 的 units）")
    parser.add_argument("--period", required=True, metavar="P", help="报告期间：2024、2024-H1、2024-Q3 或 2024-05")
    parser.add_argument("--kind", required=True, metavar="K", help="报告类别编号（见 reports/collection.yml 的 kinds）")


def run(args: argparse.Namespace) -> int:
    from huibian.cli import UsageError

    root = project_root()
    collection, findings = load_collection(root / REPORTS_DIR, f"{REPORTS_DIR}/collection.yml")
    if collection is None:
        print(format_findings(findings, "text"), file=sys.stderr)
        return 1
    period = parse_period(args.period)
    if period is None:
        raise UsageError(f"期间“{args.period}”格式不对：应写作 2024、2024-H1/2024-H2、2024-Q3 或 2024-05")
    if args.unit not in collection.units:
        raise UsageError(f"单位“{args.unit}”不在 collection.yml 中{did_you_mean(args.unit, list(collection.units))}")
    if args.kind not in collection.kinds:
        raise UsageError(f"类别“{args.kind}”不在 collection.yml 中{did_you_mean(args.kind, list(collection.kinds))}")
    path = root / REPORTS_DIR / args.unit / f"{period.slug}-{args.kind}.md"
    shown = display_path(path, root)
    if path.exists():
        print(f"{shown} 已存在，没有覆盖它：请直接编辑这个文件，或先删除它再新建。", file=sys.stderr)
        return 1
    write_atomic(path, report_template(collection, args.unit, period, args.kind).encode("utf-8"))
    print(f"已新建 {shown}")
    print("下一步：按文中提示补写各部分内容，运行 make serve 预览，运行 huibian check 检查后提交。")
    return 0
