"""Which site engine builds the pages: ProperDocs by default, MkDocs 1.6 also supported.

ProperDocs (PyPI `properdocs`) is the maintained drop-in fork of MkDocs 1.6: it reads the same
mkdocs.yml, runs the same hooks and Material theme, and builds the same site apart from the
generator tag. MkDocs 1.6.1 is unmaintained. `HUIBIAN_ENGINE=mkdocs` chooses MkDocs.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

import yaml

ENGINES = ("properdocs", "mkdocs")


class EngineMissing(Exception):
    """The chosen engine is not installed; the message (Chinese) says how to install it."""


def engine_name() -> str:
    """HUIBIAN_ENGINE if set, else the first of ENGINES that is installed."""
    chosen = os.environ.get("HUIBIAN_ENGINE", "").strip().lower()
    if chosen and chosen not in ENGINES:
        raise EngineMissing(f"HUIBIAN_ENGINE 只能是 {' 或 '.join(ENGINES)}，而不是“{chosen}”")
    for name in [chosen] if chosen else ENGINES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise EngineMissing(f"没有安装 {chosen or 'properdocs'}：请运行 make install（或 pip install {chosen or 'properdocs'}）")


def engine_command(command: str, root: Path, *args: str) -> list[str]:
    """The command line that runs the engine's `command` ("build", "serve") on the project at `root`.

    The project's config is named explicitly: ProperDocs reads mkdocs.yml too, but otherwise asks
    on every run that it be renamed to properdocs.yml.
    """
    config = [name for name in ("mkdocs.yml", "properdocs.yml") if (root / name).is_file()][:1]
    return [sys.executable, "-m", engine_name(), command, *(["-f", str(root / config[0])] if config else []), *args]


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its plain settings; a `!!python/...` tag (e.g. toc's slugify) is read as None, never run."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_site_config(path: Path) -> dict[str, Any]:
    """The settings of mkdocs.yml as data (tags that would construct objects are left out)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader subclass
    return data if isinstance(data, dict) else {}
