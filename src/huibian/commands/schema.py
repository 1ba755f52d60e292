"""`huibian schema [--out FILE]`: the JSON Schema of report front matter, for editors."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from huibian.check import REPORTS_DIR, display_path
from huibian.collection import COLLECTION_FILE, load_collection
from huibian.commands import project_root
from huibian.findings import format_findings
from huibian.json_schema import front_matter_schema


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, metavar="FILE",
                        help="写入此文件（例如 .vscode/huibian.schema.json）；不写则输出到终端")


def run(args: argparse.Namespace) -> int:
    root = project_root()
    reports_dir = root / REPORTS_DIR
    collection, findings = load_collection(reports_dir, display_path(reports_dir / COLLECTION_FILE, root))
    if collection is None:
        print(format_findings(findings, "text"), file=sys.stderr)
        print("reports/collection.yml 有错误，无法生成元数据模式。", file=sys.stderr)
        return 1
    text = json.dumps(front_matter_schema(collection), ensure_ascii=False, indent=2) + "\n"
    if args.out is None:
        sys.stdout.write(text)
        return 0
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(out)
    print(f"已写入 {out}（{len(collection.units)} 个单位，{len(collection.kinds)} 种类别）。", file=sys.stderr)
    return 0
