"""Sub-commands of `huibian`: each module has `add_arguments(parser)` and `run(args) -> int`."""

from __future__ import annotations

import logging
import sys
import unicodedata
from pathlib import Path

from huibian.check import audience_from_environment, find_root


def project_root() -> Path:
    """The project folder around the current directory, or a usage error."""
    from huibian.cli import UsageError

    root = find_root(Path.cwd())
    if root is None:
        raise UsageError("找不到 reports/collection.yml：请在汇编项目的目录中运行")
    return root


def chosen_audience() -> str:
    """The edition HUIBIAN_AUDIENCE asks for; a usage error when it is neither internal nor public."""
    from huibian.cli import UsageError

    try:
        return audience_from_environment()
    except ValueError as exc:
        raise UsageError(str(exc)) from exc


def step_logger() -> logging.Logger:
    """Huibian's own log lines on stderr, for commands that run build steps outside an engine."""
    log = logging.getLogger("huibian")
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
    return log


def char_width(char: str) -> int:
    """Terminal columns of one character: Chinese characters take two."""
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def width(text: str) -> int:
    """Terminal columns of a text."""
    return sum(char_width(char) for char in text)
