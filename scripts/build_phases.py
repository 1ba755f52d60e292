"""Time the steps of one `mkdocs build -q` of the project in the current folder (CPU seconds, as JSON).

    python scripts/build_phases.py OUT.json

Used by scripts/bench.py to show where a Huibian build and the bare baseline spend their time.
Each step's time is exclusive: what its own code costs, without the steps it calls, so the steps
add up to the whole process. Steps:

- `start-up`: Python, imports, and whatever else runs outside the steps below;
- `config`: loading mkdocs.yml (the theme, plugins and hooks, and what they import);
- `event:<name>`: a plugin or hook event (`files`, `page_content`, `post_build`, ...);
- `markdown`: Markdown to HTML, page by page (MkDocs's `_populate_page`, without its events);
- `templates`: each page through the theme's templates and written out (`_build_page`);
- `theme pages`: 404.html and sitemap.xml;
- `other`: the rest of the build (listing files, navigation, copying the theme's files).
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mkdocs.config
from mkdocs import plugins
from mkdocs.__main__ import cli
from mkdocs.commands import build

clock: Callable[[], float] = time.process_time  # a test sets its own clock to check the attribution exactly
exclusive: defaultdict[str, float] = defaultdict(float)
_stack: list[list[float]] = []  # per open step: [its start, CPU of the steps nested in it]


def _timed(step: Callable[..., str], function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _stack.append([clock(), 0.0])
        try:
            return function(*args, **kwargs)
        finally:
            started, nested = _stack.pop()
            spent = clock() - started
            exclusive[step(*args, **kwargs)] += spent - nested
            if _stack:
                _stack[-1][1] += spent

    return wrapper


def _named(name: str) -> Callable[..., str]:
    return lambda *args, **kwargs: name


def main(out: Path) -> None:
    pages = 0

    def count(*args: Any, **kwargs: Any) -> str:
        nonlocal pages
        pages += 1
        return "markdown"

    mkdocs.config.load_config = _timed(_named("config"), mkdocs.config.load_config)
    build.build = _timed(_named("other"), build.build)
    build._populate_page = _timed(count, build._populate_page)
    build._build_page = _timed(_named("templates"), build._build_page)
    build._build_theme_template = _timed(_named("theme pages"), build._build_theme_template)
    plugins.PluginCollection.run_event = _timed(  # type: ignore[method-assign]
        lambda collection, name, *args, **kwargs: f"event:{name}", plugins.PluginCollection.run_event
    )
    cli(["build", "-q"], standalone_mode=False)
    total = clock()
    steps = {"start-up": total - sum(exclusive.values()), **exclusive}
    out.write_text(json.dumps({"pages": pages, "total": total, "steps": steps}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
