"""`huibian finish`: complete a site an engine built from `huibian generate`'s tree (see that command)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from huibian.build_lock import BuildLocked, build_lock
from huibian.commands import project_root, step_logger
from huibian.generate import GenerationError, Settings, finish, finish_built_pages, generate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="引擎已构建好的网站目录（默认 site）")


def run(args: argparse.Namespace) -> int:
    root = project_root()
    site_dir = (root / args.site_dir).resolve()
    if not (site_dir / "index.html").is_file():
        print(f"{site_dir} 里没有已构建的网站（缺少 index.html）：请先用引擎构建 huibian generate 生成的目录。",
              file=sys.stderr)
        return 1
    log = step_logger()
    try:
        settings = Settings.from_environment(serving=False)
        with build_lock(root, "finish", settings.audience):  # it writes PDFs into site/, as huibian pdf does
            generation = generate(root, settings, log)
            finished = finish_built_pages(generation, site_dir)
            finish(generation, site_dir, log)
    except (GenerationError, BuildLocked) as problem:
        print(str(problem), file=sys.stderr)
        return 1
    print(f"已完成 {finished} 个生成页面、检索索引和目录：{site_dir}", file=sys.stderr)
    return 0
