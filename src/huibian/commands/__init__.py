"""Sub-commands of `huibian`: each module has `add_arguments(parser)` and `run(args) -> int`."""

from __future__ import annotations

from pathlib import Path

from huibian.check import find_root


def project_root() -> Path:
    """The project folder around the current directory, or a usage error."""
    from huibian.cli import UsageError

    root = find_root(Path.cwd())
    if root is None:
        raise UsageError("找不到 reports/collection.yml：请在汇编项目的目录中运行")
    return root
