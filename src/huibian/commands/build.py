"""`huibian build [--strict]`: build into a fresh folder, then swap it in as `site/`.

The engine is ProperDocs, or MkDocs with HUIBIAN_ENGINE=mkdocs (huibian.engine).

A build that fails or is killed leaves the previous `site/` as it was.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from huibian.commands import project_root
from huibian.engine import EngineMissing, engine_command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="有警告也算失败（同 mkdocs build --strict）")
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="输出目录（默认 site）")


def run(args: argparse.Namespace) -> int:
    root = project_root()
    target = (root / args.site_dir).resolve()
    staging = target.with_name(f".{target.name}.building")
    old = target.with_name(f".{target.name}.old")
    for leftover in (staging, old):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        command = engine_command("build", "--clean", "--site-dir", str(staging))
    except EngineMissing as problem:
        print(str(problem), file=sys.stderr)
        return 1
    if args.strict:
        command.append("--strict")
    completed = subprocess.run(command, cwd=root, env=os.environ.copy())
    if completed.returncode != 0 or not (staging / "index.html").is_file():
        shutil.rmtree(staging, ignore_errors=True)
        kept = "上一次的网站 site/ 保持不变。" if target.exists() else ""
        print(f"构建失败（退出码 {completed.returncode}）。{kept}", file=sys.stderr)
        return 1
    swap_in(staging, target, old)
    print(f"网站已生成：{target}", file=sys.stderr)
    return 0


def swap_in(staging: Path, target: Path, old: Path) -> None:
    """Replace `target` by `staging` with two renames, so readers never see a half site."""
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
