"""The `huibian` command line. Each sub-command lives in `huibian.commands.<name>`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# name -> (module in huibian.commands, Chinese help). Modules are imported only when needed.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("check", "检查报告的元数据和结构（不构建网站）"),
    "build": ("build", "构建网站和 PDF 到 site/（失败时保留上一次的网站）"),
    "serve": ("serve", "实时预览网站：http://127.0.0.1:8000（保存后自动刷新，不生成 PDF）"),
    "status": ("status", "报送情况：哪些单位哪期报告已报送、未报送（不构建网站）"),
    "schema": ("schema", "生成报告元数据的 JSON Schema，供编辑器补全和检查"),
    "import": ("importing", "把 Word（.docx）或文本文件导入为报告：去掉水印广告，推断元数据，不丢一个字"),
    "new": ("new", "按报告类别的模板新建一份报告"),
    "generate": ("generate", "只生成页面（Markdown）到一个目录，供不运行钩子的引擎构建"),
    "finish": ("finish", "为引擎已构建的网站补上检索索引、目录和 PDF（与 huibian generate 配合）"),
    "recycled": ("recycled", "重复率：逐段对照一份报告与本单位早期报告、其他单位报告相同的文字"),
    "pdf": ("pdf", "生成 PDF 汇编（按报告、单位、期间、类别和全部），未改动的汇编沿用缓存"),
}


class UsageError(Exception):
    """A command was called wrongly: exit code 2 with a Chinese message."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="huibian", description="汇编：工作报告的检查、网站和 PDF 汇编")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(f"huibian.commands.{module_name}")
        command = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown and getattr(args, "command", None) != "serve":  # serve hands its options to the engine
        parser.error(f"无法识别的参数：{' '.join(unknown)}")
    if unknown:
        args.options = [*unknown, *args.options]
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except UsageError as exc:
        print(f"huibian {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
