"""`huibian import SRC... [--out DIR] [--unit ID] [--period P] [--kind K] [--dry-run] [--no-split] [--keep-traditional]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from huibian.check import REPORTS_DIR, display_path, find_root
from huibian.collection import Collection, did_you_mean, load_collection
from huibian.file_errors import describe as describe_os_error
from huibian.importer import ImportOptions, ImportProblem, import_bytes
from huibian.importer.writer import assign_targets, check_free, describe, log_path, write_result
from huibian.periods import parse_period
from huibian.sources import MAX_BYTES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="+", type=Path, metavar="SRC", help="要导入的 .docx、.doc、.rtf、.txt 或 .md 文件")
    parser.add_argument("--out", type=Path, metavar="DIR", help="输出目录（默认为项目的 reports/，按 单位/期间-类别.md 存放）")
    parser.add_argument("--unit", metavar="ID", help="报送单位编号（覆盖从正文推断的结果）")
    parser.add_argument("--period", metavar="P", help="报告期间，如 2024-H1（覆盖推断结果）")
    parser.add_argument("--kind", metavar="K", help="报告类别编号（覆盖推断结果）")
    parser.add_argument("--dry-run", action="store_true", help="只显示结果和删除清单，不写任何文件")
    parser.add_argument("--no-split", action="store_true", help="不把一个文件拆成几份报告")
    parser.add_argument("--keep-traditional", action="store_true", help="保留繁体字原文（默认转为简体，并在清单中列出）")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的报告文件")


def _check_options(args: argparse.Namespace, collection: Collection | None) -> None:
    from huibian.cli import UsageError

    if args.period and parse_period(args.period) is None:
        raise UsageError(f"期间“{args.period}”格式不对：应写作 2024、2024-H1、2024-Q3 或 2024-05")
    if collection is not None:
        if args.unit and args.unit not in collection.units:
            raise UsageError(f"单位“{args.unit}”不在 collection.yml 中{did_you_mean(args.unit, list(collection.units))}")
        if args.kind and args.kind not in collection.kinds:
            raise UsageError(f"类别“{args.kind}”不在 collection.yml 中{did_you_mean(args.kind, list(collection.kinds))}")
    for source in args.sources:
        if not source.is_file():
            raise UsageError(f"找不到文件：{source}")


def refuse_too_large(source: Path, shown: str) -> None:
    """Refuse a file over the limit by its size on disk, before reading a byte of it."""
    size = source.stat().st_size
    if size > MAX_BYTES:
        raise ImportProblem(
            f"{shown}：文件有 {size / 2**20:.1f} MB，超过导入上限 {MAX_BYTES // 2**20} MB，没有读取："
            "一份报告通常不到 1 MB，请确认选对了文件，或把它拆成几份再分别导入",
            code="unreadable",
        )


def run(args: argparse.Namespace) -> int:
    root = find_root(Path.cwd())
    collection: Collection | None = None
    if root is not None:
        collection, _findings = load_collection(root / REPORTS_DIR)
    if collection is None:
        print("注意：没有找到可用的 reports/collection.yml，单位和类别无法推断，将留作待填写。", file=sys.stderr)
    _check_options(args, collection)
    base = root or Path.cwd()
    out_dir = args.out if args.out else base / REPORTS_DIR
    options = ImportOptions(
        unit=args.unit, period=parse_period(args.period).code if args.period else None,  # type: ignore[union-attr]
        kind=args.kind, split=not args.no_split, keep_traditional=args.keep_traditional,
    )
    failures = 0
    for source in args.sources:
        shown = display_path(source, base)
        try:
            refuse_too_large(source, shown)
            data = source.read_bytes()
            result = import_bytes(data, shown, collection, options)
            assign_targets(result, out_dir, source.stem)
            force = args.force
            if result.verbatim and source.resolve().is_relative_to(out_dir.resolve()):
                # A report already in reports/ (say GB18030): converted in place, text unchanged.
                result.reports[0].target = source
                force = True

            def show(path: Path) -> str:
                return display_path(path, base)

            if args.dry_run:
                check_free(result, force)
                print("\n".join(describe(result, show)))
                for report in result.reports:
                    print(f"\n===== {show(report.target) if report.target else ''}（试运行，未写入）=====")
                    print(report.markdown)
                print(f"试运行：没有写入任何文件（删除清单会写到 {show(log_path(result, source.stem))}）。")
            else:
                log, lines = write_result(result, source.stem, force, show)
                print("\n".join(lines))
                print(f"  删除清单已写入 {show(log)}。请核对“待填写”的元数据，然后运行 huibian check。")
        except ImportProblem as problem:
            print(f"导入失败：{problem.message}", file=sys.stderr)
            failures += 1
        except OSError as exc:
            print(f"导入失败：{shown}：{describe_os_error(exc)}", file=sys.stderr)
            failures += 1
    return 1 if failures else 0
