"""`huibian pdf [--jobs N] [--shard I/N] [BUNDLE...]`: render the PDF compilations (汇编).

Writes `<out>/pdf/*.pdf` and, when the whole plan is rendered, `<out>/bundles.json`.
Unchanged bundles are copied from `.cache/huibian/pdf/`.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
from pathlib import Path

from huibian.build_lock import BuildLocked, build_lock
from huibian.check import check_collection, published
from huibian.commands import chosen_audience, project_root
from huibian.file_errors import describe
from huibian.findings import Severity, format_findings
from huibian.pdf import Bundle, plan_bundles, read_pdf_config
from huibian.site import SiteModel


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bundles", nargs="*", metavar="BUNDLE",
                        help="只生成这些汇编（名称或通配符，如 period-2024-H1、unit-*；用 --list 查看）")
    parser.add_argument("--jobs", "-j", type=int, default=0, help="并行进程数（默认 = CPU 核数）")
    parser.add_argument("--shard", default="", metavar="I/N", help="只生成第 I 份（共 N 份），供多台机器分担")
    parser.add_argument("--out", type=Path, default=Path("site"), help="输出目录（默认 site，PDF 在其 pdf/ 下）")
    parser.add_argument("--list", action="store_true", help="只列出汇编计划，不生成")
    parser.add_argument("--system-fonts", action="store_true",
                        help="直接使用系统字体，不预先裁剪字体（仅供性能对比）")


def parse_shard(text: str) -> tuple[int, int] | None:
    from huibian.cli import UsageError

    if not text:
        return None
    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit()) or not 1 <= int(index) <= int(count):
        raise UsageError(f"--shard 应写作 I/N（1 ≤ I ≤ N），例如 1/4，而不是“{text}”")
    return int(index), int(count)


def shard(bundles: list[Bundle], index: int, count: int) -> list[Bundle]:
    """A deterministic share: largest bundles dealt out first, round robin, in plan order."""
    ranked = sorted(range(len(bundles)), key=lambda i: (-len(bundles[i].reports), bundles[i].name))
    mine = {position for rank, position in enumerate(ranked) if rank % count == index - 1}
    return [b for i, b in enumerate(bundles) if i in mine]


def select(bundles: list[Bundle], patterns: list[str]) -> list[Bundle]:
    from huibian.cli import UsageError

    if not patterns:
        return bundles

    def matches(bundle: Bundle, pattern: str) -> bool:
        """By name or path; a compilation's name also selects all its volumes (NAME-v1, NAME-v2, …)."""
        return fnmatch.fnmatchcase(bundle.name, pattern) or bundle.path == pattern or (
            bool(bundle.volume) and fnmatch.fnmatchcase(bundle.name, pattern + "-v*"))

    chosen = [b for b in bundles if any(matches(b, p) for p in patterns)]
    unknown = [p for p in patterns if not any(matches(b, p) for b in bundles)]
    if unknown:
        raise UsageError(f"没有这样的汇编：{'、'.join(unknown)}（运行 huibian pdf --list 查看全部）")
    return chosen


def run(args: argparse.Namespace) -> int:
    from huibian.cli import UsageError
    from huibian.pdf.fonts import FontProblem
    from huibian.pdf.render import render_bundles, write_manifest

    root = project_root()
    if args.jobs < 0:
        raise UsageError("--jobs 应为正整数")
    where = parse_shard(args.shard)
    audience = chosen_audience()
    result = check_collection(root)
    if result.collection is None:
        print(format_findings(result.findings, "text"), file=sys.stderr)
        print("reports/collection.yml 有错误，无法生成 PDF。", file=sys.stderr)
        return 1
    config, problems = read_pdf_config(result.collection, root)
    if problems:
        print(format_findings(problems, "text"), file=sys.stderr)
        return 1
    site = SiteModel(result.collection, published(result.reports, audience), audience)
    plan = plan_bundles(site, config)
    chosen = select(plan, args.bundles)
    if where:
        chosen = shard(chosen, *where)
    if args.list:
        for bundle in chosen:
            print(f"{bundle.name}\t{len(bundle.reports)} 份\t{bundle.title}")
        return 0
    out = args.out if args.out.is_absolute() else root / args.out
    try:
        with build_lock(root, "pdf", audience):
            summary = render_bundles(chosen, result.collection, config, root, out, jobs=args.jobs,
                                     subset_fonts=not args.system_fonts, progress=sys.stderr)
            if not args.bundles and not where:
                write_manifest(out / "bundles.json", summary)
    except (FontProblem, BuildLocked) as problem:
        print(str(problem), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"无法写入 PDF：{describe(exc)}。", file=sys.stderr)
        return 1
    if summary.findings:
        print(format_findings(summary.findings, "text"), file=sys.stderr)
    for warning in summary.warnings:
        print(f"警告：{warning}", file=sys.stderr)
    for failed in summary.failed:
        print(failed.error, file=sys.stderr)
    errors = sum(f.severity is Severity.ERROR for f in result.findings)
    if errors:
        print(f"注意：报告中有 {errors} 个错误（运行 huibian check 查看）。", file=sys.stderr)
    return 1 if summary.failed else 0
