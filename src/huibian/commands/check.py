"""`huibian check [PATH...] [--format text|json|github|gitlab] [--strict]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from huibian.check import check_collection
from huibian.commands import project_root
from huibian.findings import Severity, format_findings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="只检查这些文件或目录（默认检查全部报告）")
    parser.add_argument("--format", choices=("text", "json", "github", "gitlab"), default="text", help="输出格式")
    parser.add_argument("--strict", action="store_true", help="有警告也返回失败")


def run(args: argparse.Namespace) -> int:
    from huibian.cli import UsageError

    root = project_root()
    for path in args.paths:
        if not path.exists():
            raise UsageError(f"找不到文件或目录：{path}")
    result = check_collection(root, args.paths or None)
    output = format_findings(result.findings, args.format)
    if output:
        print(output)
    errors = sum(f.severity is Severity.ERROR for f in result.findings)
    warnings = len(result.findings) - errors
    print(f"检查了 {len(result.reports)} 份报告：{errors} 个错误，{warnings} 个警告。", file=sys.stderr)
    if errors or (args.strict and warnings):
        return 1
    return 0
