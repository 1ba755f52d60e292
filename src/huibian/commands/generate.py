"""`huibian generate`: every generated page as Markdown in a tree any engine can build (no hook needed).

    huibian generate --out build/tree          # every generated page as Markdown, and tree/mkdocs.yml
    mkdocs build -f build/tree/mkdocs.yml -d site   # any engine; the hook is not needed
    huibian finish --site-dir site             # PDFs, catalog, search index; generated pages finished

`huibian build` and the hook run the same steps in one MkDocs/ProperDocs build.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from huibian.commands import project_root, step_logger
from huibian.engine import read_site_config
from huibian.generate import GenerationError, Settings, generate, navigation, write_tree

TREE_CONFIG = "mkdocs.yml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path(".cache/huibian/tree"),
                        help="生成目录（默认 .cache/huibian/tree）：其中 docs/ 为全部页面，mkdocs.yml 为不带钩子的配置")


def run(args: argparse.Namespace) -> int:
    root = project_root()
    config_file = root / "mkdocs.yml"
    config = read_site_config(config_file)
    docs_dir = root / str(config.get("docs_dir") or "docs")
    out = (root / args.out).resolve()
    try:
        generation = generate(root, Settings.from_environment(serving=False), step_logger())
        written = write_tree(generation, docs_dir, out / "docs")
    except GenerationError as problem:
        print(str(problem), file=sys.stderr)
        return 1
    for bundle in generation.pdf_plan:  # placeholders, so the engine's link check knows the PDFs
        for path in (bundle.path, bundle.docx_path):
            (out / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
            (out / "docs" / path).write_bytes(b"")
    (out / TREE_CONFIG).write_text(_tree_config(config_file, config, out, root), encoding="utf-8")
    print(f"已生成 {len(written)} 个页面和文件到 {out / 'docs'}。下一步：\n"
          f"  mkdocs build -f {out / TREE_CONFIG} -d site   （或 properdocs / zensical）\n"
          f"  huibian finish --site-dir site", file=sys.stderr)
    return 0


def _tree_config(config_file: Path, config: dict[str, object], out: Path, root: Path) -> str:
    """The project's mkdocs.yml for the generated tree: no hooks, the tree's docs, the whole navigation.

    Written as the project's own text with those top-level keys replaced (not with `INHERIT`, which
    Zensical reads differently); the theme's `custom_dir` is copied beside it, so relative paths hold.
    """
    theme = config.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    if isinstance(custom_dir, str) and (root / custom_dir).is_dir():
        shutil.rmtree(out / custom_dir, ignore_errors=True)
        shutil.copytree(root / custom_dir, out / custom_dir)
    replaced = {"hooks", "nav", "docs_dir", "site_dir"}
    kept, skipping = [], False
    for line in config_file.read_text(encoding="utf-8").splitlines():
        key = line.split(":", 1)[0] if line[:1].isalpha() else None
        if key is not None:
            skipping = key in replaced
        if not skipping:
            kept.append(line)
    nav = config.get("nav")
    kept += ["", "# Written by `huibian generate`: the generated tree, built without hooks.", "docs_dir: docs",
             f"nav: {json.dumps(navigation(nav if isinstance(nav, list) else None), ensure_ascii=False)}"]
    return "\n".join(kept) + "\n"


