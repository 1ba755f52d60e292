"""`huibian check [PATH...] [--format text|json|github|gitlab] [--strict] [--fix]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from huibian.check import REPORTS_DIR, check_collection, display_path, report_files
from huibian.commands import project_root
from huibian.findings import Severity, format_findings
from huibian.lint_cache import CACHE_FILE


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="只检查这些文件或目录（默认检查全部报告）")
    parser.add_argument("--format", choices=("text", "json", "github", "gitlab"), default="text", help="输出格式")
    parser.add_argument("--strict", action="store_true", help="有警告也返回失败")
    parser.add_argument(
        "--fix", action="store_true",
        help="先自动修正可机械处理的问题（半角括号序号、全角空格缩进、行首多余的 > 和 #），列出改动，再检查",
    )


def run(args: argparse.Namespace) -> int:
    from huibian.cli import UsageError

    root = project_root()
    for path in args.paths:
        if not path.exists():
            raise UsageError(f"找不到文件或目录：{path}")
    if getattr(args, "fix", False):
        _fix(root, args.paths)
    result = check_collection(root, args.paths or None)
    output = format_findings(result.findings, args.format)
    if output:
        print(output)
    errors = sum(f.severity is Severity.ERROR for f in result.findings)
    warnings = len(result.findings) - errors
    print(f"检查了 {len(result.reports)} 份报告：{errors} 个错误，{warnings} 个警告。", file=sys.stderr)
    if result.unchanged:
        print(f"其中 {result.unchanged} 份自上次检查以来未改动，沿用了上次的检查结果"
              f"（{CACHE_FILE.parent.as_posix()}/）。", file=sys.stderr)
    if errors or (args.strict and warnings):
        return 1
    return 0


def _fix(root: Path, paths: list[Path]) -> None:
    """Apply the safe fixes to the chosen reports and tell the user every change (on stderr)."""
    from huibian.fix import fix_file

    files: list[Path] = []
    for path in paths or [root / REPORTS_DIR]:
        files.extend(report_files(path) if path.is_dir() else [path])
    changed = 0
    for path in files:
        changes = fix_file(path)
        shown = display_path(path, root)
        for change in changes:
            print(f"{shown}:{change.line}: 已修正：{change.description}", file=sys.stderr)
        changed += bool(changes)
    print(f"自动修正了 {changed} 个文件。", file=sys.stderr)
